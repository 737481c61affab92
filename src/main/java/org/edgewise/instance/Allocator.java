package org.edgewise.instance;

import static org.edgewise.jooq.Tables.INSTANCE;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.edgewise.instance.PlacementStore.Decisions;
import org.edgewise.instance.PlacementStore.Demand;
import org.edgewise.instance.PlacementStore.Pending;
import org.edgewise.instance.PlacementStore.Stranded;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import jakarta.annotation.PreDestroy;

/**
 * Gives pending instances a place: a partition of their own ({@link PartitionPlacement}), or for a shared
 * instance a host offered for sharing ({@link SharedPlacement}); when no place exists the instance keeps an
 * explanation ({@link WaitExplanation}). One instance is placed at once when it is requested; the periodic
 * sweep works through all that wait, in batches locked so that allocators on several Master replicas skip
 * what another holds ({@link PlacementStore}).
 *
 * <p>The sweep also moves the instances placed on a computer whose build then failed, and that their node
 * never ran there, and the movable instances of a computer that is lost (silent, or closed by an operator):
 * each goes to another computer that fits, or says why it stays.
 */
@Service
public class Allocator {

    private static final Logger log = LoggerFactory.getLogger(Allocator.class);
    /** Instances per batch, each batch in a transaction of its own. */
    static final int BATCH = 500;

    private final DSLContext db;
    private final PlacementStore store;
    private final PartitionPlacement partitionPlacement;
    private final SharedPlacement sharedPlacement;
    private final TransactionTemplate tx;
    private final int workers;
    private final ExecutorService pool;

    Allocator(DSLContext db, PlacementStore store, PartitionPlacement partitionPlacement,
            SharedPlacement sharedPlacement, TransactionTemplate tx,
            @Value("${edgewise.allocation.workers:2}") int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("edgewise.allocation.workers must be at least 1, not " + workers);
        }
        this.workers = workers;
        this.pool = Executors.newFixedThreadPool(Math.max(1, workers - 1), runnable -> {
            Thread thread = new Thread(runnable, "allocation-worker");
            thread.setDaemon(true);
            return thread;
        });
        this.db = db;
        this.tx = tx;
        this.store = store;
        this.partitionPlacement = partitionPlacement;
        this.sharedPlacement = sharedPlacement;
    }

    /** Tries to place one instance, inside the caller's transaction. Returns whether it has a place now. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean allocate(long instanceId) {
        List<Pending> locked = store.lockPending(INSTANCE.ID.eq(instanceId), 1);
        if (locked.isEmpty()) {
            // another allocator holds it, or it is destroyed: it has a place only if it had one already
            return store.hasPlace(instanceId);
        }
        return place(locked) == 1;
    }

    /**
     * Works through the pending instances, oldest first, a batch per transaction, with
     * {@code edgewise.allocation.workers} batches at a time; returns how many got a place. Several
     * allocators may run at once, here or on other replicas: each skips the instances, computers and
     * partitions another holds.
     */
    public int allocatePending() {
        AtomicLong cursor = new AtomicLong();
        List<Future<Integer>> others = new ArrayList<>();
        for (int i = 1; i < workers; i++) {
            others.add(pool.submit(() -> drain(cursor)));
        }
        int placed = drain(cursor);
        for (Future<Integer> other : others) {
            try {
                placed += other.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while allocating", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        return placed;
    }

    /**
     * Takes batches after the cursor until none is left. Batches another worker holds are skipped, and the
     * cursor only moves forward, so workers sharing it take batches one after the other.
     */
    private int drain(AtomicLong cursor) {
        int placed = 0;
        while (true) {
            long from = cursor.get();
            Batch batch = tx.execute(status -> {
                // plan each query of a batch for its release and size: the generic plan of a prepared statement,
                // chosen after a few executions, walked every installation for every computer, ten times slower
                // (single placements at request time keep the generic plans, cheaper than planning each time)
                db.execute("SET LOCAL plan_cache_mode = force_custom_plan");
                List<Pending> pending = store.lockPending(INSTANCE.ID.gt(from), BATCH);
                return new Batch(place(pending), pending.isEmpty() ? null : pending.get(pending.size() - 1).id());
            });
            placed += batch.placed();
            if (batch.lastId() == null) {
                return placed;
            }
            cursor.accumulateAndGet(batch.lastId(), Math::max);
        }
    }

    @PreDestroy
    void stopWorkers() {
        pool.shutdownNow();
    }

    record Batch(int placed, Long lastId) { }

    /**
     * One sweep: moves the instances stranded by failed builds ({@link #moveFromFailedBuilds}) and those of lost
     * computers ({@link #moveFromLostComputers}), clears the explanations that no longer hold (the build succeeded
     * since, the node ran the instance, its computer is back), then places the pending ones
     * ({@link #allocatePending}). {@link AllocationSweep} runs it in the background.
     */
    public void sweep() {
        int moved = moveFromFailedBuilds();
        if (moved > 0) {
            log.info("Moved {} instances away from computers whose build of their release failed", moved);
        }
        int rescued = moveFromLostComputers();
        if (rescued > 0) {
            log.info("Moved {} instances away from computers that are silent or closed", rescued);
        }
        tx.executeWithoutResult(status -> store.clearSettledNotes());
        long start = System.nanoTime();
        int placed = allocatePending();
        if (placed > 0) {
            long millis = Math.max(1, (System.nanoTime() - start) / 1_000_000);
            log.info("Allocated {} pending instances in {} ms ({} per second)", placed, millis, placed * 1000L / millis);
        }
    }

    /**
     * Moves the instances placed on a computer whose build of their release failed and that their node never
     * ran (it reported nothing of them): each to another computer that fits, a batch per transaction, with a
     * timeline entry saying from where to where and why; those that no computer takes yet say why they stay.
     * Returns how many moved.
     */
    int moveFromFailedBuilds() {
        int moved = 0;
        long from = 0;
        while (true) {
            long after = from;
            Batch batch = tx.execute(status -> {
                List<Stranded> stranded = store.lockStranded(after, BATCH);
                return new Batch(partitionPlacement.move(stranded),
                        stranded.isEmpty() ? null : stranded.get(stranded.size() - 1).id());
            });
            moved += batch.placed();
            if (batch.lastId() == null) {
                break;
            }
            from = batch.lastId();
        }
        return moved;
    }

    /**
     * Self-repair: moves the movable instances of computers that are lost (silent past the threshold, or closed
     * by an operator) to other computers that fit, with a timeline entry saying from where to where and why;
     * those no computer takes yet say why they wait. Returns how many moved.
     */
    int moveFromLostComputers() {
        int moved = 0;
        long from = 0;
        while (true) {
            long after = from;
            Batch batch = tx.execute(status -> {
                List<Stranded> lost = store.lockLost(after, BATCH);
                return new Batch(partitionPlacement.move(lost), lost.isEmpty() ? null : lost.get(lost.size() - 1).id());
            });
            moved += batch.placed();
            if (batch.lastId() == null) {
                return moved;
            }
            from = batch.lastId();
        }
    }

    /** Places the locked instances it can, explains the others; returns how many got a place. */
    private int place(List<Pending> pending) {
        if (pending.isEmpty()) {
            return 0;
        }
        Decisions d = new Decisions();
        Map<Demand, List<Pending>> byDemand = new LinkedHashMap<>();
        for (Pending p : pending) {
            if (p.shared()) {
                sharedPlacement.place(p, d);
            } else {
                byDemand.computeIfAbsent(p.demand(), k -> new ArrayList<>()).add(p);
            }
        }
        byDemand.forEach((demand, instances) -> partitionPlacement.placeAlike(demand, instances, d));
        return store.record(d);
    }
}

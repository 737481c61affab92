package org.edgewise.instance;

import static org.edgewise.jooq.Tables.COMPUTER;
import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.INSTANCE;
import static org.edgewise.jooq.Tables.PARTITION;
import static org.edgewise.jooq.Tables.SOFTWARE_INSTALLATION;
import static org.edgewise.jooq.Tables.SOFTWARE_RELEASE;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.edgewise.computer.Partitions;
import org.edgewise.computer.PlanVersions;
import org.edgewise.database.ArrayPairs;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.FieldChange;
import org.edgewise.security.Actor;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectConditionStep;
import org.jooq.SelectSelectStep;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import jakarta.annotation.PreDestroy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Gives pending instances a place: a free partition of an open computer that has the release supplied,
 * matches the SLA, is in the customer's allocation scope and has capacity left; or, for a shared
 * instance, a host instance offered for sharing (see {@link InstanceSharing}). Computers whose node
 * reported the release built come first, then those still building it (or that reported nothing yet);
 * a computer whose build of the release failed gets nothing. Every decision is taken in the database under
 * {@code FOR NO KEY UPDATE SKIP LOCKED}, so allocators on several Master replicas never hand one partition
 * to two instances. When no place exists the instance keeps an explanation.
 *
 * <p>The sweep also moves the instances placed on a computer whose build then failed, and that their node
 * never ran there: each goes to another computer that fits, or says why it stays.
 */
@Service
public class Allocator {

    private static final Logger log = LoggerFactory.getLogger(Allocator.class);
    private static final org.edgewise.jooq.tables.Document COMPUTER_DOC = DOCUMENT.as("c_doc");
    private static final org.edgewise.jooq.tables.Document INSTALLATION_DOC = DOCUMENT.as("si_doc");
    static final int BATCH = 500;
    private static final int FAILED_BUILDS_SHOWN = 3;
    private static final int MAX_LOG_LINE = 200;

    /** The preference tiers of computers, by what their node last reported of the release's build. */
    private static final int BUILT = 0;
    private static final int NOT_BUILT_YET = 1;
    private static final List<Condition> TIERS = List.of(
            SOFTWARE_INSTALLATION.REPORTED_STATE.eq("available"),
            // building, nothing reported yet, or reported removed before it was supplied again: built next
            SOFTWARE_INSTALLATION.REPORTED_STATE.isNull().or(SOFTWARE_INSTALLATION.REPORTED_STATE.in("building",
                    "destroyed")));

    private final DSLContext db;
    private final DocumentEngine engine;
    private final PlanVersions plans;
    private final Partitions partitions;
    private final TransactionTemplate tx;
    private final int workers;
    private final ExecutorService pool;

    Allocator(DSLContext db, DocumentEngine engine, PlanVersions plans, Partitions partitions, TransactionTemplate tx,
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
        this.engine = engine;
        this.plans = plans;
        this.partitions = partitions;
    }

    /** Tries to place one instance, inside the caller's transaction. Returns whether it has a place now. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean allocate(long instanceId) {
        List<Pending> locked = lock(INSTANCE.ID.eq(instanceId), 1);
        if (locked.isEmpty()) {
            // another allocator holds it, or it is destroyed: it has a place only if it had one already
            return db.fetchExists(db.selectOne().from(INSTANCE).join(DOCUMENT).on(DOCUMENT.ID.eq(INSTANCE.ID))
                    .where(INSTANCE.ID.eq(instanceId)).and(DOCUMENT.STATE.ne("destroyed")).and(pending().not()));
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
                List<Pending> pending = lock(INSTANCE.ID.gt(from), BATCH);
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

    @Scheduled(fixedDelayString = "${edgewise.allocation.interval:PT5S}",
            initialDelayString = "${edgewise.allocation.initial-delay:PT5S}")
    void sweep() {
        int moved = moveFromFailedBuilds();
        if (moved > 0) {
            log.info("Moved {} instances away from computers whose build of their release failed", moved);
        }
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
     * Explanations that no longer hold (the build succeeded since, or the node ran the instance) are cleared.
     * Returns how many moved.
     */
    int moveFromFailedBuilds() {
        int moved = 0;
        long from = 0;
        while (true) {
            long after = from;
            Batch batch = tx.execute(status -> {
                List<Stranded> stranded = lockStranded(after);
                return new Batch(move(stranded), stranded.isEmpty() ? null : stranded.get(stranded.size() - 1).id());
            });
            moved += batch.placed();
            if (batch.lastId() == null) {
                break;
            }
            from = batch.lastId();
        }
        tx.executeWithoutResult(status -> db.update(INSTANCE).setNull(INSTANCE.ALLOCATION_NOTE)
                .where(INSTANCE.PARTITION_ID.isNotNull()).and(INSTANCE.ALLOCATION_NOTE.isNotNull())
                .and(DSL.notExists(strandedBy(DSL.selectOne().from(PARTITION))
                        .and(PARTITION.ID.eq(INSTANCE.PARTITION_ID))))
                .execute());
        return moved;
    }

    static Condition pending() {
        return DOCUMENT.STATE.ne("destroyed").and(
                INSTANCE.SHARED.isFalse().and(INSTANCE.PARTITION_ID.isNull())
                        .or(INSTANCE.SHARED.isTrue().and(INSTANCE.HOST_INSTANCE_ID.isNull())));
    }

    /** A pending instance, locked with its document until the transaction ends. */
    private record Pending(long id, boolean shared, String url, String softwareType, Sla sla, Long owner, String note) {
        Demand demand() {
            return new Demand(url, sla, owner);
        }
    }

    /** Instances asking for the same thing are placed together. */
    private record Demand(String url, Sla sla, Long owner) { }

    /**
     * An instance placed on a computer whose build of its release failed, and that its node never ran
     * there, locked with its document: it moves when another computer fits.
     */
    private record Stranded(long id, String url, Sla sla, Long owner, String note, long partitionId, String place,
            String failure) {
        Demand demand() {
            return new Demand(url, sla, owner);
        }
    }

    /**
     * A computer that may take instances: locked, with how many it holds and may hold, and its preference
     * tier ({@link #BUILT} first).
     */
    private static final class Host {
        final long id;
        final String reference;
        final int capacity;
        final int tier;
        int busy;

        Host(long id, String reference, int busy, int capacity, int tier) {
            this.id = id;
            this.reference = reference;
            this.busy = busy;
            this.capacity = capacity;
            this.tier = tier;
        }
    }

    private record Slot(long partitionId, long computerId, String place) { }

    /** What a batch decided, written at the end in a few set-based statements. */
    private static final class Decisions {
        final Map<Long, String> notes = new LinkedHashMap<>();
        final Map<Long, List<FieldChange>> timeline = new LinkedHashMap<>();
        /** Computers whose plan changes otherwise than by {@link #writePlacements} (hosts of shared instances). */
        final Set<Long> changedComputers = new HashSet<>();
    }

    /**
     * Locks up to {@code limit} pending instances matching {@code which}, oldest first, with their
     * documents (so that writing their timeline never waits), skipping those another transaction holds.
     */
    private List<Pending> lock(Condition which, int limit) {
        return db.select(INSTANCE.ID, INSTANCE.SHARED, INSTANCE.RELEASE_URL, INSTANCE.SOFTWARE_TYPE, INSTANCE.SLA,
                        DOCUMENT.OWNER_ID, INSTANCE.ALLOCATION_NOTE)
                .from(INSTANCE).join(DOCUMENT).on(DOCUMENT.ID.eq(INSTANCE.ID))
                .where(which.and(pending()))
                .orderBy(INSTANCE.ID).limit(limit)
                .forNoKeyUpdate().of(INSTANCE, DOCUMENT).skipLocked()
                .fetch(r -> new Pending(r.value1(), r.value2(), r.value3(), r.value4(), Sla.stored(r.value5()),
                        r.value6(), r.value7()));
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
                placeShared(p, d);
            } else {
                byDemand.computeIfAbsent(p.demand(), k -> new ArrayList<>()).add(p);
            }
        }
        byDemand.forEach((demand, instances) -> placeAlike(demand, instances, d));
        writeNotes(d.notes);
        plans.bump(d.changedComputers);
        engine.recordObservations(d.timeline, Actor.system());
        return d.timeline.size(); // one entry per placement, and only placements have one
    }

    /**
     * Places instances that ask for the same release, SLA and scope: takes the least busy computers that
     * fit, spreads the instances over them (always the least busy next), takes that many free partitions
     * of each and writes the placements, in rounds until all are placed or nothing more fits.
     */
    private void placeAlike(Demand demand, List<Pending> instances, Decisions d) {
        List<Pending> waiting = new ArrayList<>(instances);
        while (!waiting.isEmpty()) {
            Map<Long, Slot> round = nextRound(demand, waiting.stream().map(Pending::id).toList());
            if (round.isEmpty()) {
                break;
            }
            writePlacements(round);
            round.forEach((instanceId, slot) -> {
                d.timeline.put(instanceId, List.of(new FieldChange("partition", null, slot.place())));
            });
            waiting.removeIf(p -> round.containsKey(p.id()));
        }
        if (!waiting.isEmpty()) {
            String why = explain(demand.url(), demand.sla(), demand.owner());
            waiting.stream().filter(p -> !why.equals(p.note())).forEach(p -> d.notes.put(p.id(), why));
        }
    }

    /**
     * One round of places for instances asking for the same thing, oldest first: the computers that fit,
     * the instances spread over them, and a free partition of each pick, locked. Empty when nothing fits.
     */
    private Map<Long, Slot> nextRound(Demand demand, List<Long> waiting) {
        List<Host> hosts = lockHosts(demand, waiting.size());
        List<Long> picks = spread(hosts, waiting.size());
        if (picks.isEmpty()) {
            return Map.of();
        }
        Map<Long, ArrayDeque<Slot>> slots = lockPartitions(picks, hosts, demand.sla());
        Map<Long, Slot> round = new LinkedHashMap<>();
        Iterator<Long> next = waiting.iterator();
        for (long computerId : picks) {
            Slot slot = slots.getOrDefault(computerId, new ArrayDeque<>()).poll();
            if (slot != null && next.hasNext()) {
                round.put(next.next(), slot);
            }
        }
        return round;
    }

    /**
     * Instances placed where the build of their release failed and that their node never ran: in a
     * partition of a computer whose installation of the instance's release reports an error, not shared,
     * nothing reported by the node. Over {@code query}, which selects from {@code PARTITION} and sees
     * {@code INSTANCE} (joined, or of the statement around it).
     */
    private static <R extends org.jooq.Record> org.jooq.SelectConditionStep<R> strandedBy(
            org.jooq.SelectJoinStep<R> query) {
        return query
                .join(SOFTWARE_INSTALLATION).on(SOFTWARE_INSTALLATION.COMPUTER_ID.eq(PARTITION.COMPUTER_ID)
                        .and(SOFTWARE_INSTALLATION.REPORTED_STATE.eq("error")))
                .join(SOFTWARE_RELEASE).on(SOFTWARE_RELEASE.ID.eq(SOFTWARE_INSTALLATION.RELEASE_ID))
                .where(SOFTWARE_RELEASE.URL.eq(INSTANCE.RELEASE_URL))
                .and(PARTITION.INSTANCE_ID.eq(INSTANCE.ID))
                .and(INSTANCE.REPORTED_STATE.isNull())
                .and(INSTANCE.SHARED.isFalse());
    }

    /** Locks up to a batch of stranded instances after {@code afterId}, oldest first, skipping those another holds. */
    private List<Stranded> lockStranded(long afterId) {
        return strandedBy(db.select(INSTANCE.ID, INSTANCE.RELEASE_URL, INSTANCE.SLA, DOCUMENT.OWNER_ID,
                        INSTANCE.ALLOCATION_NOTE, PARTITION.ID, COMPUTER_DOC.REFERENCE, PARTITION.NAME,
                        SOFTWARE_INSTALLATION.ERROR_LOG)
                .from(PARTITION)
                .join(INSTANCE).on(INSTANCE.ID.eq(PARTITION.INSTANCE_ID))
                .join(DOCUMENT).on(DOCUMENT.ID.eq(INSTANCE.ID))
                .join(COMPUTER_DOC).on(COMPUTER_DOC.ID.eq(PARTITION.COMPUTER_ID)))
                .and(INSTANCE.ID.gt(afterId))
                .and(PARTITION.STATE.eq("busy"))
                .and(DOCUMENT.STATE.ne("destroyed"))
                .orderBy(INSTANCE.ID).limit(BATCH)
                .forNoKeyUpdate().of(INSTANCE, DOCUMENT).skipLocked()
                .fetch(r -> new Stranded(r.value1(), r.value2(), Sla.stored(r.value3()), r.value4(), r.value5(),
                        r.value6(), r.value7() + " " + r.value8(), "build failed on " + r.value7() + ": "
                                + lastLine(r.value9())));
    }

    /**
     * Moves the stranded instances that another computer takes, a round at a time as {@link #placeAlike}
     * places: their partitions are freed first (as when an instance is destroyed), then the new ones taken,
     * and the plans of both computers move. Returns how many moved.
     */
    private int move(List<Stranded> stranded) {
        if (stranded.isEmpty()) {
            return 0;
        }
        Map<Long, String> notes = new LinkedHashMap<>();
        Map<Long, List<FieldChange>> timeline = new LinkedHashMap<>();
        Map<Demand, List<Stranded>> byDemand = new LinkedHashMap<>();
        stranded.forEach(s -> byDemand.computeIfAbsent(s.demand(), k -> new ArrayList<>()).add(s));
        byDemand.forEach((demand, instances) -> {
            Map<Long, Stranded> waiting = new LinkedHashMap<>();
            instances.forEach(s -> waiting.put(s.id(), s));
            while (!waiting.isEmpty()) {
                Map<Long, Slot> round = nextRound(demand, List.copyOf(waiting.keySet()));
                if (round.isEmpty()) {
                    break;
                }
                partitions.free(round.keySet().stream()
                        .map(id -> new Partitions.Occupant(waiting.get(id).partitionId(), id)).toList());
                writePlacements(round);
                round.forEach((id, slot) -> timeline.put(id, List.of(new FieldChange("partition",
                        waiting.get(id).place(), slot.place() + ", moved there as the " + waiting.get(id).failure()))));
                moveHosted(round).forEach((sharedId, hostId) -> timeline.put(sharedId, List.of(new FieldChange(
                        "partition", waiting.get(hostId).place(), round.get(hostId).place() + ", with its host "
                                + "instance, moved there as the " + waiting.get(hostId).failure()))));
                round.keySet().forEach(waiting::remove);
            }
            waiting.values().forEach(s -> {
                String why = s.failure() + "; it moves to another computer as soon as one fits.";
                if (!why.equals(s.note())) {
                    notes.put(s.id(), why);
                }
            });
        });
        writeNotes(notes);
        engine.recordObservations(timeline, Actor.system());
        return timeline.size();
    }

    /**
     * The shared instances inside moved instances go along, since they live in their host's partition;
     * returns each one moved with its host.
     */
    private Map<Long, Long> moveHosted(Map<Long, Slot> moved) {
        ArrayPairs hosts = new ArrayPairs("moved", "host_id", moved.keySet().toArray(Long[]::new),
                "partition_id", moved.values().stream().map(Slot::partitionId).toArray(Long[]::new));
        Map<Long, Long> hostOf = new LinkedHashMap<>();
        db.update(INSTANCE).set(INSTANCE.PARTITION_ID, hosts.second(Long.class))
                .from(hosts.table()).where(INSTANCE.HOST_INSTANCE_ID.eq(hosts.first(Long.class)))
                .and(INSTANCE.SHARED.isTrue())
                .returningResult(INSTANCE.ID, INSTANCE.HOST_INSTANCE_ID)
                .forEach(r -> hostOf.put(r.value1(), r.value2()));
        return hostOf;
    }

    /**
     * The least busy computers that fit the demand and have a free partition for it, locked, skipping those
     * another allocator holds. The release's installation is joined rather than tested with EXISTS (there is
     * at most one per computer and release): as a join PostgreSQL may walk the computers in spread order or
     * start from the release's installations, whichever is cheaper, where EXISTS made it gather and sort every
     * computer with the release for each placement.
     */
    private List<Host> lockHosts(Demand demand, int limit) {
        List<Host> hosts = new ArrayList<>(lockHosts(demand, BUILT, limit));
        int room = hosts.stream().mapToInt(h -> h.capacity - h.busy).sum();
        if (room < limit) {
            // computers still building come only when those with the release built cannot take every instance
            hosts.addAll(lockHosts(demand, NOT_BUILT_YET, limit - room));
        }
        return hosts;
    }

    /**
     * The computers of one tier, in spread order. Each tier is a query of its own rather than a sort key: a
     * key computed from the installation would make PostgreSQL gather and sort every computer with the
     * release even for one placement, where this query may walk the computers in spread order and stop.
     */
    private List<Host> lockHosts(Demand demand, int tier, int limit) {
        Sla sla = demand.sla();
        return db.select(COMPUTER.ID, COMPUTER_DOC.REFERENCE, COMPUTER.BUSY_PARTITIONS, COMPUTER.CAPACITY)
                .from(COMPUTER)
                .join(COMPUTER_DOC).on(COMPUTER_DOC.ID.eq(COMPUTER.ID))
                .join(SOFTWARE_INSTALLATION).on(SOFTWARE_INSTALLATION.COMPUTER_ID.eq(COMPUTER.ID)
                        .and(SOFTWARE_INSTALLATION.RELEASE_ID.eq(DSL.field(DSL.select(SOFTWARE_RELEASE.ID)
                                .from(SOFTWARE_RELEASE).where(SOFTWARE_RELEASE.URL.eq(demand.url())))))
                        .and(TIERS.get(tier)))
                .join(INSTALLATION_DOC).on(INSTALLATION_DOC.ID.eq(SOFTWARE_INSTALLATION.ID)
                        .and(INSTALLATION_DOC.STATE.eq("available")))
                .where(openInScope(demand.owner()))
                .and(COMPUTER.BUSY_PARTITIONS.lt(COMPUTER.CAPACITY))
                .and(computerSla(sla))
                .and(DSL.exists(DSL.selectOne().from(PARTITION)
                        .where(PARTITION.COMPUTER_ID.eq(COMPUTER.ID)).and(partitionFits(sla))))
                .orderBy(COMPUTER.BUSY_PARTITIONS, COMPUTER.ID)
                .limit(limit)
                .forNoKeyUpdate().of(COMPUTER).skipLocked()
                .fetch(r -> new Host(r.value1(), r.value2(), r.value3(), r.value4(), tier));
    }

    /**
     * Which computer each of {@code count} instances should go to: each time the least busy one with room
     * of the most preferred tier that has room.
     */
    private static List<Long> spread(List<Host> hosts, int count) {
        PriorityQueue<Host> queue = new PriorityQueue<>(Comparator.<Host>comparingInt(h -> h.tier)
                .thenComparingInt(h -> h.busy).thenComparingLong(h -> h.id));
        hosts.stream().filter(h -> h.busy < h.capacity).forEach(queue::add);
        List<Long> picks = new ArrayList<>(count);
        while (picks.size() < count && !queue.isEmpty()) {
            Host h = queue.poll();
            picks.add(h.id);
            h.busy++;
            if (h.busy < h.capacity) {
                queue.add(h);
            }
        }
        return picks;
    }

    /**
     * For each picked computer, as many of its free partitions that fit as it was picked, in name order,
     * locked, skipping those another transaction holds; in one statement.
     */
    private Map<Long, ArrayDeque<Slot>> lockPartitions(List<Long> picks, List<Host> hosts, Sla sla) {
        Map<Long, Integer> wanted = new LinkedHashMap<>();
        picks.forEach(id -> wanted.merge(id, 1, Integer::sum));
        Map<Long, String> references = new HashMap<>();
        hosts.forEach(h -> references.put(h.id, h.reference));
        ArrayPairs want = new ArrayPairs("want", "computer_id", wanted.keySet().toArray(Long[]::new),
                "wanted", wanted.values().toArray(Integer[]::new));
        Field<Long> wantComputer = want.first(Long.class);
        Field<Integer> wantCount = want.second(Integer.class);
        Table<?> free = DSL.lateral(DSL.select(PARTITION.ID, PARTITION.COMPUTER_ID, PARTITION.NAME).from(PARTITION)
                .where(PARTITION.COMPUTER_ID.eq(wantComputer)).and(partitionFits(sla))
                .orderBy(PARTITION.ID).limit(wantCount)
                .forNoKeyUpdate().skipLocked()).as("free");
        Field<Long> partitionId = free.field(PARTITION.ID);
        Field<Long> computerId = free.field(PARTITION.COMPUTER_ID);
        Field<String> name = free.field(PARTITION.NAME);
        Map<Long, ArrayDeque<Slot>> slots = new HashMap<>();
        db.select(partitionId, computerId, name).from(want.table()).crossJoin(free).orderBy(computerId, partitionId)
                .forEach(r -> slots.computeIfAbsent(r.value2(), k -> new ArrayDeque<>())
                        .add(new Slot(r.value1(), r.value2(), references.get(r.value2()) + " " + r.value3())));
        return slots;
    }

    /**
     * The partitions, the instances and the computers (busy partitions and plan version) of a round of
     * placements, a statement each.
     */
    private void writePlacements(Map<Long, Slot> placements) {
        List<Partitions.Occupant> occupants = new ArrayList<>(placements.size());
        placements.forEach((instanceId, slot) -> occupants.add(new Partitions.Occupant(slot.partitionId(), instanceId)));
        partitions.occupy(occupants);
        ArrayPairs placed = new ArrayPairs("placed", "partition_id",
                placements.values().stream().map(Slot::partitionId).toArray(Long[]::new),
                "instance_id", placements.keySet().toArray(Long[]::new));
        db.update(INSTANCE).set(INSTANCE.PARTITION_ID, placed.first(Long.class)).setNull(INSTANCE.ALLOCATION_NOTE)
                .from(placed.table()).where(INSTANCE.ID.eq(placed.second(Long.class))).execute();
    }

    private void writeNotes(Map<Long, String> notes) {
        if (notes.isEmpty()) {
            return;
        }
        ArrayPairs noted = new ArrayPairs("noted", "instance_id", notes.keySet().toArray(Long[]::new),
                "note", notes.values().toArray(String[]::new));
        db.update(INSTANCE).set(INSTANCE.ALLOCATION_NOTE, noted.second(String.class))
                .from(noted.table()).where(INSTANCE.ID.eq(noted.first(Long.class))).execute();
    }

    /**
     * Places a shared instance inside a started, placed host offered for sharing to its owner, of its release
     * and software type: the one its SLA names, else the oldest.
     */
    private void placeShared(Pending p, Decisions d) {
        Sla sla = p.sla();
        Condition offered = InstanceSharing.offeredTo(p.owner(), p.url(), p.softwareType());
        if (sla.hostInstance() != null) {
            offered = offered.and(DOCUMENT.REFERENCE.eq(sla.hostInstance()));
        }
        var found = db.select(INSTANCE.ID, INSTANCE.PARTITION_ID, PARTITION.COMPUTER_ID, DOCUMENT.REFERENCE)
                .from(INSTANCE).join(DOCUMENT).on(DOCUMENT.ID.eq(INSTANCE.ID))
                .join(PARTITION).on(PARTITION.ID.eq(INSTANCE.PARTITION_ID))
                .where(offered).and(DOCUMENT.STATE.eq("started"))
                .orderBy(INSTANCE.ID).limit(1).fetchOptional();
        if (found.isEmpty()) {
            String why;
            if (sla.hostInstance() == null) {
                why = "No started instance of " + p.url() + " (" + p.softwareType() + ") offered for sharing can host "
                        + "this shared instance yet.";
            } else if (db.fetchExists(db.selectOne().from(INSTANCE).join(DOCUMENT).on(DOCUMENT.ID.eq(INSTANCE.ID))
                    .where(offered))) {
                why = "The host instance " + sla.hostInstance() + " is not started and placed yet.";
            } else {
                // the request was let in while the host was offered: saying it no longer is reveals nothing new
                why = "The host instance " + sla.hostInstance() + " is no longer offered for sharing to you for "
                        + "release " + p.url() + ", software type " + p.softwareType() + ".";
            }
            if (!why.equals(p.note())) {
                d.notes.put(p.id(), why);
            }
            return;
        }
        db.update(INSTANCE)
                .set(INSTANCE.HOST_INSTANCE_ID, found.get().value1())
                .set(INSTANCE.PARTITION_ID, found.get().value2())
                .setNull(INSTANCE.ALLOCATION_NOTE)
                .where(INSTANCE.ID.eq(p.id())).execute();
        d.changedComputers.add(found.get().value3());
        d.timeline.put(p.id(), List.of(new FieldChange("host instance", null, found.get().value4())));
    }

    /** Why no partition fits, checked step by step from the widest condition. */
    private String explain(String url, Sla sla, Long owner) {
        // each step only asks whether some row exists: the first one found answers, nothing is counted
        if (!db.fetchExists(db.selectOne().from(COMPUTER).join(COMPUTER_DOC).on(COMPUTER_DOC.ID.eq(COMPUTER.ID))
                .where(openInScope(owner)))) {
            return "No open computer is available" + (owner == null ? "." : " to this customer.");
        }
        Function<Condition, Boolean> suppliedWhere = extra -> db.fetchExists(suppliedOnOpen(db.selectOne(), url, owner)
                .and(extra));
        if (!suppliedWhere.apply(DSL.noCondition())) {
            return "The release " + url + " is not supplied on any open computer yet.";
        }
        if (!suppliedWhere.apply(computerSla(sla))) {
            return "No open computer with the release matches the SLA " + sla.asMap() + ".";
        }
        Condition fits = computerSla(sla);
        if (!sla.capabilities().isEmpty()) {
            fits = fits.and(DSL.exists(DSL.selectOne().from(PARTITION).where(PARTITION.COMPUTER_ID.eq(COMPUTER.ID))
                    .and(capabilities(sla))));
            if (!suppliedWhere.apply(fits)) {
                return "No partition offers the capabilities " + sla.capabilities() + " on the matching computers.";
            }
        }
        if (!suppliedWhere.apply(fits.and(SOFTWARE_INSTALLATION.REPORTED_STATE.isDistinctFrom("error")))) {
            return "The build of the release failed on every computer that fits (" + failedBuilds(url, owner, fits)
                    + "); waiting for a build to succeed.";
        }
        return "Every matching computer is full: no free partition within its capacity. Waiting for room.";
    }

    /** The first few computers that fit and whose build of the release failed, each with its log's last line. */
    private String failedBuilds(String url, Long owner, Condition fits) {
        List<String> failed = suppliedOnOpen(db.select(COMPUTER_DOC.REFERENCE, SOFTWARE_INSTALLATION.ERROR_LOG), url, owner)
                .and(SOFTWARE_INSTALLATION.REPORTED_STATE.eq("error"))
                .and(fits)
                .orderBy(COMPUTER_DOC.REFERENCE)
                .limit(FAILED_BUILDS_SHOWN + 1)
                .fetch(r -> r.value1() + ": " + lastLine(r.value2()));
        return failed.size() <= FAILED_BUILDS_SHOWN ? String.join("; ", failed)
                : String.join("; ", failed.subList(0, FAILED_BUILDS_SHOWN)) + "; and others";
    }

    /**
     * The release's installations requested on open computers in the owner's scope, with their computers:
     * from the release's installations, not from every computer, since few computers may have it.
     */
    private <R extends Record> SelectConditionStep<R> suppliedOnOpen(SelectSelectStep<R> select, String url,
            Long owner) {
        return select.from(SOFTWARE_INSTALLATION)
                .join(INSTALLATION_DOC).on(INSTALLATION_DOC.ID.eq(SOFTWARE_INSTALLATION.ID)
                        .and(INSTALLATION_DOC.STATE.eq("available")))
                .join(COMPUTER).on(COMPUTER.ID.eq(SOFTWARE_INSTALLATION.COMPUTER_ID))
                .join(COMPUTER_DOC).on(COMPUTER_DOC.ID.eq(COMPUTER.ID))
                .where(SOFTWARE_INSTALLATION.RELEASE_ID.eq(DSL.field(DSL.select(SOFTWARE_RELEASE.ID)
                        .from(SOFTWARE_RELEASE).where(SOFTWARE_RELEASE.URL.eq(url)))))
                .and(openInScope(owner));
    }

    /** The last line of a node's log, which says what failed, shortened for an explanation. */
    private static String lastLine(String log) {
        String line = log == null ? "" : log.strip().lines().reduce((a, b) -> b).orElse("").strip();
        if (line.isEmpty()) {
            return "no log";
        }
        return line.length() <= MAX_LOG_LINE ? line : line.substring(0, MAX_LOG_LINE) + "…";
    }

    private static Condition openInScope(Long owner) {
        Condition scope = COMPUTER_DOC.OWNER_ID.isNull();
        if (owner != null) {
            scope = scope.or(COMPUTER_DOC.OWNER_ID.eq(owner));
        }
        return COMPUTER_DOC.STATE.eq("open").and(scope);
    }

    private static Condition computerSla(Sla sla) {
        Condition c = DSL.trueCondition();
        if (sla.computer() != null) {
            c = c.and(COMPUTER_DOC.REFERENCE.eq(sla.computer()));
        }
        if (sla.region() != null) {
            c = c.and(COMPUTER.REGION.eq(sla.region()));
        }
        return c;
    }

    private Condition partitionFits(Sla sla) {
        return PARTITION.STATE.eq("free").and(capabilities(sla));
    }

    private Condition capabilities(Sla sla) {
        if (sla.capabilities().isEmpty()) {
            return DSL.trueCondition();
        }
        ArrayNode wanted = JsonNodeFactory.instance.arrayNode();
        sla.capabilities().forEach(wanted::add);
        return DSL.condition("{0} @> {1}", PARTITION.CAPABILITIES, DSL.val(wanted, PARTITION.CAPABILITIES));
    }
}

package org.edgewise.computer;

import static org.edgewise.jooq.Sequences.PLAN_VERSION_SEQ;
import static org.edgewise.jooq.Tables.COMPUTER;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import org.edgewise.database.ArrayPairs;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Each computer's plan version: what its node must do changes, the version moves to the next value of
 * one sequence. Nodes see the version as their ETag; caches learn about changes from listeners right
 * after the change commits, and from {@link #changedSince} for changes made by other Master replicas.
 */
@Component
public class PlanVersions {

    private final DSLContext db;
    private final List<BiConsumer<Long, Long>> listeners = new CopyOnWriteArrayList<>();

    PlanVersions(DSLContext db) {
        this.db = db;
    }

    /** Moves the computers to a new plan version, inside the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void bump(Collection<Long> computerIds) {
        if (computerIds.isEmpty()) {
            return;
        }
        announceAfterCommit(db.update(COMPUTER)
                .set(COMPUTER.PLAN_VERSION, PLAN_VERSION_SEQ.nextval())
                .where(COMPUTER.ID.eq(DSL.any(computerIds.toArray(Long[]::new))))
                .returningResult(COMPUTER.ID, COMPUTER.PLAN_VERSION)
                .fetchMap(r -> r.value1(), r -> r.value2()));
    }

    /**
     * Moves the computers to a new plan version and adds to their busy partitions in the same statement,
     * so that placing instances writes each computer row once.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void bumpAndOccupy(Map<Long, Integer> addedBusyPartitions) {
        if (addedBusyPartitions.isEmpty()) {
            return;
        }
        ArrayPairs added = new ArrayPairs("added", "computer_id", addedBusyPartitions.keySet().toArray(Long[]::new),
                "partitions", addedBusyPartitions.values().toArray(Integer[]::new));
        announceAfterCommit(db.update(COMPUTER)
                .set(COMPUTER.PLAN_VERSION, PLAN_VERSION_SEQ.nextval())
                .set(COMPUTER.BUSY_PARTITIONS, COMPUTER.BUSY_PARTITIONS.plus(added.second(Integer.class)))
                .from(added.table())
                .where(COMPUTER.ID.eq(added.first(Long.class)))
                .returningResult(COMPUTER.ID, COMPUTER.PLAN_VERSION)
                .fetchMap(r -> r.value1(), r -> r.value2()));
    }

    private void announceAfterCommit(Map<Long, Long> versions) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    versions.forEach((id, version) -> listeners.forEach(l -> l.accept(id, version)));
                }
            });
        }
    }

    public void bump(long computerId) {
        bump(List.of(computerId));
    }

    /** Called with (computer id, new plan version) after each committed change made by this replica. */
    public void onChange(BiConsumer<Long, Long> listener) {
        listeners.add(listener);
    }
}

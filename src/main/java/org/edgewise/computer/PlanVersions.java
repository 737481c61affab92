package org.edgewise.computer;

import static org.edgewise.jooq.Sequences.PLAN_VERSION_SEQ;
import static org.edgewise.jooq.Tables.COMPUTER;
import static org.edgewise.jooq.Tables.DOCUMENT;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.edgewise.database.ArrayPairs;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.impl.DSL;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each computer's plan version: what its node must do changes, the version moves to the next value of
 * one sequence. Nodes see the version as their ETag. Caches learn about changes from a {@link Changed}
 * event once the change commits (a {@code @TransactionalEventListener}), and from {@link #changedSince} for
 * changes made by other Master replicas.
 *
 * <p>Every change that a node must see goes through a bump: its credential (enrolment bumps in the same
 * transaction) and its computer's state (every computer transition bumps), so a change carries them too.
 */
@Component
public class PlanVersions {

    /** A computer as a change left it: what its node may present and must do. */
    public record Change(long computerId, String reference, long planVersion, String nodeSecretHash, String state) { }

    /** The computers one bump changed; published in the bump's transaction, heard after it commits. */
    public record Changed(List<Change> changes) { }

    /** The changes committed since a cursor, and the cursor to ask with next time. */
    public record Changes(List<Change> changes, long cursor) { }

    /**
     * The transaction that last bumped the computer: an xid8, unknown to the generated classes, typed here
     * by its text form.
     */
    private static final Field<String> PLAN_XID = DSL.field(COMPUTER.getQualifiedName().append("plan_xid"),
            String.class);
    private static final Field<String> CURRENT_TRANSACTION = DSL.field("pg_current_xact_id()", String.class);
    private static final Field<String> SNAPSHOT_XMIN = DSL.field("pg_snapshot_xmin(pg_current_snapshot())::text",
            String.class);
    private static final List<SelectField<?>> CHANGE = List.of(COMPUTER.ID, DOCUMENT.REFERENCE, COMPUTER.PLAN_VERSION,
            COMPUTER.NODE_SECRET_HASH, DOCUMENT.STATE);

    private final DSLContext db;
    private final ApplicationEventPublisher events;

    PlanVersions(DSLContext db, ApplicationEventPublisher events) {
        this.db = db;
        this.events = events;
    }

    /** Moves the computers to a new plan version, inside the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void bump(Collection<Long> computerIds) {
        if (computerIds.isEmpty()) {
            return;
        }
        announceAfterCommit(db.update(COMPUTER)
                .set(COMPUTER.PLAN_VERSION, PLAN_VERSION_SEQ.nextval())
                .set(PLAN_XID, CURRENT_TRANSACTION)
                .from(DOCUMENT)
                .where(COMPUTER.ID.eq(DSL.any(computerIds.toArray(Long[]::new))).and(DOCUMENT.ID.eq(COMPUTER.ID)))
                .returningResult(CHANGE)
                .fetch(PlanVersions::change));
    }

    /**
     * Moves the computers to a new plan version and adds to their busy partitions in the same statement,
     * so that placing instances writes each computer row once. Only {@link Partitions} changes the count,
     * with the partitions it counts.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void bumpAndOccupy(Map<Long, Integer> addedBusyPartitions) {
        if (addedBusyPartitions.isEmpty()) {
            return;
        }
        ArrayPairs added = new ArrayPairs("added", "computer_id", addedBusyPartitions.keySet().toArray(Long[]::new),
                "partitions", addedBusyPartitions.values().toArray(Integer[]::new));
        announceAfterCommit(db.update(COMPUTER)
                .set(COMPUTER.PLAN_VERSION, PLAN_VERSION_SEQ.nextval())
                .set(PLAN_XID, CURRENT_TRANSACTION)
                .set(COMPUTER.BUSY_PARTITIONS, COMPUTER.BUSY_PARTITIONS.plus(added.second(Integer.class)))
                .from(added.table(), DOCUMENT)
                .where(COMPUTER.ID.eq(added.first(Long.class)).and(DOCUMENT.ID.eq(COMPUTER.ID)))
                .returningResult(CHANGE)
                .fetch(PlanVersions::change));
    }

    private void announceAfterCommit(List<Change> changes) {
        events.publishEvent(new Changed(changes));
    }

    public void bump(long computerId) {
        bump(List.of(computerId));
    }

    /**
     * Every computer changed by a transaction that the snapshot of the call which returned the cursor could
     * not see; with no cursor, every computer. Any such transaction has an id at or above that snapshot's
     * xmin, so it is found however late it commits. The rows and the next cursor come from one statement,
     * hence one snapshot. A change may be returned more than once.
     */
    public Changes changedSince(OptionalLong cursor) {
        Condition changed = cursor.isEmpty() ? DSL.trueCondition()
                : DSL.condition("{0} >= {1}::xid8", PLAN_XID, DSL.val(Long.toString(cursor.getAsLong())));
        var rows = db.select(SNAPSHOT_XMIN).select(CHANGE)
                .from(DSL.selectOne().asTable("snapshot"))
                .leftJoin(COMPUTER.join(DOCUMENT).on(DOCUMENT.ID.eq(COMPUTER.ID))).on(changed)
                .fetch();
        List<Change> changes = rows.stream().filter(r -> r.get(COMPUTER.ID) != null).map(PlanVersions::change).toList();
        return new Changes(changes, Long.parseLong(rows.get(0).get(SNAPSHOT_XMIN)));
    }

    private static Change change(Record r) {
        return new Change(r.get(COMPUTER.ID), r.get(DOCUMENT.REFERENCE), r.get(COMPUTER.PLAN_VERSION),
                r.get(COMPUTER.NODE_SECRET_HASH), r.get(DOCUMENT.STATE));
    }
}

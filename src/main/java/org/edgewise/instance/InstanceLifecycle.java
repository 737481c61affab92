package org.edgewise.instance;

import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.INSTANCE;
import static org.edgewise.jooq.Tables.PARTITION;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.edgewise.access.Actor;
import org.edgewise.document.State;
import org.edgewise.document.ValidationException;
import org.edgewise.catalog.Installations;
import org.edgewise.computer.Partitions;
import org.edgewise.computer.PlanVersions;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.FieldChange;
import org.edgewise.document.Transition;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What follows from changes of trees and instances: a tree's start, stop and destroy reach its
 * instances; a destroyed instance takes its children along; every change moves the instance's
 * timestamp and its node's plan; reports from nodes free partitions, pass connection parameters to
 * requesters (a bang), and archive trees whose instances are all gone.
 */
@Component
public class InstanceLifecycle {

    public static final List<String> REPORTED_STATES = InstanceWorkflows.REPORTED.stream().map(State::name).toList();

    private final DSLContext db;
    private final DocumentEngine engine;
    private final PlanVersions plans;
    private final Partitions partitions;
    private final ObjectMapper json;
    private final Clock clock;
    private final Allocator allocator;

    InstanceLifecycle(DSLContext db, DocumentEngine engine, PlanVersions plans, Partitions partitions, ObjectMapper json,
            Clock clock, Allocator allocator) {
        this.db = db;
        this.allocator = allocator;
        this.engine = engine;
        this.plans = plans;
        this.partitions = partitions;
        this.json = json;
        this.clock = clock;
    }

    /** A tree's start, stop and destroy reach its instances. */
    void treeChanged(Document before, Transition transition, Actor actor) {
        forEachInstance(INSTANCE.TREE_ID.eq(before.id()), transition.action(), actor);
    }

    /** An instance's change moves its timestamp and its node's plan; a destroyed one takes its children along. */
    void instanceChanged(Document before, Transition transition, Actor actor) {
        touch(before.id());
        if (transition.action().equals(InstanceWorkflows.DESTROY)) {
            forEachInstance(INSTANCE.REQUESTER_INSTANCE_ID.eq(before.id()), InstanceWorkflows.DESTROY, actor);
            releaseHosted(before);
            boolean placed = db.fetchExists(INSTANCE, INSTANCE.ID.eq(before.id()).and(INSTANCE.PARTITION_ID.isNotNull()));
            if (!placed) {
                // nothing runs anywhere: destroyed as soon as requested
                markReported(before.id(), InstanceWorkflows.DESTROYED, null, null, Actor.system());
            }
        }
    }

    private void forEachInstance(org.jooq.Condition which, String action, Actor actor) {
        List<Long> ids = db.select(INSTANCE.ID).from(INSTANCE).join(DOCUMENT).on(DOCUMENT.ID.eq(INSTANCE.ID))
                .where(which).orderBy(INSTANCE.ID).fetch(INSTANCE.ID);
        var workflow = engine.workflow(InstanceWorkflows.INSTANCE);
        for (long id : ids) {
            String state = db.select(DOCUMENT.STATE).from(DOCUMENT).where(DOCUMENT.ID.eq(id)).fetchOne(DOCUMENT.STATE);
            if (workflow.find(state, action).isPresent()) {
                engine.apply(id, action, actor, null);
            }
        }
    }

    /**
     * A host being destroyed lets go of the shared instances it holds: each goes back to waiting for a
     * host (placed at once if another started host fits, else saying why it waits), its published
     * parameters are dropped and its requester re-processes; one already being destroyed is gone with
     * its host.
     */
    private void releaseHosted(Document host) {
        var hosted = db.select(INSTANCE.ID, INSTANCE.CONNECTION_PARAMETERS, INSTANCE.REQUESTER_INSTANCE_ID, DOCUMENT.STATE)
                .from(INSTANCE).join(DOCUMENT).on(DOCUMENT.ID.eq(INSTANCE.ID))
                .where(INSTANCE.HOST_INSTANCE_ID.eq(host.id())).orderBy(INSTANCE.ID)
                .forUpdate().of(INSTANCE).fetch();
        for (var row : hosted) {
            long id = row.value1();
            boolean destroyed = row.value4().equals(InstanceWorkflows.DESTROYED);
            db.update(INSTANCE).setNull(INSTANCE.HOST_INSTANCE_ID).setNull(INSTANCE.PARTITION_ID)
                    .set(INSTANCE.CONNECTION_PARAMETERS, json.createObjectNode())
                    .set(INSTANCE.CHANGED_AT, OffsetDateTime.now(clock))
                    .where(INSTANCE.ID.eq(id)).execute();
            engine.recordObservation(id, new FieldChange.Collector()
                    .compare("host instance", host.reference(), null)
                    .compare("connection parameters", row.value2(), "{}")
                    .changes(), Actor.system());
            if (destroyed) {
                markReported(id, InstanceWorkflows.DESTROYED, null, null, Actor.system());
            } else {
                allocator.allocate(id);
            }
            if (row.value3() != null) {
                touch(row.value3());
            }
        }
    }

    /** The instance changed: its node must re-process it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void touch(long instanceId) {
        db.update(INSTANCE).set(INSTANCE.CHANGED_AT, OffsetDateTime.now(clock)).where(INSTANCE.ID.eq(instanceId)).execute();
        Long computerId = db.select(PARTITION.COMPUTER_ID).from(INSTANCE).join(PARTITION)
                .on(PARTITION.ID.eq(INSTANCE.PARTITION_ID)).where(INSTANCE.ID.eq(instanceId)).fetchOne(PARTITION.COMPUTER_ID);
        if (computerId != null) {
            plans.bump(computerId);
        }
    }

    /** Bang: every instance of the tree is re-processed by its node. */
    @Transactional
    public void bang(long instanceId, Actor actor) {
        Long treeId = db.select(INSTANCE.TREE_ID).from(INSTANCE).where(INSTANCE.ID.eq(instanceId)).fetchOne(INSTANCE.TREE_ID);
        List<Long> ids = db.select(INSTANCE.ID).from(INSTANCE).where(INSTANCE.TREE_ID.eq(treeId)).fetch(INSTANCE.ID);
        Set<Long> computers = new HashSet<>();
        db.update(INSTANCE).set(INSTANCE.CHANGED_AT, OffsetDateTime.now(clock)).where(INSTANCE.ID.in(ids)).execute();
        computers.addAll(db.selectDistinct(PARTITION.COMPUTER_ID).from(INSTANCE).join(PARTITION)
                .on(PARTITION.ID.eq(INSTANCE.PARTITION_ID)).where(INSTANCE.ID.in(ids)).fetch(PARTITION.COMPUTER_ID));
        plans.bump(computers);
        engine.recordObservation(instanceId, List.of(new FieldChange("bang", null, "by " + actor.name())), actor);
    }

    /** What the node reports of an instance. A destroyed instance frees its partition. */
    @Transactional
    public void reportState(long instanceId, String state, String log, Actor node) {
        reportState(instanceId, state, log, null, node);
    }

    /**
     * Records the state the node reports, and the release it says the instance runs ({@code release}, when it
     * names one): an upgrade is known to have reached the node when this is its new release.
     */
    @Transactional
    public void reportState(long instanceId, String state, String log, String release, Actor node) {
        if (!REPORTED_STATES.contains(state)) {
            throw new ValidationException("state", "An instance state is one of " + REPORTED_STATES + ", not \"" + state + "\".");
        }
        db.select(INSTANCE.ID).from(INSTANCE).where(INSTANCE.ID.eq(instanceId)).forUpdate().fetchOne();
        markReported(instanceId, state, log, release, node);
    }

    private void markReported(long instanceId, String state, String log, String release, Actor actor) {
        var row = db.select(INSTANCE.REPORTED_STATE, INSTANCE.ERROR_LOG, INSTANCE.SHARED, INSTANCE.PARTITION_ID,
                        INSTANCE.TREE_ID, INSTANCE.REPORTED_RELEASE_URL, DOCUMENT.STATE)
                .from(INSTANCE).join(DOCUMENT).on(DOCUMENT.ID.eq(INSTANCE.ID)).where(INSTANCE.ID.eq(instanceId)).fetchOne();
        String newLog = state.equals(InstanceWorkflows.ERROR) ? Installations.keptLog(log) : null;
        String newRelease = release == null ? row.get(INSTANCE.REPORTED_RELEASE_URL) : release;
        if (state.equals(row.get(INSTANCE.REPORTED_STATE)) && Objects.equals(newLog, row.get(INSTANCE.ERROR_LOG))
                && Objects.equals(newRelease, row.get(INSTANCE.REPORTED_RELEASE_URL))) {
            return;
        }
        db.update(INSTANCE)
                .set(INSTANCE.REPORTED_STATE, state)
                .set(INSTANCE.ERROR_LOG, newLog)
                .set(INSTANCE.REPORTED_RELEASE_URL, newRelease)
                .set(INSTANCE.REPORTED_AT, OffsetDateTime.now(clock))
                .where(INSTANCE.ID.eq(instanceId)).execute();
        engine.recordObservation(instanceId, new FieldChange.Collector()
                .compare("reported state", row.get(INSTANCE.REPORTED_STATE), state)
                .compare("error", row.get(INSTANCE.ERROR_LOG) == null ? null : "(log)", newLog == null ? null : newLog.lines()
                        .reduce((a, b) -> b).orElse("(log)"))
                .compare("running release", row.get(INSTANCE.REPORTED_RELEASE_URL), newRelease)
                .changes(), actor);
        if (state.equals(InstanceWorkflows.DESTROYED) && row.get(DOCUMENT.STATE).equals(InstanceWorkflows.DESTROYED)) {
            if (!row.get(INSTANCE.SHARED) && row.get(INSTANCE.PARTITION_ID) != null) {
                partitions.free(row.get(INSTANCE.PARTITION_ID), instanceId);
                engine.recordObservation(instanceId, List.of(new FieldChange("partition", "busy", "freed")), actor);
            }
            archiveIfDone(row.get(INSTANCE.TREE_ID));
        }
    }

    /**
     * Archives the tree once every instance is reported destroyed. The tree's row is locked first: two nodes
     * reporting the last two instances at once would each see the other's as not destroyed yet, and neither
     * would archive; locked, the second waits for the first and then sees its report.
     */
    private void archiveIfDone(long treeId) {
        db.select(DOCUMENT.ID).from(DOCUMENT).where(DOCUMENT.ID.eq(treeId)).forUpdate().fetchOne();
        Document tree = engine.get(treeId, Actor.system());
        boolean remaining = db.fetchExists(INSTANCE, INSTANCE.TREE_ID.eq(treeId)
                .and(INSTANCE.REPORTED_STATE.isDistinctFrom(InstanceWorkflows.DESTROYED)));
        if (tree.state().equals(InstanceWorkflows.DESTROYED) && !remaining) {
            engine.apply(treeId, InstanceWorkflows.ARCHIVE, Actor.system(), "every instance is destroyed");
        }
    }

    /**
     * What the instance publishes. A change reaches its requester at once: the requester is banged, so
     * its node re-processes it with the child's new parameters.
     */
    @Transactional
    public boolean reportConnection(long instanceId, Map<String, Object> parameters, Actor node) {
        JsonNode published = json.valueToTree(parameters == null ? Map.of() : parameters);
        if (published.toString().length() > InstanceRequests.MAX_PARAMETERS_BYTES) {
            throw new ValidationException("connectionParameters", "Connection parameters may take at most "
                    + InstanceRequests.MAX_PARAMETERS_BYTES / 1024 + " KiB as JSON.");
        }
        var row = db.select(INSTANCE.CONNECTION_PARAMETERS, INSTANCE.REQUESTER_INSTANCE_ID).from(INSTANCE)
                .where(INSTANCE.ID.eq(instanceId)).forUpdate().fetchOne();
        if (row.value1().equals(published)) {
            return false;
        }
        db.update(INSTANCE).set(INSTANCE.CONNECTION_PARAMETERS, published).where(INSTANCE.ID.eq(instanceId))
                .execute();
        engine.recordObservation(instanceId, List.of(new FieldChange("connection parameters", row.value1().toString(),
                published.toString())), node);
        if (row.value2() != null) {
            touch(row.value2());
        }
        return true;
    }

}

package org.edgewise.instance;

import static org.edgewise.jooq.Tables.COMPUTER;
import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.INSTANCE;
import static org.edgewise.jooq.Tables.PARTITION;
import static org.edgewise.jooq.Tables.SOFTWARE_INSTALLATION;
import static org.edgewise.jooq.Tables.SOFTWARE_RELEASE;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.edgewise.computer.PlanVersions;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.FieldChange;
import org.edgewise.security.Actor;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record2;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Gives pending instances a place: a free partition of an open computer that has the release supplied,
 * matches the SLA, is in the customer's allocation scope and has capacity left; or, for a shared
 * instance, a host instance. Every decision is taken in the database under {@code FOR UPDATE SKIP
 * LOCKED}, so allocators on several Master replicas never hand one partition to two instances. When no
 * place exists the instance keeps an explanation.
 */
@Service
public class Allocator {

    private static final Logger log = LoggerFactory.getLogger(Allocator.class);
    private static final org.edgewise.jooq.tables.Document COMPUTER_DOC = DOCUMENT.as("c_doc");
    private static final org.edgewise.jooq.tables.Document INSTALLATION_DOC = DOCUMENT.as("si_doc");
    static final int BATCH = 200;

    private final DSLContext db;
    private final DocumentEngine engine;
    private final PlanVersions plans;
    private final ObjectMapper json;
    private final TransactionTemplate tx;

    Allocator(DSLContext db, DocumentEngine engine, PlanVersions plans, ObjectMapper json, TransactionTemplate tx) {
        this.db = db;
        this.tx = tx;
        this.engine = engine;
        this.plans = plans;
        this.json = json;
    }

    /** Tries to place one instance, inside the caller's transaction. Returns whether it has a place now. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean allocate(long instanceId) {
        Long locked = db.select(INSTANCE.ID).from(INSTANCE).where(INSTANCE.ID.eq(instanceId))
                .forUpdate().skipLocked().fetchOne(INSTANCE.ID);
        return locked != null && allocateLocked(instanceId);
    }

    /**
     * Works through the pending instances, oldest first, a batch per transaction; returns how many got
     * a place. Several allocators may run at once: each skips the instances and partitions another holds.
     */
    public int allocatePending() {
        int placed = 0;
        long after = 0;
        while (true) {
            long from = after;
            Batch batch = tx.execute(status -> allocateBatch(from));
            placed += batch.placed();
            if (batch.lastId() == null) {
                return placed;
            }
            after = batch.lastId();
        }
    }

    record Batch(int placed, Long lastId) { }

    private Batch allocateBatch(long after) {
        List<Long> ids = db.select(INSTANCE.ID).from(INSTANCE).join(DOCUMENT).on(DOCUMENT.ID.eq(INSTANCE.ID))
                .where(INSTANCE.ID.gt(after).and(pending()))
                .orderBy(INSTANCE.ID).limit(BATCH)
                .forUpdate().of(INSTANCE).skipLocked()
                .fetch(INSTANCE.ID);
        int placed = 0;
        for (long id : ids) {
            if (allocateLocked(id)) {
                placed++;
            }
        }
        return new Batch(placed, ids.isEmpty() ? null : ids.get(ids.size() - 1));
    }

    @Scheduled(fixedDelayString = "${edgewise.allocation.interval:PT5S}", initialDelayString = "PT5S")
    void sweep() {
        int placed = allocatePending();
        if (placed > 0) {
            log.info("Allocated {} pending instances", placed);
        }
    }

    static Condition pending() {
        return DOCUMENT.STATE.ne("destroyed").and(
                INSTANCE.SHARED.isFalse().and(INSTANCE.PARTITION_ID.isNull())
                        .or(INSTANCE.SHARED.isTrue().and(INSTANCE.HOST_INSTANCE_ID.isNull())));
    }

    private boolean allocateLocked(long instanceId) {
        var row = db.select(INSTANCE.SHARED, INSTANCE.PARTITION_ID, INSTANCE.HOST_INSTANCE_ID, INSTANCE.RELEASE_URL,
                        INSTANCE.SOFTWARE_TYPE, INSTANCE.SLA, INSTANCE.ALLOCATION_NOTE, DOCUMENT.STATE, DOCUMENT.OWNER_ID)
                .from(INSTANCE).join(DOCUMENT).on(DOCUMENT.ID.eq(INSTANCE.ID))
                .where(INSTANCE.ID.eq(instanceId)).fetchOne();
        if (row == null || row.get(DOCUMENT.STATE).equals("destroyed")) {
            return false;
        }
        boolean shared = row.get(INSTANCE.SHARED);
        if (shared ? row.get(INSTANCE.HOST_INSTANCE_ID) != null : row.get(INSTANCE.PARTITION_ID) != null) {
            return true;
        }
        Sla sla = Sla.parse(readSla(row.get(INSTANCE.SLA)));
        Long owner = row.get(DOCUMENT.OWNER_ID);
        String url = row.get(INSTANCE.RELEASE_URL);
        if (shared) {
            return placeShared(instanceId, url, row.get(INSTANCE.SOFTWARE_TYPE), sla, owner, row.get(INSTANCE.ALLOCATION_NOTE));
        }
        Optional<Record2<Long, Long>> place = findPlace(url, sla, owner);
        if (place.isEmpty()) {
            note(instanceId, row.get(INSTANCE.ALLOCATION_NOTE), explain(url, sla, owner));
            return false;
        }
        long partitionId = place.get().value1();
        long computerId = place.get().value2();
        db.update(PARTITION).set(PARTITION.STATE, "busy").set(PARTITION.INSTANCE_ID, instanceId)
                .where(PARTITION.ID.eq(partitionId)).execute();
        db.update(COMPUTER).set(COMPUTER.BUSY_PARTITIONS, COMPUTER.BUSY_PARTITIONS.plus(1))
                .where(COMPUTER.ID.eq(computerId)).execute();
        db.update(INSTANCE).set(INSTANCE.PARTITION_ID, partitionId).setNull(INSTANCE.ALLOCATION_NOTE)
                .where(INSTANCE.ID.eq(instanceId)).execute();
        plans.bump(computerId);
        engine.recordObservation(instanceId, List.of(new FieldChange("partition", null, describePartition(partitionId))),
                Actor.system());
        return true;
    }

    /**
     * The least busy computer that fits (spreading instances over computers), then its first free partition
     * that offers the capabilities. Both rows are locked, skipping those another allocator holds.
     */
    private Optional<Record2<Long, Long>> findPlace(String url, Sla sla, Long owner) {
        Condition partitionFits = PARTITION.STATE.eq("free").and(capabilities(sla));
        for (int attempt = 0; attempt < 3; attempt++) {
            // The release's installation is joined rather than tested with EXISTS: there is at most one per
            // computer and release, and as a join PostgreSQL walks the computers in spread order and stops at
            // the first that fits, where EXISTS made it gather and sort every computer with the release.
            Long computerId = db.select(COMPUTER.ID)
                    .from(COMPUTER)
                    .join(COMPUTER_DOC).on(COMPUTER_DOC.ID.eq(COMPUTER.ID))
                    .join(SOFTWARE_INSTALLATION).on(SOFTWARE_INSTALLATION.COMPUTER_ID.eq(COMPUTER.ID)
                            .and(SOFTWARE_INSTALLATION.RELEASE_ID.eq(DSL.field(DSL.select(SOFTWARE_RELEASE.ID)
                                    .from(SOFTWARE_RELEASE).where(SOFTWARE_RELEASE.URL.eq(url))))))
                    .join(INSTALLATION_DOC).on(INSTALLATION_DOC.ID.eq(SOFTWARE_INSTALLATION.ID)
                            .and(INSTALLATION_DOC.STATE.eq("available")))
                    .where(openInScope(owner))
                    .and(COMPUTER.BUSY_PARTITIONS.lt(COMPUTER.CAPACITY))
                    .and(computerSla(sla))
                    .and(DSL.exists(DSL.selectOne().from(PARTITION)
                            .where(PARTITION.COMPUTER_ID.eq(COMPUTER.ID)).and(partitionFits)))
                    .orderBy(COMPUTER.BUSY_PARTITIONS, COMPUTER.ID)
                    .limit(1)
                    .forUpdate().of(COMPUTER).skipLocked()
                    .fetchOne(COMPUTER.ID);
            if (computerId == null) {
                return Optional.empty();
            }
            Optional<Record2<Long, Long>> partition = db.select(PARTITION.ID, PARTITION.COMPUTER_ID).from(PARTITION)
                    .where(PARTITION.COMPUTER_ID.eq(computerId)).and(partitionFits)
                    .orderBy(PARTITION.ID).limit(1)
                    .forUpdate().skipLocked()
                    .fetchOptional();
            if (partition.isPresent()) {
                return partition;
            }
        }
        return Optional.empty();
    }

    private boolean placeShared(long instanceId, String url, String softwareType, Sla sla, Long owner, String oldNote) {
        Condition host = INSTANCE.SHARED.isFalse().and(INSTANCE.PARTITION_ID.isNotNull())
                .and(DOCUMENT.STATE.eq("started"))
                .and(DOCUMENT.OWNER_ID.isNull().or(owner == null ? DSL.falseCondition() : DOCUMENT.OWNER_ID.eq(owner)));
        if (sla.hostInstance() != null) {
            host = host.and(DOCUMENT.REFERENCE.eq(sla.hostInstance()));
        } else {
            host = host.and(INSTANCE.RELEASE_URL.eq(url)).and(INSTANCE.SOFTWARE_TYPE.eq(softwareType));
        }
        var found = db.select(INSTANCE.ID, INSTANCE.PARTITION_ID, PARTITION.COMPUTER_ID)
                .from(INSTANCE).join(DOCUMENT).on(DOCUMENT.ID.eq(INSTANCE.ID))
                .join(PARTITION).on(PARTITION.ID.eq(INSTANCE.PARTITION_ID))
                .where(host).orderBy(INSTANCE.ID).limit(1).fetchOptional();
        if (found.isEmpty()) {
            note(instanceId, oldNote, sla.hostInstance() != null
                    ? "The host instance " + sla.hostInstance() + " is not a started, allocated instance you may use."
                    : "No started instance of " + url + " (" + softwareType + ") can host this shared instance yet.");
            return false;
        }
        db.update(INSTANCE)
                .set(INSTANCE.HOST_INSTANCE_ID, found.get().value1())
                .set(INSTANCE.PARTITION_ID, found.get().value2())
                .setNull(INSTANCE.ALLOCATION_NOTE)
                .where(INSTANCE.ID.eq(instanceId)).execute();
        plans.bump(found.get().value3());
        String hostRef = db.select(DOCUMENT.REFERENCE).from(DOCUMENT).where(DOCUMENT.ID.eq(found.get().value1()))
                .fetchOne(DOCUMENT.REFERENCE);
        engine.recordObservation(instanceId, List.of(new FieldChange("host instance", null, hostRef)), Actor.system());
        return true;
    }

    /** Why no partition fits, checked step by step from the widest condition. */
    private String explain(String url, Sla sla, Long owner) {
        // each step only asks whether some row exists: the first one found answers, nothing is counted
        var base = db.selectOne().from(COMPUTER).join(COMPUTER_DOC).on(COMPUTER_DOC.ID.eq(COMPUTER.ID));
        if (!db.fetchExists(base.where(openInScope(owner)))) {
            return "No open computer is available" + (owner == null ? "." : " to this customer.");
        }
        if (!db.fetchExists(base.where(openInScope(owner)).and(supplied(url)))) {
            return "The release " + url + " is not supplied on any open computer yet.";
        }
        if (!db.fetchExists(base.where(openInScope(owner)).and(supplied(url)).and(computerSla(sla)))) {
            return "No open computer with the release matches the SLA " + sla.asMap() + ".";
        }
        if (!sla.capabilities().isEmpty() && !db.fetchExists(db.selectOne().from(PARTITION)
                .join(COMPUTER).on(COMPUTER.ID.eq(PARTITION.COMPUTER_ID))
                .join(COMPUTER_DOC).on(COMPUTER_DOC.ID.eq(COMPUTER.ID))
                .where(openInScope(owner)).and(supplied(url)).and(computerSla(sla)).and(capabilities(sla)))) {
            return "No partition offers the capabilities " + sla.capabilities() + " on the matching computers.";
        }
        return "Every matching computer is full: no free partition within its capacity. Waiting for room.";
    }

    private void note(long instanceId, String oldNote, String newNote) {
        if (!Objects.equals(oldNote, newNote)) {
            db.update(INSTANCE).set(INSTANCE.ALLOCATION_NOTE, newNote).where(INSTANCE.ID.eq(instanceId)).execute();
        }
    }

    private static Condition openInScope(Long owner) {
        Condition scope = COMPUTER_DOC.OWNER_ID.isNull();
        if (owner != null) {
            scope = scope.or(COMPUTER_DOC.OWNER_ID.eq(owner));
        }
        return COMPUTER_DOC.STATE.eq("open").and(scope);
    }

    private static Condition supplied(String url) {
        return DSL.exists(DSL.selectOne().from(SOFTWARE_INSTALLATION)
                .join(INSTALLATION_DOC).on(INSTALLATION_DOC.ID.eq(SOFTWARE_INSTALLATION.ID))
                .join(SOFTWARE_RELEASE).on(SOFTWARE_RELEASE.ID.eq(SOFTWARE_INSTALLATION.RELEASE_ID))
                .where(SOFTWARE_INSTALLATION.COMPUTER_ID.eq(COMPUTER.ID))
                .and(SOFTWARE_RELEASE.URL.eq(url))
                .and(INSTALLATION_DOC.STATE.eq("available")));
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

    private Condition capabilities(Sla sla) {
        if (sla.capabilities().isEmpty()) {
            return DSL.trueCondition();
        }
        try {
            return DSL.condition("{0} @> {1}", PARTITION.CAPABILITIES,
                    DSL.val(JSONB.valueOf(json.writeValueAsString(sla.capabilities()))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String describePartition(long partitionId) {
        return db.select(COMPUTER_DOC.REFERENCE, PARTITION.NAME).from(PARTITION)
                .join(COMPUTER_DOC).on(COMPUTER_DOC.ID.eq(PARTITION.COMPUTER_ID))
                .where(PARTITION.ID.eq(partitionId))
                .fetchOne(r -> r.value1() + " " + r.value2());
    }

    @SuppressWarnings("unchecked")
    private java.util.Map<String, String> readSla(JSONB sla) {
        try {
            return json.readValue(sla.data(), java.util.Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.edgewise.instance;

import static org.edgewise.jooq.Tables.COMPUTER;
import static org.edgewise.jooq.Tables.COMPUTER_CONTACT;
import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.INSTANCE;
import static org.edgewise.jooq.Tables.PARTITION;
import static org.edgewise.jooq.Tables.SOFTWARE_INSTALLATION;
import static org.edgewise.jooq.Tables.SOFTWARE_RELEASE;

import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.edgewise.access.Actor;
import org.edgewise.computer.ComputerWorkflows;
import org.edgewise.catalog.CatalogWorkflows;
import org.edgewise.computer.Partitions;
import org.edgewise.computer.PlanVersions;
import org.edgewise.computer.Silence;
import org.edgewise.database.ArrayPairs;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.FieldChange;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectConditionStep;
import org.jooq.SelectJoinStep;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The queries and updates of allocation: pending and stranded instances, the computers and free partitions
 * that may take them, each locked {@code FOR NO KEY UPDATE SKIP LOCKED} so that allocators on several Master
 * replicas never hand one partition to two instances; and what a batch decided, written in a few set-based
 * statements however many instances it holds.
 */
@Repository
class PlacementStore {

    static final org.edgewise.jooq.tables.Document COMPUTER_DOC = DOCUMENT.as("c_doc");
    static final org.edgewise.jooq.tables.Document INSTALLATION_DOC = DOCUMENT.as("si_doc");

    /** The preference tiers of computers, by what their node last reported of the release's build. */
    private static final int BUILT = 0;
    private static final int NOT_BUILT_YET = 1;
    private static final List<Condition> TIERS = List.of(
            SOFTWARE_INSTALLATION.REPORTED_STATE.eq(CatalogWorkflows.AVAILABLE),
            // building, nothing reported yet, or reported removed before it was supplied again: built next
            SOFTWARE_INSTALLATION.REPORTED_STATE.isNull().or(SOFTWARE_INSTALLATION.REPORTED_STATE.in(CatalogWorkflows.BUILDING,
                    CatalogWorkflows.DESTROYED)));

    /** A pending instance, locked with its document until the transaction ends. */
    record Pending(long id, boolean shared, String url, String softwareType, Sla sla, Long owner, String note) {
        Demand demand() {
            return new Demand(url, sla, owner);
        }
    }

    /** Instances asking for the same thing are placed together. */
    record Demand(String url, Sla sla, Long owner) { }

    /**
     * An instance placed on a computer whose build of its release failed, and that its node never ran
     * there, locked with its document: it moves when another computer fits.
     */
    record Stranded(long id, String url, Sla sla, Long owner, String note, long partitionId, String place,
            String failure) {
        Demand demand() {
            return new Demand(url, sla, owner);
        }
    }

    /**
     * A computer that may take instances: locked, with how many it holds and may hold, and its preference
     * tier ({@link #BUILT} first).
     */
    static final class Host {
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

    /** A free partition locked for one instance, and how it is named on the timeline. */
    record Slot(long partitionId, long computerId, String place) { }

    /** What a batch decided, written at the end by {@link #record}. */
    static final class Decisions {
        final Map<Long, String> notes = new LinkedHashMap<>();
        final Map<Long, List<FieldChange>> timeline = new LinkedHashMap<>();
        /** Computers whose plan changes otherwise than by {@link #writePlacements} (hosts of shared instances). */
        final Set<Long> changedComputers = new HashSet<>();
    }

    private final DSLContext db;
    private final DocumentEngine engine;
    private final PlanVersions plans;
    private final Partitions partitions;
    private final Silence silence;

    PlacementStore(DSLContext db, DocumentEngine engine, PlanVersions plans, Partitions partitions, Silence silence) {
        this.db = db;
        this.silence = silence;
        this.engine = engine;
        this.plans = plans;
        this.partitions = partitions;
    }

    static Condition pending() {
        return DOCUMENT.STATE.ne(InstanceWorkflows.DESTROYED).and(
                INSTANCE.SHARED.isFalse().and(INSTANCE.PARTITION_ID.isNull())
                        .or(INSTANCE.SHARED.isTrue().and(INSTANCE.HOST_INSTANCE_ID.isNull())));
    }

    /** Whether the instance, not destroyed, has a place. */
    boolean hasPlace(long instanceId) {
        return db.fetchExists(db.selectOne().from(INSTANCE).join(DOCUMENT).on(DOCUMENT.ID.eq(INSTANCE.ID))
                .where(INSTANCE.ID.eq(instanceId)).and(DOCUMENT.STATE.ne(InstanceWorkflows.DESTROYED)).and(pending().not()));
    }

    /**
     * Locks up to {@code limit} pending instances matching {@code which}, oldest first, with their
     * documents (so that writing their timeline never waits), skipping those another transaction holds.
     */
    List<Pending> lockPending(Condition which, int limit) {
        return db.select(INSTANCE.ID, INSTANCE.SHARED, INSTANCE.RELEASE_URL, INSTANCE.SOFTWARE_TYPE, INSTANCE.SLA,
                        DOCUMENT.OWNER_ID, INSTANCE.ALLOCATION_NOTE)
                .from(INSTANCE).join(DOCUMENT).on(DOCUMENT.ID.eq(INSTANCE.ID))
                .where(which.and(pending()))
                .orderBy(INSTANCE.ID).limit(limit)
                .forNoKeyUpdate().of(INSTANCE, DOCUMENT).skipLocked()
                .fetch(r -> new Pending(r.value1(), r.value2(), r.value3(), r.value4(), Sla.stored(r.value5()),
                        r.value6(), r.value7()));
    }

    /**
     * Instances placed where the build of their release failed and that their node never ran: in a
     * partition of a computer whose installation of the instance's release reports an error, not shared,
     * nothing reported by the node. Over {@code query}, which selects from {@code PARTITION} and sees
     * {@code INSTANCE} (joined, or of the statement around it).
     */
    private static <R extends Record> SelectConditionStep<R> strandedBy(SelectJoinStep<R> query) {
        return query
                .join(SOFTWARE_INSTALLATION).on(SOFTWARE_INSTALLATION.COMPUTER_ID.eq(PARTITION.COMPUTER_ID)
                        .and(SOFTWARE_INSTALLATION.REPORTED_STATE.eq(CatalogWorkflows.ERROR)))
                .join(SOFTWARE_RELEASE).on(SOFTWARE_RELEASE.ID.eq(SOFTWARE_INSTALLATION.RELEASE_ID))
                .where(SOFTWARE_RELEASE.URL.eq(INSTANCE.RELEASE_URL))
                .and(PARTITION.INSTANCE_ID.eq(INSTANCE.ID))
                .and(INSTANCE.REPORTED_STATE.isNull())
                .and(INSTANCE.SHARED.isFalse());
    }

    /** Locks up to {@code limit} stranded instances after {@code afterId}, oldest first, skipping those another holds. */
    List<Stranded> lockStranded(long afterId, int limit) {
        return strandedBy(db.select(INSTANCE.ID, INSTANCE.RELEASE_URL, INSTANCE.SLA, DOCUMENT.OWNER_ID,
                        INSTANCE.ALLOCATION_NOTE, PARTITION.ID, COMPUTER_DOC.REFERENCE, PARTITION.NAME,
                        SOFTWARE_INSTALLATION.ERROR_LOG)
                .from(PARTITION)
                .join(INSTANCE).on(INSTANCE.ID.eq(PARTITION.INSTANCE_ID))
                .join(DOCUMENT).on(DOCUMENT.ID.eq(INSTANCE.ID))
                .join(COMPUTER_DOC).on(COMPUTER_DOC.ID.eq(PARTITION.COMPUTER_ID)))
                .and(INSTANCE.ID.gt(afterId))
                .and(PARTITION.STATE.eq(ComputerWorkflows.BUSY.name()))
                .and(DOCUMENT.STATE.ne(InstanceWorkflows.DESTROYED))
                .orderBy(INSTANCE.ID).limit(limit)
                .forNoKeyUpdate().of(INSTANCE, DOCUMENT).skipLocked()
                .fetch(r -> new Stranded(r.value1(), r.value2(), Sla.stored(r.value3()), r.value4(), r.value5(),
                        r.value6(), r.value7() + " " + r.value8(), "build failed on " + r.value7() + ": "
                                + WaitExplanation.lastLine(r.value9())));
    }

    /**
     * Locks up to {@code limit} instances after {@code afterId} that their computer lost: it was closed by an
     * operator, or its node is silent past the threshold ({@link Silence}). Only those of releases that declare
     * their instances movable, since the others keep data that must travel with a backup; shared instances go
     * with their host.
     */
    List<Stranded> lockLost(long afterId, int limit) {
        return lostBy(db.select(INSTANCE.ID, INSTANCE.RELEASE_URL, INSTANCE.SLA, DOCUMENT.OWNER_ID,
                        INSTANCE.ALLOCATION_NOTE, PARTITION.ID, COMPUTER_DOC.REFERENCE, PARTITION.NAME,
                        COMPUTER_DOC.STATE, COMPUTER_CONTACT.LAST_CONTACT_AT)
                .from(PARTITION)
                .join(INSTANCE).on(INSTANCE.ID.eq(PARTITION.INSTANCE_ID))
                .join(DOCUMENT).on(DOCUMENT.ID.eq(INSTANCE.ID)))
                .and(INSTANCE.ID.gt(afterId))
                .and(PARTITION.STATE.eq(ComputerWorkflows.BUSY.name()))
                .and(DOCUMENT.STATE.ne(InstanceWorkflows.DESTROYED))
                .orderBy(INSTANCE.ID).limit(limit)
                .forNoKeyUpdate().of(INSTANCE, DOCUMENT).skipLocked()
                .fetch(r -> new Stranded(r.value1(), r.value2(), Sla.stored(r.value3()), r.value4(), r.value5(),
                        r.value6(), r.value7() + " " + r.value8(), ComputerWorkflows.OPEN.equals(r.value9())
                                ? "node of " + r.value7() + " fell silent (last contact "
                                        + org.edgewise.ui.Formats.when(r.value10(), "never") + ")"
                                : r.value7() + " was " + r.value9() + " by an operator"));
    }

    /**
     * Instances of movable releases in partitions of lost computers (closed, decommissioned, or silent past the
     * threshold), not shared. Over {@code query}, which selects from {@code PARTITION} and sees {@code INSTANCE}.
     */
    private <R extends Record> SelectConditionStep<R> lostBy(SelectJoinStep<R> query) {
        OffsetDateTime silentCut = silence.silentIfContactBefore();
        Condition silent = silentCut == null ? DSL.falseCondition() : COMPUTER_CONTACT.LAST_CONTACT_AT.lt(silentCut);
        return query
                .join(COMPUTER_DOC).on(COMPUTER_DOC.ID.eq(PARTITION.COMPUTER_ID))
                .leftJoin(COMPUTER_CONTACT).on(COMPUTER_CONTACT.COMPUTER_ID.eq(PARTITION.COMPUTER_ID))
                .join(SOFTWARE_RELEASE).on(SOFTWARE_RELEASE.URL.eq(INSTANCE.RELEASE_URL))
                .where(COMPUTER_DOC.STATE.in(ComputerWorkflows.CLOSED, ComputerWorkflows.DECOMMISSIONED).or(silent))
                .and(PARTITION.INSTANCE_ID.eq(INSTANCE.ID))
                .and(SOFTWARE_RELEASE.MOVABLE.isTrue())
                .and(INSTANCE.SHARED.isFalse());
    }

    /**
     * Clears the explanations of placed instances that are no longer stranded: the build succeeded since, or
     * their node ran them, and their computer is not lost (or is back).
     */
    void clearSettledNotes() {
        db.update(INSTANCE).setNull(INSTANCE.ALLOCATION_NOTE)
                .where(INSTANCE.PARTITION_ID.isNotNull()).and(INSTANCE.ALLOCATION_NOTE.isNotNull())
                .and(DSL.notExists(strandedBy(DSL.selectOne().from(PARTITION))
                        .and(PARTITION.ID.eq(INSTANCE.PARTITION_ID))))
                .and(DSL.notExists(lostBy(DSL.selectOne().from(PARTITION))
                        .and(PARTITION.ID.eq(INSTANCE.PARTITION_ID))))
                .execute();
    }

    /**
     * The least busy computers that fit the demand and have a free partition for it, locked, skipping those
     * another allocator holds. The release's installation is joined rather than tested with EXISTS (there is
     * at most one per computer and release): as a join PostgreSQL may walk the computers in spread order or
     * start from the release's installations, whichever is cheaper, where EXISTS made it gather and sort every
     * computer with the release for each placement.
     */
    List<Host> lockHosts(Demand demand, int limit) {
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
                        .and(INSTALLATION_DOC.STATE.eq(CatalogWorkflows.AVAILABLE)))
                .where(openInScope(demand.owner()))
                .and(notSilent())
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
     * For each picked computer, as many of its free partitions that fit as it was picked, oldest first,
     * locked, skipping those another transaction holds; in one statement.
     */
    Map<Long, ArrayDeque<Slot>> lockPartitions(List<Long> picks, List<Host> hosts, Sla sla) {
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
     * placements (instance id → slot), a statement each.
     */
    void writePlacements(Map<Long, Slot> placements) {
        List<Partitions.Occupant> occupants = new ArrayList<>(placements.size());
        placements.forEach((instanceId, slot) -> occupants.add(new Partitions.Occupant(slot.partitionId(), instanceId)));
        partitions.occupy(occupants);
        ArrayPairs placed = new ArrayPairs("placed", "partition_id",
                placements.values().stream().map(Slot::partitionId).toArray(Long[]::new),
                "instance_id", placements.keySet().toArray(Long[]::new));
        db.update(INSTANCE).set(INSTANCE.PARTITION_ID, placed.first(Long.class)).setNull(INSTANCE.ALLOCATION_NOTE)
                .from(placed.table()).where(INSTANCE.ID.eq(placed.second(Long.class))).execute();
    }

    /**
     * Moves stranded instances (id → slot): their partitions are freed first (as when an instance is
     * destroyed), then the new ones taken, so the plans of both computers move; the shared instances inside
     * them go along, since they live in their host's partition. Returns each shared instance moved with its
     * host (shared id → host id).
     */
    Map<Long, Long> writeMoves(Map<Long, Slot> moves, Map<Long, Stranded> stranded) {
        partitions.free(moves.keySet().stream()
                .map(id -> new Partitions.Occupant(stranded.get(id).partitionId(), id)).toList());
        writePlacements(moves);
        ArrayPairs hosts = new ArrayPairs("moved", "host_id", moves.keySet().toArray(Long[]::new),
                "partition_id", moves.values().stream().map(Slot::partitionId).toArray(Long[]::new));
        Map<Long, Long> hostOf = new LinkedHashMap<>();
        db.update(INSTANCE).set(INSTANCE.PARTITION_ID, hosts.second(Long.class))
                .from(hosts.table()).where(INSTANCE.HOST_INSTANCE_ID.eq(hosts.first(Long.class)))
                .and(INSTANCE.SHARED.isTrue())
                .returningResult(INSTANCE.ID, INSTANCE.HOST_INSTANCE_ID)
                .forEach(r -> hostOf.put(r.value1(), r.value2()));
        return hostOf;
    }

    /** A shared instance inside its host: in the host's partition. */
    void writeSharedPlacement(long instanceId, long hostId, long partitionId) {
        db.update(INSTANCE)
                .set(INSTANCE.HOST_INSTANCE_ID, hostId)
                .set(INSTANCE.PARTITION_ID, partitionId)
                .setNull(INSTANCE.ALLOCATION_NOTE)
                .where(INSTANCE.ID.eq(instanceId)).execute();
    }

    /**
     * Writes what a batch decided: the explanations, the plans of hosts that took shared instances and the
     * timeline entries. Returns how many instances got a place, since only placements have an entry.
     */
    int record(Decisions d) {
        writeNotes(d.notes);
        plans.bump(d.changedComputers);
        engine.recordObservations(d.timeline, Actor.system());
        return d.timeline.size();
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

    /** A computer whose node is silent past the threshold takes no instance until it is heard from again. */
    private Condition notSilent() {
        OffsetDateTime silentCut = silence.silentIfContactBefore();
        return silentCut == null ? DSL.trueCondition() : DSL.notExists(DSL.selectOne().from(COMPUTER_CONTACT)
                .where(COMPUTER_CONTACT.COMPUTER_ID.eq(COMPUTER.ID)).and(COMPUTER_CONTACT.LAST_CONTACT_AT.lt(silentCut)));
    }

    static Condition openInScope(Long owner) {
        Condition scope = COMPUTER_DOC.OWNER_ID.isNull();
        if (owner != null) {
            scope = scope.or(COMPUTER_DOC.OWNER_ID.eq(owner));
        }
        return COMPUTER_DOC.STATE.eq(ComputerWorkflows.OPEN).and(scope);
    }

    /**
     * The computers the SLA lets in. A test computer takes only what names it (the scratch trees of test runs
     * and their children), so that a test never shares it with a customer's service.
     */
    static Condition computerSla(Sla sla) {
        Condition c = DSL.trueCondition();
        if (sla.computer() != null) {
            c = c.and(COMPUTER_DOC.REFERENCE.eq(sla.computer()));
        } else {
            c = c.and(COMPUTER.FOR_TESTS.isFalse());
        }
        if (sla.region() != null) {
            c = c.and(COMPUTER.REGION.eq(sla.region()));
        }
        return c;
    }

    private static Condition partitionFits(Sla sla) {
        return PARTITION.STATE.eq(ComputerWorkflows.FREE.name()).and(capabilities(sla));
    }

    static Condition capabilities(Sla sla) {
        if (sla.capabilities().isEmpty()) {
            return DSL.trueCondition();
        }
        ArrayNode wanted = JsonNodeFactory.instance.arrayNode();
        sla.capabilities().forEach(wanted::add);
        return DSL.condition("{0} @> {1}", PARTITION.CAPABILITIES, DSL.val(wanted, PARTITION.CAPABILITIES));
    }
}

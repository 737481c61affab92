package org.edgewise.instance;

import static org.edgewise.jooq.Tables.COMPUTER;
import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.INSTANCE;
import static org.edgewise.jooq.Tables.INSTANCE_TREE;
import static org.edgewise.jooq.Tables.PARTITION;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.edgewise.access.Actor;
import org.edgewise.catalog.Catalog;
import org.edgewise.catalog.ParameterSchemas;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.DocumentNotFoundException;
import org.edgewise.document.FieldChange;
import org.edgewise.document.Transition;
import org.edgewise.document.ValidationException;
import org.edgewise.document.WorkflowException;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Requests for instance trees (by customers and scripts) and for child instances (by instances, through
 * their node). A request is idempotent: the same requester and title update the same tree or instance,
 * and each request is followed at once by an attempt to allocate.
 *
 * <p>What may be requested follows the owner of the tree: for a customer's tree (a child requested by its
 * node included) a published release of an active product, for the operator's a draft too; a shared
 * instance naming its host only a host offered to that owner (see {@link InstanceSharing}); and a customer
 * has at most {@code edgewise.requests.max-pending-trees} trees waiting for a place.
 */
@Service
public class InstanceRequests {

    public static final int MAX_CHILDREN = 100;
    public static final int MAX_PARAMETERS_BYTES = 64 * 1024;
    static final List<String> REQUESTED_STATES = List.of(InstanceWorkflows.STARTED, InstanceWorkflows.STOPPED, InstanceWorkflows.DESTROYED);

    /** What a requester asks for. {@code state} defaults to started, {@code shared} to false. */
    public record Request(@NotBlank @Size(max = DocumentEngine.MAX_TITLE_LENGTH) String title,
            @NotBlank @Size(max = Catalog.MAX_URL_LENGTH) String releaseUrl,
            @Size(max = 100) String softwareType,
            @JsonSetter(contentNulls = Nulls.SET) Map<String, Object> parameters,
            @Size(max = Sla.MAX_KEYS) Map<@Size(max = 40) String, @NotBlank @Size(max = Sla.MAX_VALUE) String> sla,
            @Pattern(regexp = "started|stopped|destroyed", message = "is started, stopped or destroyed") String state,
            Boolean shared) {

        /** Not shared unless asked for. */
        public Request {
            shared = shared != null && shared;
        }
    }

    private record Clean(String title, String releaseUrl, String softwareType, JsonNode parameters, Sla sla,
            String state, boolean shared) {

        Clean withParameters(JsonNode checked) {
            return new Clean(title, releaseUrl, softwareType, checked, sla, state, shared);
        }
    }

    private final DSLContext db;
    private final DocumentEngine engine;
    private final InstanceStore store;
    private final Allocator allocator;
    private final InstanceLifecycle lifecycle;
    private final Catalog catalog;
    private final ParameterSchemas parameterSchemas;
    private final ObjectMapper json;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final int maxPendingTrees;

    InstanceRequests(DSLContext db, DocumentEngine engine, InstanceStore store, Allocator allocator,
            InstanceLifecycle lifecycle, Catalog catalog, ParameterSchemas parameterSchemas, ObjectMapper json, Clock clock,
            ApplicationEventPublisher events,
            @Value("${edgewise.requests.max-pending-trees:20}") int maxPendingTrees) {
        if (maxPendingTrees < 1) {
            throw new IllegalArgumentException("edgewise.requests.max-pending-trees must be at least 1, not "
                    + maxPendingTrees);
        }
        this.maxPendingTrees = maxPendingTrees;
        this.catalog = catalog;
        this.parameterSchemas = parameterSchemas;
        this.lifecycle = lifecycle;
        this.db = db;
        this.engine = engine;
        this.store = store;
        this.allocator = allocator;
        this.json = json;
        this.clock = clock;
        this.events = events;
    }

    /** Requests (or updates) the instance tree of this title for the actor's organisation; returns its root. */
    @Transactional
    public InstanceInfo requestTree(Request request, Actor actor) {
        Clean clean = clean(request);
        Long owner = actor.isStaff() ? null : actor.organisationId();
        if (!actor.isStaff() && owner == null) {
            throw new AccessDeniedException(actor.name() + " acts for no organisation.");
        }
        db.execute("SELECT pg_advisory_xact_lock(hashtext({0}))", DSL.val("tree:" + owner + ":" + clean.title()));
        Long treeId = db.select(DOCUMENT.ID).from(DOCUMENT)
                .where(DOCUMENT.DOC_TYPE.eq(InstanceWorkflows.TREE).and(DOCUMENT.TITLE.eq(clean.title()))
                        .and(owner == null ? DOCUMENT.OWNER_ID.isNull() : DOCUMENT.OWNER_ID.eq(owner))
                        .and(DOCUMENT.STATE.ne(InstanceWorkflows.ARCHIVED)))
                .fetchOne(DOCUMENT.ID);
        long rootId;
        if (treeId == null) {
            clean = admit(clean, null, owner);
            Document tree = engine.create(InstanceWorkflows.TREE, clean.title(), owner, actor);
            db.insertInto(INSTANCE_TREE).set(INSTANCE_TREE.ID, tree.id()).execute();
            rootId = createInstance(tree.id(), null, clean, owner, actor);
            db.update(INSTANCE_TREE).set(INSTANCE_TREE.ROOT_INSTANCE_ID, rootId).where(INSTANCE_TREE.ID.eq(tree.id()))
                    .execute();
            events.publishEvent(new Trees.Requested(tree.id(), owner, clean.releaseUrl(), clean.softwareType()));
            moveTo(tree.id(), InstanceWorkflows.TREE, InstanceWorkflows.STARTED, clean.state(), actor);
        } else {
            Document tree = engine.get(treeId, actor);
            if (tree.state().equals(InstanceWorkflows.DESTROYED)) {
                throw new WorkflowException("The instance tree " + tree.reference() + " \"" + clean.title()
                        + "\" is being destroyed; request it again once it is archived, or choose another title.");
            }
            rootId = db.select(INSTANCE_TREE.ROOT_INSTANCE_ID).from(INSTANCE_TREE).where(INSTANCE_TREE.ID.eq(treeId))
                    .fetchOne(INSTANCE_TREE.ROOT_INSTANCE_ID);
            clean = admit(clean, store.find(rootId).orElseThrow(), owner);
            update(rootId, clean, actor);
            moveTo(treeId, InstanceWorkflows.TREE, tree.state(), clean.state(), actor);
        }
        allocator.allocate(rootId);
        InstanceInfo root = store.find(rootId).orElseThrow();
        if (treeId == null && owner != null && !root.allocated()) {
            limitPendingTrees(owner);
        }
        return root;
    }

    /**
     * Requests (or updates) a child of {@code requesterId} in the requester's tree. A title is unique
     * in its tree; an instance has at most {@value #MAX_CHILDREN} children.
     */
    @Transactional
    public InstanceInfo requestChild(long requesterId, Request request, Actor actor) {
        Clean clean = clean(request);
        InstanceInfo requester = db.select(INSTANCE.ID).from(INSTANCE).where(INSTANCE.ID.eq(requesterId)).forUpdate()
                .fetchOptional(INSTANCE.ID).flatMap(store::find)
                .orElseThrow(() -> new DocumentNotFoundException("#" + requesterId));
        if (requester.requestedState().equals(InstanceWorkflows.DESTROYED)) {
            throw new WorkflowException("The instance " + requester.reference() + " is destroyed and requests nothing.");
        }
        String testComputer = testComputerOf(requester);
        if (testComputer != null && (request.sla() == null || !request.sla().containsKey("computer"))) {
            Map<String, String> sla = new java.util.LinkedHashMap<>(request.sla() == null ? Map.of() : request.sla());
            sla.put("computer", testComputer);
            clean = clean(new Request(request.title(), request.releaseUrl(), request.softwareType(), request.parameters(),
                    sla, request.state(), request.shared()));
        }
        Document requesterDoc = engine.get(requesterId, actor);
        var existing = store.findInTree(requester.treeId(), clean.title());
        long childId;
        if (existing.isPresent()) {
            if (!Objects.equals(existing.get().requesterId(), requesterId)) {
                throw new WorkflowException("The title \"" + clean.title() + "\" belongs to another instance of the tree "
                        + requester.tree() + " (" + existing.get().reference() + "); a title is unique in its tree.");
            }
            clean = admit(clean, existing.get(), requesterDoc.ownerId());
            childId = existing.get().id();
            update(childId, clean, actor);
            moveTo(childId, InstanceWorkflows.INSTANCE, existing.get().requestedState(), clean.state(), actor);
        } else {
            int children = db.fetchCount(INSTANCE, INSTANCE.REQUESTER_INSTANCE_ID.eq(requesterId));
            if (children >= MAX_CHILDREN) {
                throw new ValidationException(null, "The instance " + requester.reference() + " already has "
                        + MAX_CHILDREN + " children, the most an instance may request.");
            }
            clean = admit(clean, null, requesterDoc.ownerId());
            childId = createInstance(requester.treeId(), requesterId, clean, requesterDoc.ownerId(), actor);
            moveTo(childId, InstanceWorkflows.INSTANCE, InstanceWorkflows.STARTED, clean.state(), actor);
        }
        allocator.allocate(childId);
        return store.find(childId).orElseThrow();
    }

    /**
     * The test computer the instance is placed on, if it is: what a test run's instance requests stays there with
     * it, as a test computer takes nothing else and nothing else takes a test run's instances.
     */
    private String testComputerOf(InstanceInfo instance) {
        if (instance.partitionId() == null) {
            return null;
        }
        return db.select(DOCUMENT.REFERENCE).from(PARTITION).join(COMPUTER).on(COMPUTER.ID.eq(PARTITION.COMPUTER_ID))
                .join(DOCUMENT).on(DOCUMENT.ID.eq(COMPUTER.ID))
                .where(PARTITION.ID.eq(instance.partitionId())).and(COMPUTER.FOR_TESTS.isTrue())
                .fetchOne(DOCUMENT.REFERENCE);
    }

    /**
     * Moves an existing instance to another release of the catalogue, everything else of its request kept
     * (its parameters checked against the new release's schema): an upgrade, or its rollback. Its node builds
     * the release and makes the instance again in the same partition, keeping its files.
     */
    @Transactional
    public InstanceInfo changeRelease(long instanceId, String releaseUrl, Actor actor) {
        db.select(INSTANCE.ID).from(INSTANCE).where(INSTANCE.ID.eq(instanceId)).forUpdate().fetchOptional()
                .orElseThrow(() -> new DocumentNotFoundException("#" + instanceId));
        InstanceInfo before = store.find(instanceId).orElseThrow();
        catalog.requestable(releaseUrl, false);
        update(instanceId, withCheckedParameters(clean(new Request(before.title(), releaseUrl, before.softwareType(),
                before.parameters() == null ? Map.of() : json.convertValue(before.parameters(), Map.class),
                Sla.stored(before.sla()).asMap(), before.requestedState(), before.shared()))), actor);
        return store.find(instanceId).orElseThrow();
    }

    /**
     * New parameters for an existing instance, everything else of its request kept: checked, written on
     * the timeline and passed to its node exactly as a repeated request with these parameters would be.
     */
    @Transactional
    public InstanceInfo changeParameters(long instanceId, Map<String, Object> parameters, Actor actor) {
        db.select(INSTANCE.ID).from(INSTANCE).where(INSTANCE.ID.eq(instanceId)).forUpdate().fetchOptional()
                .orElseThrow(() -> new DocumentNotFoundException("#" + instanceId));
        InstanceInfo before = store.find(instanceId).orElseThrow();
        update(instanceId, withCheckedParameters(clean(new Request(before.title(), before.releaseUrl(),
                before.softwareType(), parameters, Sla.stored(before.sla()).asMap(), before.requestedState(),
                before.shared()))), actor);
        return store.find(instanceId).orElseThrow();
    }

    /**
     * Refuses what the tree's owner may not request: a release the catalogue does not offer to it (an
     * instance that keeps its release is not asked again, so a tree on a release deprecated since can still be
     * changed, stopped and destroyed), or a host not offered to it for sharing (one it is already inside
     * stays, as withdrawing an offer evicts nobody). The refusal of a host is the same whether the named
     * instance does not exist, may not be seen or is not offered, so it reveals nothing. Returns the request
     * with its parameters checked against the release's schema and its defaults filled in.
     */
    private Clean admit(Clean clean, InstanceInfo existing, Long owner) {
        if (existing == null || !existing.releaseUrl().equals(clean.releaseUrl())) {
            catalog.requestable(clean.releaseUrl(), owner != null);
        }
        String host = clean.sla().hostInstance();
        if (!clean.shared() || host == null || staysInside(existing, clean, host)) {
            return withCheckedParameters(clean);
        }
        boolean offered = db.fetchExists(db.selectOne().from(INSTANCE).join(DOCUMENT).on(DOCUMENT.ID.eq(INSTANCE.ID))
                .where(DOCUMENT.REFERENCE.eq(host))
                .and(InstanceSharing.offeredTo(owner, clean.releaseUrl(), clean.softwareType())));
        if (!offered) {
            throw new ValidationException("sla.instance", "No instance " + host + " is offered for sharing to you for "
                    + "release " + clean.releaseUrl() + ", software type " + clean.softwareType() + ".");
        }
        return withCheckedParameters(clean);
    }

    /**
     * The parameters as the release's schema for the software type takes them, its defaults filled in (see
     * {@link ParameterSchemas#check}); a release the catalogue does not hold has no schema to apply.
     */
    private Clean withCheckedParameters(Clean clean) {
        return catalog.releaseByUrl(clean.releaseUrl())
                .map(release -> clean.withParameters(parameterSchemas.check(release.id(), clean.softwareType(),
                        clean.parameters())))
                .orElse(clean);
    }

    /** Whether the shared instance is already inside this host and asks for the same release and type again. */
    private boolean staysInside(InstanceInfo existing, Clean clean, String host) {
        return existing != null && existing.hostInstanceId() != null
                && existing.releaseUrl().equals(clean.releaseUrl())
                && existing.softwareType().equals(clean.softwareType())
                && store.find(existing.hostInstanceId()).map(InstanceInfo::reference).filter(host::equals).isPresent();
    }

    /**
     * Refuses a customer's new tree that would wait for a place beyond the limit: each pending tree holds
     * a request the allocator looks at again and again. Requests of one organisation take turns here, so
     * that two at once cannot both pass the count.
     */
    private void limitPendingTrees(long owner) {
        db.execute("SELECT pg_advisory_xact_lock(hashtext({0}))", DSL.val("pending trees:" + owner));
        var root = INSTANCE.as("root");
        int pending = db.fetchCount(db.select(DOCUMENT.ID).from(DOCUMENT)
                .join(INSTANCE_TREE).on(INSTANCE_TREE.ID.eq(DOCUMENT.ID))
                .join(root).on(root.ID.eq(INSTANCE_TREE.ROOT_INSTANCE_ID))
                .where(DOCUMENT.OWNER_ID.eq(owner)).and(DOCUMENT.DOC_TYPE.eq(InstanceWorkflows.TREE))
                .and(DOCUMENT.STATE.in(InstanceWorkflows.STARTED, InstanceWorkflows.STOPPED)).and(root.PARTITION_ID.isNull()));
        if (pending > maxPendingTrees) {
            throw new WorkflowException("Your organisation already has " + maxPendingTrees + " services waiting for a "
                    + "place, the most it may have: this one is not requested. Request it again once some of them "
                    + "are placed, or destroy those you no longer need.");
        }
    }

    private long createInstance(long treeId, Long requesterId, Clean clean, Long owner, Actor actor) {
        Document doc = engine.create(InstanceWorkflows.INSTANCE, clean.title(), owner, actor);
        JsonNode sla = json.valueToTree(clean.sla().asMap());
        db.insertInto(INSTANCE)
                .set(INSTANCE.ID, doc.id())
                .set(INSTANCE.TREE_ID, treeId)
                .set(INSTANCE.REQUESTER_INSTANCE_ID, requesterId)
                .set(INSTANCE.TITLE, clean.title())
                .set(INSTANCE.RELEASE_URL, clean.releaseUrl())
                .set(INSTANCE.SOFTWARE_TYPE, clean.softwareType())
                .set(INSTANCE.PARAMETERS, clean.parameters())
                .set(INSTANCE.SLA, sla)
                .set(INSTANCE.SHARED, clean.shared())
                .set(INSTANCE.CHANGED_AT, OffsetDateTime.now(clock))
                .execute();
        return doc.id();
    }

    private void update(long instanceId, Clean clean, Actor actor) {
        InstanceInfo before = store.find(instanceId).orElseThrow();
        if (before.shared() != clean.shared()) {
            throw new ValidationException("shared", "An instance cannot change between shared and not shared; "
                    + "request another title.");
        }
        JsonNode sla = json.valueToTree(clean.sla().asMap());
        List<FieldChange> changes = new FieldChange.Collector()
                .compare("release", before.releaseUrl(), clean.releaseUrl())
                .compare("software type", before.softwareType(), clean.softwareType())
                .compare("parameters", before.parameters(), clean.parameters())
                .compare("SLA", before.sla(), sla)
                .changes();
        if (changes.isEmpty()) {
            return;
        }
        if (before.requestedState().equals(InstanceWorkflows.DESTROYED)) {
            throw new WorkflowException("The instance " + before.reference() + " is destroyed and cannot be changed.");
        }
        engine.recordChanges(instanceId, changes, actor);
        db.update(INSTANCE)
                .set(INSTANCE.RELEASE_URL, clean.releaseUrl())
                .set(INSTANCE.SOFTWARE_TYPE, clean.softwareType())
                .set(INSTANCE.PARAMETERS, clean.parameters())
                .set(INSTANCE.SLA, sla)
                .where(INSTANCE.ID.eq(instanceId))
                .execute();
        lifecycle.touch(instanceId);
    }

    private void moveTo(long documentId, String docType, String from, String to, Actor actor) {
        String action = engine.workflow(docType).towards(from, to).map(Transition::action).orElse(null);
        if (action != null) {
            engine.apply(documentId, action, actor, null);
        }
    }

    private Clean clean(Request r) {
        String title = r.title() == null ? "" : r.title().strip();
        if (title.isEmpty() || title.length() > DocumentEngine.MAX_TITLE_LENGTH) {
            throw new ValidationException("title", "A request needs a title of 1 to " + DocumentEngine.MAX_TITLE_LENGTH
                    + " characters.");
        }
        String url = Catalog.requireUrl("releaseUrl", r.releaseUrl());
        String type = r.softwareType() == null || r.softwareType().isBlank() ? "default" : r.softwareType().strip();
        if (!type.matches("^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")) {
            throw new ValidationException("softwareType", "\"" + type + "\" is not a software type.");
        }
        String state = r.state() == null || r.state().isBlank() ? InstanceWorkflows.STARTED : r.state().strip();
        if (!REQUESTED_STATES.contains(state)) {
            throw new ValidationException("state", "A requested state is started, stopped or destroyed, not \"" + state
                    + "\".");
        }
        JsonNode parameters = json.valueToTree(r.parameters() == null ? Map.of() : r.parameters());
        if (parameters.toString().length() > MAX_PARAMETERS_BYTES) {
            throw new ValidationException("parameters", "Parameters may take at most " + MAX_PARAMETERS_BYTES / 1024
                    + " KiB as JSON.");
        }
        Sla sla = Sla.parse(r.sla());
        if (sla.hostInstance() != null && !r.shared()) {
            throw new ValidationException("sla.instance", "The SLA key \"instance\" names the host of a shared "
                    + "instance; this request is not shared.");
        }
        return new Clean(title, url, type, parameters, sla, state, r.shared());
    }
}

package org.edgewise.instance;

import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.INSTANCE;
import static org.edgewise.jooq.Tables.INSTANCE_TREE;

import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.edgewise.access.Actor;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.DocumentNotFoundException;
import org.edgewise.document.DocumentQueries;
import org.edgewise.document.PageRequest;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Instance trees as their owners see them: the root request and every instance with its state and place. */
@Service
public class Trees {

    /** A tree; {@code status} is what is true of it as a service, {@code owner} the organisation owning it. */
    public record Tree(String reference, String title, String state, InstanceInfo root, List<InstanceInfo> instances,
            String owner, ServiceTruth.Status status) { }

    /**
     * One instance with what its page shows around it: its tree, the instance that requested it, the
     * instance hosting it when shared (and whether this user may open that one), when its state was last
     * reported, the instances it requested and the shared instances it hosts that this user may see.
     */
    public record InstanceDetails(InstanceInfo instance, String treeTitle, String treeState, InstanceInfo requester,
            InstanceInfo host, boolean hostVisible, OffsetDateTime reportedAt, List<InstanceInfo> children,
            List<InstanceInfo> hosted) {

        public boolean isRoot() {
            return instance.requesterId() == null;
        }
    }

    /**
     * A new tree was requested, published in the requesting transaction: what other features start with
     * a tree (a customer's subscription) is made in it too, or not at all.
     *
     * @param ownerId the customer organisation that owns the tree, or {@code null} for the provider's own
     */
    public record Requested(long treeId, Long ownerId, String releaseUrl, String softwareType) { }

    public record Row(long id, String reference, String title, String state, String releaseUrl, String softwareType,
            String rootReference, String place, String allocationNote, String reportedState, String owner,
            ServiceTruth.Status status) { }

    private static final Map<String, Field<?>> SORT = Map.of("reference", DOCUMENT.ID, "title", DOCUMENT.TITLE,
            "state", DOCUMENT.STATE);

    private final DSLContext db;
    private final DocumentEngine engine;
    private final InstanceStore store;

    Trees(DSLContext db, DocumentEngine engine, InstanceStore store) {
        this.db = db;
        this.engine = engine;
        this.store = store;
    }

    /**
     * A tree this user may see, by its reference or by its root instance's (what a request answers
     * first); any other reference is not found.
     */
    @Transactional(readOnly = true)
    public Tree get(String reference, Actor actor) {
        Document tree = treeDocument(reference, actor);
        Long rootId = db.select(INSTANCE_TREE.ROOT_INSTANCE_ID).from(INSTANCE_TREE).where(INSTANCE_TREE.ID.eq(tree.id()))
                .fetchOne(INSTANCE_TREE.ROOT_INSTANCE_ID);
        List<InstanceInfo> instances = store.where(INSTANCE.TREE_ID.eq(tree.id()));
        InstanceInfo root = instances.stream().filter(i -> i.id() == rootId).findFirst().orElseThrow();
        return new Tree(tree.reference(), tree.title(), tree.state(), root, instances, root.owner(),
                ServiceTruth.status(tree.state(), root, store.now()));
    }

    /** An instance this user may see; a reference of another kind of document is not found. */
    @Transactional(readOnly = true)
    public InstanceInfo instance(String reference, Actor actor) {
        Document doc = engine.get(reference, actor);
        return store.find(doc.id()).orElseThrow(() -> new DocumentNotFoundException(reference));
    }

    /** An instance of a tree this user may see; any other reference is not found. */
    @Transactional(readOnly = true)
    public InstanceDetails instanceDetails(String reference, Actor actor) {
        InstanceInfo instance = instance(reference, actor);
        var tree = db.select(DOCUMENT.TITLE, DOCUMENT.STATE).from(DOCUMENT).where(DOCUMENT.ID.eq(instance.treeId()))
                .fetchSingle();
        OffsetDateTime reportedAt = db.select(INSTANCE.REPORTED_AT).from(INSTANCE).where(INSTANCE.ID.eq(instance.id()))
                .fetchOne(INSTANCE.REPORTED_AT);
        InstanceInfo requester = instance.requesterId() == null ? null : store.find(instance.requesterId()).orElse(null);
        InstanceInfo host = !instance.shared() || instance.hostInstanceId() == null ? null
                : store.find(instance.hostInstanceId()).orElse(null);
        Condition visible = DocumentQueries.visibleTo(actor);
        boolean hostVisible = host != null && db.fetchExists(DOCUMENT, DOCUMENT.ID.eq(host.id()).and(visible));
        List<InstanceInfo> children = store.where(INSTANCE.REQUESTER_INSTANCE_ID.eq(instance.id()).and(visible));
        List<InstanceInfo> hosted = store.where(INSTANCE.HOST_INSTANCE_ID.eq(instance.id()).and(INSTANCE.SHARED.isTrue())
                .and(visible));
        return new InstanceDetails(instance, tree.value1(), tree.value2(), requester, host, hostVisible, reportedAt,
                children, hosted);
    }

    /** Destroys the tree and, through it, every instance. Destroying twice is harmless. */
    @Transactional
    public Tree destroy(String reference, Actor actor) {
        Document tree = treeDocument(reference, actor);
        if (tree.state().equals(InstanceWorkflows.STARTED) || tree.state().equals(InstanceWorkflows.STOPPED)) {
            engine.apply(tree.id(), InstanceWorkflows.DESTROY, actor, null);
        }
        return get(tree.reference(), actor);
    }

    private Document treeDocument(String reference, Actor actor) {
        Document doc = engine.get(reference, actor);
        if (doc.docType().equals(InstanceWorkflows.TREE)) {
            return doc;
        }
        if (doc.docType().equals(InstanceWorkflows.INSTANCE)) {
            Long treeId = db.select(INSTANCE_TREE.ID).from(INSTANCE_TREE)
                    .where(INSTANCE_TREE.ROOT_INSTANCE_ID.eq(doc.id())).fetchOne(INSTANCE_TREE.ID);
            if (treeId != null) {
                return engine.get(treeId, actor);
            }
        }
        throw new DocumentNotFoundException(reference);
    }

    /** A page of the trees this actor may see, each with what is true of it as a service. */
    @Transactional(readOnly = true)
    public List<Row> page(PageRequest page, Actor actor) {
        return rows(DocumentQueries.visibleList(InstanceWorkflows.TREE, actor, page, INSTANCE.as("root").RELEASE_URL),
                page);
    }

    /** The services of an organisation this actor may see, archived ones aside, newest first. */
    @Transactional(readOnly = true)
    public List<Row> ownedBy(long organisationId, Actor actor) {
        PageRequest all = PageRequest.all();
        return rows(DOCUMENT.DOC_TYPE.eq(InstanceWorkflows.TREE).and(DocumentQueries.visibleTo(actor))
                .and(DOCUMENT.OWNER_ID.eq(organisationId)).and(DOCUMENT.STATE.ne(InstanceWorkflows.ARCHIVED)), all);
    }

    private List<Row> rows(Condition where, PageRequest page) {
        var root = INSTANCE.as("root");
        var rootDoc = DOCUMENT.as("root_doc");
        var place = InstanceStore.COMPUTER_DOC;
        var partition = org.edgewise.jooq.Tables.PARTITION;
        var rows = db.select(DOCUMENT.ID, DOCUMENT.REFERENCE, DOCUMENT.TITLE, DOCUMENT.STATE, root.RELEASE_URL,
                        root.SOFTWARE_TYPE, rootDoc.REFERENCE, place.REFERENCE, partition.NAME, root.ALLOCATION_NOTE,
                        root.REPORTED_STATE, root.ID)
                .from(DOCUMENT)
                .join(INSTANCE_TREE).on(INSTANCE_TREE.ID.eq(DOCUMENT.ID))
                .join(root).on(root.ID.eq(INSTANCE_TREE.ROOT_INSTANCE_ID))
                .join(rootDoc).on(rootDoc.ID.eq(root.ID))
                .leftJoin(partition).on(partition.ID.eq(root.PARTITION_ID))
                .leftJoin(place).on(place.ID.eq(partition.COMPUTER_ID))
                .where(where)
                .orderBy(page.sortFields(SORT, DOCUMENT.ID.desc()))
                .offset(page.offset()).limit(page.limit())
                .fetch();
        Map<Long, InstanceInfo> roots = roots(rows.map(r -> r.value12()));
        OffsetDateTime now = store.now();
        return rows.map(r -> {
            InstanceInfo rootInfo = roots.get(r.value12());
            return new Row(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7(),
                    r.value8() == null ? null : r.value8() + " " + r.value9(), r.value10(), r.value11(),
                    rootInfo.owner(), ServiceTruth.status(r.value4(), rootInfo, now));
        });
    }

    /**
     * How many of the services this actor may see, destroyed ones aside, are of each kind of status: what the
     * home page counts, from the same truth every list shows.
     */
    @Transactional(readOnly = true)
    public Map<ServiceTruth.Kind, Integer> countByStatus(Actor actor) {
        var trees = db.select(DOCUMENT.STATE, INSTANCE_TREE.ROOT_INSTANCE_ID).from(DOCUMENT)
                .join(INSTANCE_TREE).on(INSTANCE_TREE.ID.eq(DOCUMENT.ID))
                .where(DOCUMENT.DOC_TYPE.eq(InstanceWorkflows.TREE).and(DocumentQueries.visibleTo(actor))
                        .and(DOCUMENT.STATE.in(InstanceWorkflows.STARTED, InstanceWorkflows.STOPPED)))
                .fetch();
        Map<Long, InstanceInfo> roots = roots(trees.map(r -> r.value2()));
        OffsetDateTime now = store.now();
        Map<ServiceTruth.Kind, Integer> counts = new EnumMap<>(ServiceTruth.Kind.class);
        for (ServiceTruth.Kind kind : ServiceTruth.Kind.values()) {
            counts.put(kind, 0);
        }
        trees.forEach(r -> counts.merge(ServiceTruth.status(r.value1(), roots.get(r.value2()), now).kind(), 1,
                Integer::sum));
        return counts;
    }

    private Map<Long, InstanceInfo> roots(List<Long> ids) {
        return store.where(INSTANCE.ID.in(ids)).stream().collect(Collectors.toMap(InstanceInfo::id, i -> i));
    }

    @Transactional(readOnly = true)
    public int count(PageRequest page, Actor actor) {
        var root = INSTANCE.as("root");
        return db.fetchCount(db.select(DOCUMENT.ID).from(DOCUMENT)
                .join(INSTANCE_TREE).on(INSTANCE_TREE.ID.eq(DOCUMENT.ID))
                .join(root).on(root.ID.eq(INSTANCE_TREE.ROOT_INSTANCE_ID))
                .where(DocumentQueries.visibleList(InstanceWorkflows.TREE, actor, page, root.RELEASE_URL)));
    }
}

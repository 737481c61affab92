package org.edgewise.upgrade;

import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.INSTANCE;
import static org.edgewise.jooq.Tables.INSTANCE_HEALTH;
import static org.edgewise.jooq.Tables.INSTANCE_TREE;
import static org.edgewise.jooq.Tables.ORGANISATION;
import static org.edgewise.jooq.Tables.PARTITION;
import static org.edgewise.jooq.Tables.SOFTWARE_INSTALLATION;
import static org.edgewise.jooq.Tables.SOFTWARE_RELEASE;
import static org.edgewise.jooq.Tables.TEST_RESULT;
import static org.edgewise.jooq.Tables.UPGRADE_DECISION;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.edgewise.access.Actor;
import org.edgewise.catalog.CatalogWorkflows;
import org.edgewise.catalog.Installations;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.DocumentNotFoundException;
import org.edgewise.document.DocumentQueries;
import org.edgewise.document.PageRequest;
import org.edgewise.instance.InstanceRequests;
import org.edgewise.instance.InstanceWorkflows;
import org.edgewise.mail.Outbox;
import org.edgewise.mail.PublicLinks;
import org.edgewise.party.Organisations;
import org.edgewise.testing.TestingWorkflows;
import org.jooq.Condition;
import org.edgewise.ui.Formats;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Upgrade decisions, from proposal to outcome. Each pass of {@link #runOnce}: proposes the newest release of a
 * product whose latest test result passed to every live tree on an older release of it (once per tree and
 * release, whatever the number of Masters); carries out the accepted decisions (the tree's instances on the old
 * release move to the new one, which is supplied on their computers); and watches those upgrading: done once the
 * node runs the new release and its promises have held for {@code edgewise.upgrades.watch}, rolled back to the
 * old release when its build, its instantiation or a promise fails first, or it is not running within
 * {@code edgewise.upgrades.limit}. The tree's organisation is mailed each proposal and each outcome.
 */
@Service
public class Upgrades {

    private static final Logger log = LoggerFactory.getLogger(Upgrades.class);

    /** A decision as lists and pages show it. */
    public record Decision(@JsonIgnore long id, String reference, String state, String title, @JsonIgnore long treeId,
            String tree, String treeTitle, @JsonIgnore Long ownerId, String product, String fromVersion, String fromUrl, String toVersion,
            String toUrl, String toReleaseReference, String testResult, OffsetDateTime createdAt,
            OffsetDateTime upgradingSince, OffsetDateTime runningSince, String outcome) { }

    /** What one pass did. */
    public record Pass(int proposed, int started, int concluded) { }

    private static final org.edgewise.jooq.tables.SoftwareRelease FROM = SOFTWARE_RELEASE.as("from_release");
    private static final org.edgewise.jooq.tables.SoftwareRelease TO = SOFTWARE_RELEASE.as("to_release");
    private static final org.edgewise.jooq.tables.Document TREE_DOC = DOCUMENT.as("tree_doc");
    private static final org.edgewise.jooq.tables.Document TO_DOC = DOCUMENT.as("to_doc");
    private static final org.edgewise.jooq.tables.Document PRODUCT_DOC = DOCUMENT.as("product_doc");
    private static final org.edgewise.jooq.tables.Document RESULT_DOC = DOCUMENT.as("result_doc");
    private static final List<String> OPEN = List.of(UpgradeWorkflows.DRAFT, UpgradeWorkflows.PROPOSED,
            UpgradeWorkflows.ACCEPTED, UpgradeWorkflows.UPGRADING);

    private static final Map<String, Field<?>> SORT = Map.of("reference", UPGRADE_DECISION.ID, "state", DOCUMENT.STATE,
            "tree", TREE_DOC.TITLE, "product", PRODUCT_DOC.TITLE, "to", TO.VERSION, "created", DOCUMENT.CREATED_AT);

    private final DSLContext db;
    private final DocumentEngine engine;
    private final InstanceRequests requests;
    private final Installations installations;
    private final TransactionTemplate tx;
    private final Organisations organisations;
    private final Outbox outbox;
    private final PublicLinks links;
    private final Clock clock;
    private final Duration watch;
    private final Duration limit;

    Upgrades(DSLContext db, DocumentEngine engine, InstanceRequests requests, Installations installations,
            TransactionTemplate tx, Organisations organisations, Outbox outbox, PublicLinks links, Clock clock,
            @Value("${edgewise.upgrades.watch:PT2M}") Duration watch,
            @Value("${edgewise.upgrades.limit:PT30M}") Duration limit) {
        this.db = db;
        this.engine = engine;
        this.requests = requests;
        this.installations = installations;
        this.tx = tx;
        this.organisations = organisations;
        this.outbox = outbox;
        this.links = links;
        this.clock = clock;
        this.watch = watch;
        this.limit = limit;
    }

    public Pass runOnce() {
        int proposed = propose();
        int started = 0;
        for (Long id : decisionsIn(UpgradeWorkflows.ACCEPTED)) {
            if (Boolean.TRUE.equals(tx.execute(status -> start(id)))) {
                started++;
            }
        }
        int concluded = 0;
        for (Long id : decisionsIn(UpgradeWorkflows.UPGRADING)) {
            if (Boolean.TRUE.equals(tx.execute(status -> conclude(id)))) {
                concluded++;
            }
        }
        if (proposed + started + concluded > 0) {
            log.info("Upgrades: {} proposed, {} started, {} concluded", proposed, started, concluded);
        }
        return new Pass(proposed, started, concluded);
    }

    private List<Long> decisionsIn(String state) {
        return db.select(UPGRADE_DECISION.ID).from(UPGRADE_DECISION).join(DOCUMENT).on(DOCUMENT.ID.eq(UPGRADE_DECISION.ID))
                .where(DOCUMENT.STATE.eq(state)).orderBy(UPGRADE_DECISION.ID).fetch(UPGRADE_DECISION.ID);
    }

    // ---- proposing

    /** A release that may be proposed: published, and its latest test result passed. */
    private record Candidate(long releaseId, long productId, String url, String version, long resultId) { }

    private int propose() {
        var latest = TEST_RESULT.as("latest");
        Map<Long, Candidate> newest = new LinkedHashMap<>();
        db.select(SOFTWARE_RELEASE.ID, SOFTWARE_RELEASE.PRODUCT_ID, SOFTWARE_RELEASE.URL, SOFTWARE_RELEASE.VERSION, latest.ID)
                .from(SOFTWARE_RELEASE)
                .join(DOCUMENT).on(DOCUMENT.ID.eq(SOFTWARE_RELEASE.ID))
                .join(latest).on(latest.ID.eq(DSL.field(DSL.select(DSL.max(TEST_RESULT.ID)).from(TEST_RESULT)
                        .where(TEST_RESULT.RELEASE_ID.eq(SOFTWARE_RELEASE.ID)))))
                .join(RESULT_DOC).on(RESULT_DOC.ID.eq(latest.ID))
                .where(DOCUMENT.STATE.eq(CatalogWorkflows.PUBLISHED)).and(RESULT_DOC.STATE.eq(TestingWorkflows.PASSED))
                .fetch(r -> new Candidate(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()))
                .forEach(c -> newest.merge(c.productId(), c,
                        (a, b) -> Versions.compare(a.version(), b.version()) >= 0 ? a : b));
        int proposed = 0;
        for (Candidate c : newest.values()) {
            var trees = db.select(INSTANCE_TREE.ID, SOFTWARE_RELEASE.ID, SOFTWARE_RELEASE.VERSION)
                    .from(INSTANCE_TREE)
                    .join(TREE_DOC).on(TREE_DOC.ID.eq(INSTANCE_TREE.ID))
                    .join(INSTANCE).on(INSTANCE.ID.eq(INSTANCE_TREE.ROOT_INSTANCE_ID))
                    .join(SOFTWARE_RELEASE).on(SOFTWARE_RELEASE.URL.eq(INSTANCE.RELEASE_URL))
                    .where(TREE_DOC.STATE.in(InstanceWorkflows.STARTED, InstanceWorkflows.STOPPED))
                    .and(SOFTWARE_RELEASE.PRODUCT_ID.eq(c.productId())).and(SOFTWARE_RELEASE.ID.ne(c.releaseId()))
                    .andNotExists(DSL.selectOne().from(TEST_RESULT).where(TEST_RESULT.TREE_ID.eq(INSTANCE_TREE.ID)))
                    .andNotExists(DSL.selectOne().from(UPGRADE_DECISION).where(UPGRADE_DECISION.TREE_ID.eq(INSTANCE_TREE.ID))
                            .and(UPGRADE_DECISION.TO_RELEASE_ID.eq(c.releaseId())))
                    .fetch();
            for (var t : trees) {
                if (Versions.compare(t.value3(), c.version()) < 0
                        && Boolean.TRUE.equals(tx.execute(status -> proposeTo(t.value1(), t.value2(), c)))) {
                    proposed++;
                }
            }
        }
        return proposed;
    }

    /** Drafts and proposes the decision for one tree, unless it has one for this release or one still open. */
    private boolean proposeTo(long treeId, long fromReleaseId, Candidate c) {
        db.execute("SELECT pg_advisory_xact_lock(hashtext({0}))", DSL.val("upgrade decisions of tree " + treeId));
        boolean taken = db.fetchExists(DSL.selectOne().from(UPGRADE_DECISION).join(DOCUMENT).on(DOCUMENT.ID.eq(UPGRADE_DECISION.ID))
                .where(UPGRADE_DECISION.TREE_ID.eq(treeId))
                .and(UPGRADE_DECISION.TO_RELEASE_ID.eq(c.releaseId()).or(DOCUMENT.STATE.in(OPEN))));
        if (taken) {
            return false;
        }
        var tree = db.select(DOCUMENT.TITLE, DOCUMENT.OWNER_ID).from(DOCUMENT).where(DOCUMENT.ID.eq(treeId)).fetchSingle();
        var names = db.select(PRODUCT_DOC.TITLE, FROM.VERSION).from(FROM).join(PRODUCT_DOC).on(PRODUCT_DOC.ID.eq(FROM.PRODUCT_ID))
                .where(FROM.ID.eq(fromReleaseId)).fetchSingle();
        String resultReference = db.select(DOCUMENT.REFERENCE).from(DOCUMENT).where(DOCUMENT.ID.eq(c.resultId()))
                .fetchOne(DOCUMENT.REFERENCE);
        Document doc = engine.create(UpgradeWorkflows.TYPE, names.value1() + " " + names.value2() + " → " + c.version()
                + " for " + tree.value1(), tree.value2(), Actor.system());
        db.insertInto(UPGRADE_DECISION)
                .set(UPGRADE_DECISION.ID, doc.id())
                .set(UPGRADE_DECISION.TREE_ID, treeId)
                .set(UPGRADE_DECISION.FROM_RELEASE_ID, fromReleaseId)
                .set(UPGRADE_DECISION.TO_RELEASE_ID, c.releaseId())
                .set(UPGRADE_DECISION.TEST_RESULT_ID, c.resultId())
                .execute();
        engine.apply(doc.id(), UpgradeWorkflows.PROPOSE, Actor.system(), names.value1() + " " + c.version()
                + " passed its tests (" + resultReference + ").");
        boolean automatic = tree.value2() != null && Boolean.TRUE.equals(db.select(ORGANISATION.ACCEPTS_UPGRADES)
                .from(ORGANISATION).where(ORGANISATION.ID.eq(tree.value2())).fetchOne(ORGANISATION.ACCEPTS_UPGRADES));
        if (automatic) {
            engine.apply(doc.id(), UpgradeWorkflows.ACCEPT, Actor.system(), "Accepted at once: the organisation accepts"
                    + " upgrades whose tests passed.");
        }
        String treeReference = db.select(DOCUMENT.REFERENCE).from(DOCUMENT).where(DOCUMENT.ID.eq(treeId))
                .fetchOne(DOCUMENT.REFERENCE);
        tell(tree.value2(), names.value1() + " " + c.version() + " is " + (automatic ? "coming to" : "proposed for")
                + " your service " + tree.value1(), names.value1() + " " + c.version() + " passed its tests, and "
                + (automatic ? "your organisation accepts upgrades: your service " + tree.value1() + " moves to it now."
                        : "is proposed for your service " + tree.value1() + " (now on " + names.value2() + "). Accept"
                                + " or reject it on the service's page.")
                + "\n\n" + links.to("my/services/" + treeReference));
        return true;
    }

    // ---- carrying out

    private boolean start(long decisionId) {
        var d = lockDecision(decisionId, UpgradeWorkflows.ACCEPTED);
        if (d == null) {
            return false;
        }
        String fromUrl = d.get(FROM.URL);
        String toUrl = d.get(TO.URL);
        var tree = db.select(DOCUMENT.STATE).from(DOCUMENT).where(DOCUMENT.ID.eq(d.get(UPGRADE_DECISION.TREE_ID)))
                .fetchOne(DOCUMENT.STATE);
        var moving = db.select(INSTANCE.ID, PARTITION.COMPUTER_ID).from(INSTANCE)
                .join(DOCUMENT).on(DOCUMENT.ID.eq(INSTANCE.ID))
                .leftJoin(PARTITION).on(PARTITION.ID.eq(INSTANCE.PARTITION_ID))
                .where(INSTANCE.TREE_ID.eq(d.get(UPGRADE_DECISION.TREE_ID))).and(INSTANCE.RELEASE_URL.eq(fromUrl))
                .and(DOCUMENT.STATE.ne(InstanceWorkflows.DESTROYED)).fetch();
        if (!(InstanceWorkflows.STARTED.equals(tree) || InstanceWorkflows.STOPPED.equals(tree)) || moving.isEmpty()) {
            engine.apply(decisionId, UpgradeWorkflows.WITHDRAW, Actor.system(), "The tree is no longer on "
                    + d.get(FROM.VERSION) + ".");
            return false;
        }
        for (var instance : moving) {
            if (instance.value2() != null) {
                installations.supply(instance.value2(), toUrl, Actor.system());
            }
            requests.changeRelease(instance.value1(), toUrl, Actor.system());
        }
        db.update(UPGRADE_DECISION).set(UPGRADE_DECISION.UPGRADING_SINCE, OffsetDateTime.now(clock))
                .where(UPGRADE_DECISION.ID.eq(decisionId)).execute();
        engine.apply(decisionId, UpgradeWorkflows.UPGRADE, Actor.system(), moving.size() == 1 ? null
                : moving.size() + " instances move to " + d.get(TO.VERSION) + ".");
        return true;
    }

    /** Ends an upgrading decision that can be ended now: done, or rolled back with why. */
    private boolean conclude(long decisionId) {
        var d = lockDecision(decisionId, UpgradeWorkflows.UPGRADING);
        if (d == null) {
            return false;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime since = d.get(UPGRADE_DECISION.UPGRADING_SINCE);
        String toUrl = d.get(TO.URL);
        String toName = d.get(PRODUCT_DOC.TITLE) + " " + d.get(TO.VERSION);
        var root = db.select(INSTANCE.ID, INSTANCE.REPORTED_STATE, INSTANCE.REPORTED_RELEASE_URL, INSTANCE.REPORTED_AT,
                        INSTANCE.ERROR_LOG, INSTANCE.PARTITION_ID, PARTITION.COMPUTER_ID, INSTANCE_HEALTH.HEALTHY,
                        INSTANCE_HEALTH.FAILING_PROMISE, INSTANCE_HEALTH.MESSAGE, INSTANCE_HEALTH.SINCE)
                .from(INSTANCE_TREE).join(INSTANCE).on(INSTANCE.ID.eq(INSTANCE_TREE.ROOT_INSTANCE_ID))
                .leftJoin(PARTITION).on(PARTITION.ID.eq(INSTANCE.PARTITION_ID))
                .leftJoin(INSTANCE_HEALTH).on(INSTANCE_HEALTH.INSTANCE_ID.eq(INSTANCE.ID))
                .where(INSTANCE_TREE.ID.eq(d.get(UPGRADE_DECISION.TREE_ID))).fetchSingle();
        String build = root.get(PARTITION.COMPUTER_ID) == null ? null
                : db.select(SOFTWARE_INSTALLATION.ERROR_LOG).from(SOFTWARE_INSTALLATION)
                        .where(SOFTWARE_INSTALLATION.COMPUTER_ID.eq(root.get(PARTITION.COMPUTER_ID)))
                        .and(SOFTWARE_INSTALLATION.RELEASE_ID.eq(d.get(UPGRADE_DECISION.TO_RELEASE_ID)))
                        .and(SOFTWARE_INSTALLATION.REPORTED_STATE.eq(CatalogWorkflows.ERROR))
                        // an earlier upgrade's failed build is built again by the node before this one is judged
                        .and(SOFTWARE_INSTALLATION.REPORTED_AT.ge(since))
                        .fetchOne(SOFTWARE_INSTALLATION.ERROR_LOG);
        boolean onNew = toUrl.equals(root.get(INSTANCE.REPORTED_RELEASE_URL));
        boolean reportedSince = root.get(INSTANCE.REPORTED_AT) != null && !root.get(INSTANCE.REPORTED_AT).isBefore(since);
        if (build != null) {
            return rollBack(d, "The build of " + toName + " failed: " + errorLine(build));
        }
        if (InstanceWorkflows.ERROR.equals(root.get(INSTANCE.REPORTED_STATE)) && (onNew || reportedSince)) {
            return rollBack(d, toName + " could not be made: " + errorLine(root.get(INSTANCE.ERROR_LOG)));
        }
        boolean failing = Boolean.FALSE.equals(root.get(INSTANCE_HEALTH.HEALTHY));
        if (onNew && failing && !root.get(INSTANCE_HEALTH.SINCE).isBefore(since)) {
            return rollBack(d, "After the upgrade to " + toName + ", the promise " + root.get(INSTANCE_HEALTH.FAILING_PROMISE)
                    + " failed" + (root.get(INSTANCE_HEALTH.MESSAGE) == null ? "." : ": "
                    + errorLine(root.get(INSTANCE_HEALTH.MESSAGE))));
        }
        if (onNew && InstanceWorkflows.STARTED.equals(root.get(INSTANCE.REPORTED_STATE))
                || onNew && InstanceWorkflows.STOPPED.equals(root.get(INSTANCE.REPORTED_STATE))) {
            OffsetDateTime running = d.get(UPGRADE_DECISION.RUNNING_SINCE);
            if (running == null) {
                running = root.get(INSTANCE.REPORTED_AT).isBefore(since) ? since : root.get(INSTANCE.REPORTED_AT);
                db.update(UPGRADE_DECISION).set(UPGRADE_DECISION.RUNNING_SINCE, running)
                        .where(UPGRADE_DECISION.ID.eq(decisionId)).execute();
            }
            if (!failing && !running.plus(watch).isAfter(now)) {
                String outcome = toName + " runs, and its promises held for " + watch.toSeconds() + " s.";
                db.update(UPGRADE_DECISION).set(UPGRADE_DECISION.OUTCOME, outcome).where(UPGRADE_DECISION.ID.eq(decisionId))
                        .execute();
                engine.apply(decisionId, UpgradeWorkflows.FINISH, Actor.system(), outcome);
                tell(d.get(DOCUMENT.OWNER_ID), "Your service " + treeTitle(d) + " runs " + toName, outcome);
                return true;
            }
        }
        if (!since.plus(limit).isAfter(now)) {
            return rollBack(d, toName + " was not running " + (failing ? "with its promises holding " : "") + "within "
                    + limit.toMinutes() + " min of the upgrade.");
        }
        return false;
    }

    /** Moves the tree's instances back to the release they came from, and says why. */
    private boolean rollBack(Record d, String why) {
        long decisionId = d.get(UPGRADE_DECISION.ID);
        for (Long instance : db.select(INSTANCE.ID).from(INSTANCE).join(DOCUMENT).on(DOCUMENT.ID.eq(INSTANCE.ID))
                .where(INSTANCE.TREE_ID.eq(d.get(UPGRADE_DECISION.TREE_ID))).and(INSTANCE.RELEASE_URL.eq(d.get(TO.URL)))
                .and(DOCUMENT.STATE.ne(InstanceWorkflows.DESTROYED)).fetch(INSTANCE.ID)) {
            requests.changeRelease(instance, d.get(FROM.URL), Actor.system());
        }
        String outcome = sentence(why) + " Back on " + d.get(PRODUCT_DOC.TITLE) + " " + d.get(FROM.VERSION) + ".";
        db.update(UPGRADE_DECISION).set(UPGRADE_DECISION.OUTCOME, outcome).where(UPGRADE_DECISION.ID.eq(decisionId)).execute();
        engine.apply(decisionId, UpgradeWorkflows.ROLL_BACK, Actor.system(), outcome);
        tell(d.get(DOCUMENT.OWNER_ID), "The upgrade of your service " + treeTitle(d) + " was rolled back", outcome);
        return true;
    }

    private String treeTitle(Record d) {
        return db.select(DOCUMENT.TITLE).from(DOCUMENT).where(DOCUMENT.ID.eq(d.get(UPGRADE_DECISION.TREE_ID)))
                .fetchOne(DOCUMENT.TITLE);
    }

    /** Mails the people of the tree's organisation through the outbox; the provider's own trees mail nobody. */
    private void tell(Long organisationId, String subject, String text) {
        if (organisationId != null) {
            String body = "Hello,\n\n" + text + "\n";
            organisations.mailRecipients(organisationId).forEach(to -> outbox.queue(new Outbox.Mail(to, subject, body)));
        }
    }

    /** The decision's row with its releases, locked, if it is still in this state (else another Master moved it). */
    private Record lockDecision(long decisionId, String state) {
        var r = db.select(List.of(UPGRADE_DECISION.asterisk(), FROM.URL, FROM.VERSION, TO.URL, TO.VERSION, PRODUCT_DOC.TITLE,
                        DOCUMENT.OWNER_ID))
                .from(UPGRADE_DECISION)
                .join(DOCUMENT).on(DOCUMENT.ID.eq(UPGRADE_DECISION.ID))
                .join(FROM).on(FROM.ID.eq(UPGRADE_DECISION.FROM_RELEASE_ID))
                .join(TO).on(TO.ID.eq(UPGRADE_DECISION.TO_RELEASE_ID))
                .join(PRODUCT_DOC).on(PRODUCT_DOC.ID.eq(TO.PRODUCT_ID))
                .where(UPGRADE_DECISION.ID.eq(decisionId)).forUpdate().of(UPGRADE_DECISION).skipLocked().fetchOne();
        if (r == null) {
            return null;
        }
        String now = db.select(DOCUMENT.STATE).from(DOCUMENT).where(DOCUMENT.ID.eq(decisionId)).fetchOne(DOCUMENT.STATE);
        return state.equals(now) ? r : null;
    }

    // ---- reading

    private org.jooq.SelectOnConditionStep<Record> decisions() {
        return db.select(List.of(UPGRADE_DECISION.asterisk(), DOCUMENT.REFERENCE, DOCUMENT.STATE, DOCUMENT.TITLE,
                        DOCUMENT.OWNER_ID, DOCUMENT.CREATED_AT, TREE_DOC.REFERENCE, TREE_DOC.TITLE, PRODUCT_DOC.TITLE,
                        FROM.VERSION, FROM.URL, TO.VERSION, TO.URL, TO_DOC.REFERENCE, RESULT_DOC.REFERENCE))
                .from(UPGRADE_DECISION)
                .join(DOCUMENT).on(DOCUMENT.ID.eq(UPGRADE_DECISION.ID))
                .join(TREE_DOC).on(TREE_DOC.ID.eq(UPGRADE_DECISION.TREE_ID))
                .join(FROM).on(FROM.ID.eq(UPGRADE_DECISION.FROM_RELEASE_ID))
                .join(TO).on(TO.ID.eq(UPGRADE_DECISION.TO_RELEASE_ID))
                .join(TO_DOC).on(TO_DOC.ID.eq(UPGRADE_DECISION.TO_RELEASE_ID))
                .join(PRODUCT_DOC).on(PRODUCT_DOC.ID.eq(TO.PRODUCT_ID))
                .join(RESULT_DOC).on(RESULT_DOC.ID.eq(UPGRADE_DECISION.TEST_RESULT_ID));
    }

    private static Decision toDecision(Record r) {
        return new Decision(r.get(UPGRADE_DECISION.ID), r.get(DOCUMENT.REFERENCE), r.get(DOCUMENT.STATE),
                r.get(DOCUMENT.TITLE), r.get(UPGRADE_DECISION.TREE_ID), r.get(TREE_DOC.REFERENCE), r.get(TREE_DOC.TITLE),
                r.get(DOCUMENT.OWNER_ID), r.get(PRODUCT_DOC.TITLE), r.get(FROM.VERSION), r.get(FROM.URL),
                r.get(TO.VERSION), r.get(TO.URL), r.get(TO_DOC.REFERENCE), r.get(RESULT_DOC.REFERENCE),
                r.get(DOCUMENT.CREATED_AT), r.get(UPGRADE_DECISION.UPGRADING_SINCE), r.get(UPGRADE_DECISION.RUNNING_SINCE),
                r.get(UPGRADE_DECISION.OUTCOME));
    }

    /** A decision, to its tree's owner and staff. */
    @Transactional(readOnly = true)
    public Decision get(String reference, Actor actor) {
        Document doc = engine.get(reference, actor);
        if (!doc.docType().equals(UpgradeWorkflows.TYPE)) {
            throw new DocumentNotFoundException(reference);
        }
        return decisions().where(UPGRADE_DECISION.ID.eq(doc.id())).fetchOptional(Upgrades::toDecision)
                .orElseThrow(() -> new DocumentNotFoundException(reference));
    }

    /**
     * The decisions this actor may see, newest first: of one tree (its reference) and in one state when given,
     * those still waiting for someone (proposed) when {@code open}.
     */
    @Transactional(readOnly = true)
    public List<Decision> list(String treeReference, String state, int max, Actor actor) {
        engine.requireMayRead(UpgradeWorkflows.TYPE, actor);
        List<Condition> where = new ArrayList<>();
        where.add(DocumentQueries.visibleTo(actor));
        if (treeReference != null) {
            where.add(TREE_DOC.REFERENCE.eq(treeReference));
        }
        if (state != null) {
            where.add(DOCUMENT.STATE.eq(state));
        }
        return decisions().where(where).orderBy(UPGRADE_DECISION.ID.desc()).limit(max).fetch(Upgrades::toDecision);
    }

    /** One page of the decisions for a list: the filter matches the reference, the title, the tree and the product. */
    @Transactional(readOnly = true)
    public List<Decision> page(PageRequest page, Actor actor) {
        engine.requireMayRead(UpgradeWorkflows.TYPE, actor);
        return decisions().where(listed(page, actor)).orderBy(page.sortFields(SORT, UPGRADE_DECISION.ID.desc()))
                .offset(page.offset()).limit(page.limit()).fetch(Upgrades::toDecision);
    }

    @Transactional(readOnly = true)
    public int count(PageRequest page, Actor actor) {
        engine.requireMayRead(UpgradeWorkflows.TYPE, actor);
        return db.fetchCount(decisions().where(listed(page, actor)));
    }

    private static Condition listed(PageRequest page, Actor actor) {
        return DocumentQueries.visibleList(UpgradeWorkflows.TYPE, actor, page, TREE_DOC.REFERENCE, TREE_DOC.TITLE,
                PRODUCT_DOC.TITLE);
    }

    /** The decision of this tree that waits for its owner or an operator, if any. */
    @Transactional(readOnly = true)
    public Optional<Decision> proposedFor(long treeId, Actor actor) {
        return decisions().where(UPGRADE_DECISION.TREE_ID.eq(treeId)).and(DOCUMENT.STATE.eq(UpgradeWorkflows.PROPOSED))
                .and(DocumentQueries.visibleTo(actor)).orderBy(UPGRADE_DECISION.ID.desc()).limit(1)
                .fetchOptional(Upgrades::toDecision);
    }

    /** The text ended as a sentence, since a reason may end with a node's last line, which has no full stop. */
    private static String sentence(String text) {
        return text.endsWith(".") || text.endsWith("!") || text.endsWith("?") ? text : text + ".";
    }

    /** The line of a build's or an instance's log that says what failed (not the shell's "$ exit 3"). */
    private static String errorLine(String log) {
        String line = Formats.errorLine(log, 300);
        return line.isEmpty() ? "(no output)" : line;
    }
}

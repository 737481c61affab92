package org.edgewise.testing;

import static org.edgewise.jooq.Tables.COMPUTER;
import static org.edgewise.jooq.Tables.COMPUTER_CONTACT;
import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.INSTANCE;
import static org.edgewise.jooq.Tables.PARTITION;
import static org.edgewise.jooq.Tables.SOFTWARE_INSTALLATION;
import static org.edgewise.jooq.Tables.SOFTWARE_RELEASE;
import static org.edgewise.jooq.Tables.TEST_RESULT;
import static org.edgewise.jooq.Tables.TEST_RESULT_LINE;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.edgewise.access.Actor;
import org.edgewise.catalog.CatalogWorkflows;
import org.edgewise.catalog.Installations;
import org.edgewise.computer.ComputerWorkflows;
import org.edgewise.computer.Silence;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.DocumentNotFoundException;
import org.edgewise.document.DocumentQueries;
import org.edgewise.document.FieldChange;
import org.edgewise.document.PageRequest;
import org.edgewise.document.ValidationException;
import org.edgewise.document.WorkflowException;
import org.edgewise.instance.InstanceRequests;
import org.edgewise.instance.InstanceWorkflows;
import org.edgewise.ui.Formats;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Test runs and their results. A run is queued for a release; a pass of {@link #runOnce} gives each queued run a
 * test computer (open, in contact, running no other test), supplies the release there and requests a scratch tree
 * of it pinned to that computer; the node runs the release's tests against the fresh instance and reports one
 * line per test ({@link #report}); the verdict ends the run and destroys the scratch tree. A run with no verdict
 * ends in error: its build or its instance failed, or it ran out of time.
 */
@Service
public class TestResults {

    private static final Logger log = LoggerFactory.getLogger(TestResults.class);

    /** The most lines a result keeps; a node sending more is refused. */
    public static final int MAX_LINES = 2_000;
    public static final int MAX_NAME = 300;
    public static final int MAX_MESSAGE = 500;
    public static final int MAX_LOG = 8_000;
    /** The longest a test may say it took: a day, far past any run's time limit. */
    public static final long MAX_DURATION_MS = 24L * 60 * 60 * 1000;
    static final Duration DEFAULT_TIME_LIMIT = Duration.ofMinutes(10);
    static final List<String> LINE_STATUSES = List.of("passed", "failed", "error", "skipped");

    /** A result as lists and pages show it. */
    public record Result(@JsonIgnore long id, String reference, String state, @JsonIgnore long releaseId,
            String releaseReference, String releaseUrl, String product, String version, @JsonIgnore Long previousId,
            String previousReference,
            String reason, String computer, String tree, OffsetDateTime queuedAt, OffsetDateTime startedAt,
            OffsetDateTime finishedAt, int timeLimitSeconds, String message, int passed, int failed, int errors,
            int skipped) {

        /** How long it ran, or null while it has not finished (or never started). */
        @JsonIgnore
        public Duration duration() {
            return startedAt == null || finishedAt == null ? null : Duration.between(startedAt, finishedAt);
        }

        @JsonIgnore
        public boolean finished() {
            return finishedAt != null;
        }
    }

    /** One test's outcome; named apart from the lines of orders and invoices in the API description. */
    @Schema(name = "TestResultLine")
    public record Line(String name, String status, Long durationMs, String message, String log) { }

    /** What a node reports at the end of a run. */
    public record Report(boolean timedOut, List<Line> lines) { }

    private static final org.edgewise.jooq.tables.Document RELEASE_DOC = DOCUMENT.as("release_doc");
    private static final org.edgewise.jooq.tables.Document PRODUCT_DOC = DOCUMENT.as("product_doc");
    private static final org.edgewise.jooq.tables.Document PREVIOUS_DOC = DOCUMENT.as("previous_doc");
    private static final org.edgewise.jooq.tables.Document COMPUTER_DOC = DOCUMENT.as("computer_doc");
    private static final org.edgewise.jooq.tables.Document TREE_DOC = DOCUMENT.as("tree_doc");

    private static final Map<String, Field<?>> SORT = Map.of("reference", TEST_RESULT.ID, "state", DOCUMENT.STATE,
            "product", PRODUCT_DOC.TITLE, "version", SOFTWARE_RELEASE.VERSION, "computer", COMPUTER_DOC.REFERENCE,
            "queued", TEST_RESULT.QUEUED_AT, "finished", TEST_RESULT.FINISHED_AT, "failed", TEST_RESULT.FAILED);

    private final DSLContext db;
    private final DocumentEngine engine;
    private final InstanceRequests requests;
    private final Installations installations;
    private final Silence silence;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration startLimit;

    TestResults(DSLContext db, DocumentEngine engine, InstanceRequests requests, Installations installations,
            Silence silence, TransactionTemplate tx, ObjectMapper json, Clock clock,
            @Value("${edgewise.testing.start-limit:PT20M}") Duration startLimit) {
        this.db = db;
        this.engine = engine;
        this.requests = requests;
        this.installations = installations;
        this.silence = silence;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
        this.startLimit = startLimit;
    }

    // ---- queueing

    /** Queues a run of the release's tests because it was published; a release that declares none gets no run. */
    void queueOnPublish(long releaseId, Actor actor) {
        if (declaredTests(releaseId) != null) {
            queue(releaseId, "published by " + actor.name(), actor);
        }
    }

    /** Queues a run of the release's tests on an operator's demand. */
    @Transactional
    public Document queue(String releaseReference, Actor actor) {
        engine.requireMayCreate(TestingWorkflows.TYPE, null, actor);
        Document release = engine.get(releaseReference, actor);
        if (!release.docType().equals(CatalogWorkflows.RELEASE)) {
            throw new ValidationException("release", releaseReference + " is not a software release.");
        }
        if (release.state().equals(CatalogWorkflows.DEPRECATED)) {
            throw new WorkflowException("The release " + release.reference() + " is deprecated: its tests are not run anymore.");
        }
        if (declaredTests(release.id()) == null) {
            throw new WorkflowException("The release " + release.reference() + " declares no tests in its release.json"
                    + " (\"tests\"), so there is nothing to run.");
        }
        return queue(release.id(), "asked by " + actor.name(), actor);
    }

    private Document queue(long releaseId, String reason, Actor actor) {
        var release = db.select(SOFTWARE_RELEASE.PRODUCT_ID, RELEASE_DOC.TITLE).from(SOFTWARE_RELEASE)
                .join(RELEASE_DOC).on(RELEASE_DOC.ID.eq(SOFTWARE_RELEASE.ID))
                .where(SOFTWARE_RELEASE.ID.eq(releaseId)).fetchSingle();
        Long previous = db.select(DSL.max(TEST_RESULT.ID)).from(TEST_RESULT)
                .where(TEST_RESULT.PRODUCT_ID.eq(release.value1())).fetchOne(0, Long.class);
        Document doc = engine.create(TestingWorkflows.TYPE, "Tests of " + release.value2(), null, Actor.system());
        db.insertInto(TEST_RESULT)
                .set(TEST_RESULT.ID, doc.id())
                .set(TEST_RESULT.RELEASE_ID, releaseId)
                .set(TEST_RESULT.PRODUCT_ID, release.value1())
                .set(TEST_RESULT.PREVIOUS_ID, previous)
                .set(TEST_RESULT.REASON, reason)
                .set(TEST_RESULT.TIME_LIMIT, (int) timeLimit(declaredTests(releaseId)).toSeconds())
                .set(TEST_RESULT.QUEUED_AT, OffsetDateTime.now(clock))
                .execute();
        engine.recordObservation(releaseId, List.of(new FieldChange("tests", null, doc.reference() + " queued, "
                + reason)), actor);
        return doc;
    }

    JsonNode declaredTests(long releaseId) {
        JsonNode tests = db.select(SOFTWARE_RELEASE.TESTS).from(SOFTWARE_RELEASE).where(SOFTWARE_RELEASE.ID.eq(releaseId))
                .fetchOne(SOFTWARE_RELEASE.TESTS);
        return tests == null || !tests.isObject() || !tests.path("commands").isObject() || tests.path("commands").isEmpty()
                ? null : tests;
    }

    /** The time limit of the tests themselves, as the release declares it (ISO-8601 or seconds). */
    static Duration timeLimit(JsonNode tests) {
        JsonNode t = tests == null ? null : tests.get("timeout");
        try {
            Duration d = t == null ? null : t.isIntegralNumber() ? Duration.ofSeconds(t.asLong())
                    : t.isTextual() ? Duration.parse(t.asText()) : null;
            return d == null || d.isNegative() || d.isZero() ? DEFAULT_TIME_LIMIT : d;
        } catch (DateTimeParseException e) {
            return DEFAULT_TIME_LIMIT;
        }
    }

    // ---- the periodic pass

    /** What one pass did. */
    public record Pass(int started, int ended) { }

    /** Starts the queued runs that a test computer can take now, and ends the running ones that can have no verdict. */
    public Pass runOnce() {
        int started = 0;
        int ended = 0;
        for (Long id : db.select(TEST_RESULT.ID).from(TEST_RESULT).join(DOCUMENT).on(DOCUMENT.ID.eq(TEST_RESULT.ID))
                .where(DOCUMENT.STATE.eq(TestingWorkflows.QUEUED)).orderBy(TEST_RESULT.ID).fetch(TEST_RESULT.ID)) {
            Boolean done;
            try {
                done = tx.execute(status -> start(id));
            } catch (ValidationException | WorkflowException e) {
                // what the release declares cannot be run (a scratch instance the Master refuses, a release no
                // longer suppliable): it ends here, or it would stay first in the queue and hold up every later run
                if (Boolean.TRUE.equals(tx.execute(status -> cannotStart(id, e.getMessage())))) {
                    ended++;
                }
                continue;
            }
            if (Boolean.TRUE.equals(done)) {
                started++;
            } else {
                break; // no test computer is free: the later ones wait their turn
            }
        }
        for (Long id : db.select(TEST_RESULT.ID).from(TEST_RESULT).join(DOCUMENT).on(DOCUMENT.ID.eq(TEST_RESULT.ID))
                .where(DOCUMENT.STATE.eq(TestingWorkflows.RUNNING)).fetch(TEST_RESULT.ID)) {
            if (Boolean.TRUE.equals(tx.execute(status -> endWithoutVerdict(id)))) {
                ended++;
            }
        }
        if (started + ended > 0) {
            log.info("Test runs: {} started, {} ended without a verdict", started, ended);
        }
        return new Pass(started, ended);
    }

    /** Gives a queued run a test computer and its scratch tree; false when no test computer is free. */
    private boolean start(long resultId) {
        var result = db.select(TEST_RESULT.RELEASE_ID, DOCUMENT.STATE, DOCUMENT.REFERENCE).from(TEST_RESULT)
                .join(DOCUMENT).on(DOCUMENT.ID.eq(TEST_RESULT.ID))
                .where(TEST_RESULT.ID.eq(resultId)).forUpdate().of(TEST_RESULT).skipLocked().fetchOne();
        if (result == null || !result.value2().equals(TestingWorkflows.QUEUED)) {
            return true; // another Master took it
        }
        // one test computer at a time is chosen, so two Masters never give the same one two runs
        db.execute("SELECT pg_advisory_xact_lock(hashtext('test computers'))");
        OffsetDateTime silentBefore = silence.silentIfContactBefore();
        var busy = db.select(TEST_RESULT.COMPUTER_ID).from(TEST_RESULT).join(DOCUMENT).on(DOCUMENT.ID.eq(TEST_RESULT.ID))
                .where(DOCUMENT.STATE.eq(TestingWorkflows.RUNNING)).and(TEST_RESULT.COMPUTER_ID.isNotNull());
        var computer = db.select(COMPUTER.ID, COMPUTER_DOC.REFERENCE).from(COMPUTER)
                .join(COMPUTER_DOC).on(COMPUTER_DOC.ID.eq(COMPUTER.ID))
                .leftJoin(COMPUTER_CONTACT).on(COMPUTER_CONTACT.COMPUTER_ID.eq(COMPUTER.ID))
                .where(COMPUTER.FOR_TESTS.isTrue()).and(COMPUTER_DOC.STATE.eq(ComputerWorkflows.OPEN))
                .and(COMPUTER_CONTACT.LAST_CONTACT_AT.isNotNull())
                .and(silentBefore == null ? DSL.trueCondition() : COMPUTER_CONTACT.LAST_CONTACT_AT.ge(silentBefore))
                .and(COMPUTER.ID.notIn(busy))
                .andExists(DSL.selectOne().from(PARTITION).where(PARTITION.COMPUTER_ID.eq(COMPUTER.ID))
                        .and(PARTITION.STATE.eq(ComputerWorkflows.FREE.name())))
                .orderBy(COMPUTER.ID).limit(1).fetchOne();
        if (computer == null) {
            return false;
        }
        JsonNode tests = declaredTests(result.value1());
        var release = db.select(SOFTWARE_RELEASE.URL).from(SOFTWARE_RELEASE)
                .where(SOFTWARE_RELEASE.ID.eq(result.value1())).fetchSingle();
        installations.supply(computer.value1(), release.value1(), Actor.system());
        Map<String, Object> parameters = tests.path("parameters").isObject()
                ? json.convertValue(tests.get("parameters"), Map.class) : Map.of();
        String type = tests.path("type").isTextual() ? tests.get("type").asText() : "default";
        var root = requests.requestTree(new InstanceRequests.Request("tests " + result.value3(), release.value1(), type,
                parameters, Map.of("computer", computer.value2()), InstanceWorkflows.STARTED, false), Actor.system());
        db.update(TEST_RESULT)
                .set(TEST_RESULT.COMPUTER_ID, computer.value1())
                .set(TEST_RESULT.TREE_ID, root.treeId())
                .set(TEST_RESULT.STARTED_AT, OffsetDateTime.now(clock))
                .where(TEST_RESULT.ID.eq(resultId)).execute();
        engine.apply(resultId, TestingWorkflows.START, Actor.system(), "On " + computer.value2() + ", in the scratch tree "
                + root.tree() + ".");
        return true;
    }

    /** Ends a queued result whose run cannot start, with why. */
    private boolean cannotStart(long resultId, String why) {
        String state = db.select(DOCUMENT.STATE).from(TEST_RESULT).join(DOCUMENT).on(DOCUMENT.ID.eq(TEST_RESULT.ID))
                .where(TEST_RESULT.ID.eq(resultId)).forUpdate().of(TEST_RESULT).skipLocked().fetchOne(DOCUMENT.STATE);
        if (!TestingWorkflows.QUEUED.equals(state)) {
            return false;
        }
        finish(resultId, TestingWorkflows.GIVE_UP, "The run could not start: " + why, List.of());
        return true;
    }

    /** Ends a running result that can have no verdict anymore: its build or instance failed, or its time is up. */
    private boolean endWithoutVerdict(long resultId) {
        var r = db.select(TEST_RESULT.RELEASE_ID, TEST_RESULT.COMPUTER_ID, TEST_RESULT.TREE_ID, TEST_RESULT.STARTED_AT,
                        TEST_RESULT.TIME_LIMIT, DOCUMENT.STATE)
                .from(TEST_RESULT).join(DOCUMENT).on(DOCUMENT.ID.eq(TEST_RESULT.ID))
                .where(TEST_RESULT.ID.eq(resultId)).forUpdate().of(TEST_RESULT).skipLocked().fetchOne();
        if (r == null || !r.get(DOCUMENT.STATE).equals(TestingWorkflows.RUNNING)) {
            return false;
        }
        String why = null;
        var build = db.select(SOFTWARE_INSTALLATION.REPORTED_STATE, SOFTWARE_INSTALLATION.ERROR_LOG)
                .from(SOFTWARE_INSTALLATION)
                .where(SOFTWARE_INSTALLATION.COMPUTER_ID.eq(r.get(TEST_RESULT.COMPUTER_ID)))
                .and(SOFTWARE_INSTALLATION.RELEASE_ID.eq(r.get(TEST_RESULT.RELEASE_ID)))
                // a failure reported before this run started is an earlier build's, which the node builds again
                .and(SOFTWARE_INSTALLATION.REPORTED_AT.ge(r.get(TEST_RESULT.STARTED_AT))).fetchOne();
        if (build != null && CatalogWorkflows.ERROR.equals(build.value1())) {
            why = "The build failed: " + errorLine(build.value2());
        }
        var failed = db.select(INSTANCE.TITLE, INSTANCE.ERROR_LOG).from(INSTANCE)
                .where(INSTANCE.TREE_ID.eq(r.get(TEST_RESULT.TREE_ID)))
                .and(INSTANCE.REPORTED_STATE.eq(InstanceWorkflows.ERROR)).limit(1).fetchOne();
        if (why == null && failed != null) {
            why = "The instance " + failed.value1() + " could not be made: " + errorLine(failed.value2());
        }
        Duration allowed = startLimit.plusSeconds(r.get(TEST_RESULT.TIME_LIMIT));
        if (why == null && r.get(TEST_RESULT.STARTED_AT).plus(allowed).isBefore(OffsetDateTime.now(clock))) {
            why = "No verdict within " + allowed.toMinutes() + " min (" + startLimit.toMinutes()
                    + " min to build and start, " + r.get(TEST_RESULT.TIME_LIMIT) + " s for the tests).";
        }
        if (why == null) {
            return false;
        }
        finish(resultId, TestingWorkflows.GIVE_UP, why, List.of());
        return true;
    }

    // ---- the node's report

    /**
     * Records what the node of the run's computer reports: the lines, and the verdict they make. A result that
     * has its verdict already refuses the report (409). A reference that is no run of this computer, another's or
     * none at all, is refused as the node API refuses an instance not placed there (403), so that a node learns
     * nothing of what runs elsewhere.
     */
    @Transactional
    public Result report(long computerId, String reference, Report report, Actor node) {
        Long id = db.select(TEST_RESULT.ID).from(TEST_RESULT).join(DOCUMENT).on(DOCUMENT.ID.eq(TEST_RESULT.ID))
                .where(DOCUMENT.REFERENCE.eq(reference)).and(DOCUMENT.DOC_TYPE.eq(TestingWorkflows.TYPE))
                .and(TEST_RESULT.COMPUTER_ID.eq(computerId)).forUpdate().of(TEST_RESULT).fetchOne(TEST_RESULT.ID);
        if (id == null) {
            throw new AccessDeniedException(node.name() + " may not report on " + reference
                    + ": it is not a test run on this computer.");
        }
        String state = db.select(DOCUMENT.STATE).from(DOCUMENT).where(DOCUMENT.ID.eq(id)).fetchOne(DOCUMENT.STATE);
        if (!state.equals(TestingWorkflows.RUNNING)) {
            throw new WorkflowException("The test result " + reference + " is " + state + " already.");
        }
        List<Line> lines = checked(report.lines());
        long failing = lines.stream().filter(l -> l.status().equals("failed") || l.status().equals("error")).count();
        String action;
        String message;
        if (report.timedOut()) {
            action = TestingWorkflows.GIVE_UP;
            message = "The tests ran out of their time limit.";
        } else if (lines.isEmpty()) {
            action = TestingWorkflows.GIVE_UP;
            message = "No test ran.";
        } else if (failing > 0) {
            action = TestingWorkflows.FAIL;
            message = failing + " of " + lines.size() + " tests failed.";
        } else {
            action = TestingWorkflows.PASS;
            message = null;
        }
        finish(id, action, message, lines);
        return find(id).orElseThrow();
    }

    private static List<Line> checked(List<Line> lines) {
        if (lines == null) {
            throw new ValidationException("lines", "is required: one line per test.");
        }
        if (lines.size() > MAX_LINES) {
            throw new ValidationException("lines", "holds at most " + MAX_LINES + " tests, not " + lines.size() + ".");
        }
        List<Line> clean = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            String field = "lines[" + i + "]";
            if (l == null || l.name() == null || l.name().isBlank() || l.name().length() > MAX_NAME) {
                throw new ValidationException(field + ".name", "is required, at most " + MAX_NAME + " characters.");
            }
            if (!LINE_STATUSES.contains(l.status())) {
                throw new ValidationException(field + ".status", "is one of " + LINE_STATUSES + ".");
            }
            if (l.durationMs() != null && (l.durationMs() < 0 || l.durationMs() > MAX_DURATION_MS)) {
                throw new ValidationException(field + ".durationMs", "is between 0 and " + MAX_DURATION_MS + " ms.");
            }
            clean.add(new Line(l.name().strip(), l.status(), l.durationMs(), cut(oneLine(l.message()), MAX_MESSAGE, false),
                    cut(l.log(), MAX_LOG, true)));
        }
        return clean;
    }

    /** Records the verdict, the lines and their counts, and gives the scratch tree back. */
    private void finish(long resultId, String action, String message, List<Line> lines) {
        int position = 0;
        for (Line l : lines) {
            db.insertInto(TEST_RESULT_LINE)
                    .set(TEST_RESULT_LINE.RESULT_ID, resultId)
                    .set(TEST_RESULT_LINE.POSITION, position++)
                    .set(TEST_RESULT_LINE.NAME, l.name())
                    .set(TEST_RESULT_LINE.STATUS, l.status())
                    .set(TEST_RESULT_LINE.DURATION_MS, l.durationMs())
                    .set(TEST_RESULT_LINE.MESSAGE, l.message())
                    .set(TEST_RESULT_LINE.LOG, l.log())
                    .execute();
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        LINE_STATUSES.forEach(s -> counts.put(s, 0));
        lines.forEach(l -> counts.merge(l.status(), 1, Integer::sum));
        db.update(TEST_RESULT)
                .set(TEST_RESULT.FINISHED_AT, OffsetDateTime.now(clock))
                .set(TEST_RESULT.MESSAGE, message)
                .set(TEST_RESULT.PASSED, counts.get("passed"))
                .set(TEST_RESULT.FAILED, counts.get("failed"))
                .set(TEST_RESULT.ERRORS, counts.get("error"))
                .set(TEST_RESULT.SKIPPED, counts.get("skipped"))
                .where(TEST_RESULT.ID.eq(resultId)).execute();
        engine.apply(resultId, action, Actor.system(), message);
        destroyScratchTree(resultId);
    }

    /** An operator stopped the run: it has no verdict, and its scratch tree goes. */
    void stopped(long resultId, Actor actor) {
        db.update(TEST_RESULT)
                .set(TEST_RESULT.FINISHED_AT, OffsetDateTime.now(clock))
                .set(TEST_RESULT.MESSAGE, "Stopped by " + actor.name() + ".")
                .where(TEST_RESULT.ID.eq(resultId)).execute();
        destroyScratchTree(resultId);
    }

    private void destroyScratchTree(long resultId) {
        var tree = db.select(DOCUMENT.ID, DOCUMENT.STATE).from(TEST_RESULT).join(DOCUMENT).on(DOCUMENT.ID.eq(TEST_RESULT.TREE_ID))
                .where(TEST_RESULT.ID.eq(resultId)).fetchOne();
        if (tree != null && (tree.value2().equals(InstanceWorkflows.STARTED) || tree.value2().equals(InstanceWorkflows.STOPPED))) {
            engine.apply(tree.value1(), InstanceWorkflows.DESTROY, Actor.system(), "The test run is over.");
        }
    }

    // ---- reading

    private org.jooq.SelectOnConditionStep<Record> results() {
        return db.select(List.of(TEST_RESULT.asterisk(), DOCUMENT.REFERENCE, DOCUMENT.STATE, RELEASE_DOC.REFERENCE,
                        SOFTWARE_RELEASE.URL, SOFTWARE_RELEASE.VERSION, PRODUCT_DOC.TITLE, PREVIOUS_DOC.REFERENCE,
                        COMPUTER_DOC.REFERENCE, TREE_DOC.REFERENCE))
                .from(TEST_RESULT)
                .join(DOCUMENT).on(DOCUMENT.ID.eq(TEST_RESULT.ID))
                .join(SOFTWARE_RELEASE).on(SOFTWARE_RELEASE.ID.eq(TEST_RESULT.RELEASE_ID))
                .join(RELEASE_DOC).on(RELEASE_DOC.ID.eq(TEST_RESULT.RELEASE_ID))
                .join(PRODUCT_DOC).on(PRODUCT_DOC.ID.eq(TEST_RESULT.PRODUCT_ID))
                .leftJoin(PREVIOUS_DOC).on(PREVIOUS_DOC.ID.eq(TEST_RESULT.PREVIOUS_ID))
                .leftJoin(COMPUTER_DOC).on(COMPUTER_DOC.ID.eq(TEST_RESULT.COMPUTER_ID))
                .leftJoin(TREE_DOC).on(TREE_DOC.ID.eq(TEST_RESULT.TREE_ID));
    }

    private static Result toResult(Record r) {
        return new Result(r.get(TEST_RESULT.ID), r.get(DOCUMENT.REFERENCE), r.get(DOCUMENT.STATE),
                r.get(TEST_RESULT.RELEASE_ID), r.get(RELEASE_DOC.REFERENCE), r.get(SOFTWARE_RELEASE.URL),
                r.get(PRODUCT_DOC.TITLE), r.get(SOFTWARE_RELEASE.VERSION), r.get(TEST_RESULT.PREVIOUS_ID),
                r.get(PREVIOUS_DOC.REFERENCE), r.get(TEST_RESULT.REASON), r.get(COMPUTER_DOC.REFERENCE),
                r.get(TREE_DOC.REFERENCE), r.get(TEST_RESULT.QUEUED_AT), r.get(TEST_RESULT.STARTED_AT),
                r.get(TEST_RESULT.FINISHED_AT), r.get(TEST_RESULT.TIME_LIMIT), r.get(TEST_RESULT.MESSAGE),
                r.get(TEST_RESULT.PASSED), r.get(TEST_RESULT.FAILED), r.get(TEST_RESULT.ERRORS), r.get(TEST_RESULT.SKIPPED));
    }

    private Optional<Result> find(long id) {
        return results().where(TEST_RESULT.ID.eq(id)).fetchOptional(TestResults::toResult);
    }

    /** A result, to those who may read results; others are refused whatever the reference, as results are staff's. */
    @Transactional(readOnly = true)
    public Result get(String reference, Actor actor) {
        engine.requireMayRead(TestingWorkflows.TYPE, actor);
        Document doc = engine.get(reference, actor);
        if (!doc.docType().equals(TestingWorkflows.TYPE)) {
            throw new DocumentNotFoundException(reference);
        }
        return find(doc.id()).orElseThrow(() -> new DocumentNotFoundException(reference));
    }

    /** Its lines, those that failed first (failed, error, then skipped and passed), each group in run order. */
    @Transactional(readOnly = true)
    public List<Line> lines(long resultId) {
        List<Line> lines = db.selectFrom(TEST_RESULT_LINE).where(TEST_RESULT_LINE.RESULT_ID.eq(resultId))
                .orderBy(TEST_RESULT_LINE.POSITION)
                .fetch(l -> new Line(l.getName(), l.getStatus(), l.getDurationMs(), l.getMessage(), l.getLog()));
        List<String> order = List.of("failed", "error", "skipped", "passed");
        return lines.stream().sorted(Comparator.comparingInt(l -> order.indexOf(l.status()))).toList();
    }

    /** The newest results, optionally of one release or one product (its reference), newest first. */
    @Transactional(readOnly = true)
    public List<Result> history(String releaseReference, String productReference, int limit, Actor actor) {
        engine.requireMayRead(TestingWorkflows.TYPE, actor);
        var query = results().where(DSL.trueCondition());
        if (releaseReference != null) {
            query = query.and(RELEASE_DOC.REFERENCE.eq(releaseReference));
        }
        if (productReference != null) {
            query = query.and(DSL.field(DSL.select(DOCUMENT.as("p").REFERENCE).from(DOCUMENT.as("p"))
                    .where(DOCUMENT.as("p").ID.eq(TEST_RESULT.PRODUCT_ID))).eq(productReference));
        }
        return query.orderBy(TEST_RESULT.ID.desc()).limit(limit).fetch(TestResults::toResult);
    }

    /** One page of the results for a list: the filter matches the reference, the product and the release. */
    @Transactional(readOnly = true)
    public List<Result> page(PageRequest page, Actor actor) {
        engine.requireMayRead(TestingWorkflows.TYPE, actor);
        return results().where(listed(page, actor)).orderBy(page.sortFields(SORT, TEST_RESULT.ID.desc()))
                .offset(page.offset()).limit(page.limit()).fetch(TestResults::toResult);
    }

    @Transactional(readOnly = true)
    public int count(PageRequest page, Actor actor) {
        engine.requireMayRead(TestingWorkflows.TYPE, actor);
        return db.fetchCount(results().where(listed(page, actor)));
    }

    private static org.jooq.Condition listed(PageRequest page, Actor actor) {
        return DocumentQueries.visibleList(TestingWorkflows.TYPE, actor, page, PRODUCT_DOC.TITLE, RELEASE_DOC.REFERENCE,
                SOFTWARE_RELEASE.URL);
    }

    /** The latest result of each release (by release id) that has one. */
    @Transactional(readOnly = true)
    public Map<Long, Result> latestByRelease() {
        Map<Long, Result> latest = new LinkedHashMap<>();
        results().where(TEST_RESULT.ID.in(DSL.select(DSL.max(TEST_RESULT.ID)).from(TEST_RESULT).groupBy(TEST_RESULT.RELEASE_ID)))
                .fetch(TestResults::toResult).forEach(r -> latest.put(r.releaseId(), r));
        return latest;
    }

    /** The result whose scratch tree this is, if any. */
    public Optional<String> ofTree(long treeId) {
        return db.select(DOCUMENT.REFERENCE).from(TEST_RESULT).join(DOCUMENT).on(DOCUMENT.ID.eq(TEST_RESULT.ID))
                .where(TEST_RESULT.TREE_ID.eq(treeId)).fetchOptional(DOCUMENT.REFERENCE);
    }

    /** The line of a build's or an instance's log that says what failed (not the shell's "$ exit 3"). */
    static String errorLine(String log) {
        String line = Formats.errorLine(log, 300);
        return line.isEmpty() ? "(no output)" : line;
    }

    private static String oneLine(String text) {
        return text == null || text.isBlank() ? null : text.strip().lines().findFirst().orElse("").strip();
    }

    private static String cut(String text, int max, boolean keepEnd) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return keepEnd ? text.substring(text.length() - max) : text.substring(0, max);
    }
}

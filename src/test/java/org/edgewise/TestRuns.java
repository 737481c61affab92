package org.edgewise;

import static org.edgewise.jooq.Tables.COMPUTER;
import static org.edgewise.jooq.Tables.COMPUTER_CONTACT;
import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.TEST_RESULT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.awaitility.Awaitility;
import org.edgewise.catalog.Catalog;
import org.edgewise.computer.ComputerWorkflows;
import org.edgewise.computer.Computers;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.nodeapi.Enrolment;
import org.edgewise.testing.TestResults;
import org.edgewise.testing.TestingWorkflows;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.context.ApplicationContext;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Test runs as tests need them: releases whose {@code release.json} declares tests (written to a directory their
 * {@code file:} URL names, where the Master reads it when the release is created), test computers whose node
 * polls over HTTP, and passes of the test runs.
 *
 * <p>Every test class shares one database, and the oldest queued run takes the first free test computer. So a
 * pass started here first takes out of the way what other tests left behind: their runs still queued are
 * stopped, and their test computers become ordinary ones. {@link #close} does the same for what was made here,
 * so that the next test finds none of it.
 */
public final class TestRuns {

    /** The time limit the tests of {@link #tests} declare, as the plan gives it. */
    public static final int TIMEOUT_SECONDS = 180;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path RELEASES = Path.of("target", "test-releases");

    public record Release(long id, String reference, String url, long productId) { }

    private final Http http;
    private final Fixtures fixtures;
    private final Catalog catalog;
    private final DocumentEngine engine;
    private final Computers computers;
    private final Enrolment enrolment;
    private final TestResults results;
    private final DSLContext db;
    private final Clock clock;
    private final Set<Long> ownReleases = ConcurrentHashMap.newKeySet();
    private final Set<Long> ownComputers = ConcurrentHashMap.newKeySet();

    public TestRuns(ApplicationContext context, Http http) {
        this.http = http;
        this.fixtures = context.getBean(Fixtures.class);
        this.catalog = context.getBean(Catalog.class);
        this.engine = context.getBean(DocumentEngine.class);
        this.computers = context.getBean(Computers.class);
        this.enrolment = context.getBean(Enrolment.class);
        this.results = context.getBean(TestResults.class);
        this.db = context.getBean(DSLContext.class);
        this.clock = context.getBean(Clock.class);
    }

    /** What a release declares under {@code tests}: two commands with a time limit of {@value #TIMEOUT_SECONDS} s. */
    public static Map<String, Object> tests() {
        return Map.of("type", "default", "parameters", Map.of("greeting", "Tested"), "timeout", "PT3M",
                "commands", new LinkedHashMap<>(Map.of(
                        "answers", "${node} check-url http://${address}:8080/ --contains Tested",
                        "suite", Map.of("command", "java ${software}/tests/WebTest.java ${address} 8080",
                                "junit", "var/test-reports"))));
    }

    /** A new product, its id. */
    public long product() {
        return catalog.createProduct(unique("Tested product"), null, Fixtures.OPERATOR).id();
    }

    /** A published release of the product whose descriptor declares these tests (none when null). */
    public Release published(long productId, String version, Map<String, Object> tests) {
        Release release = draft(productId, version, tests);
        engine.apply(release.id(), "publish", Fixtures.OPERATOR, null);
        return release;
    }

    /** A release in draft of the product whose descriptor declares these tests (none when null). */
    public Release draft(long productId, String version, Map<String, Object> tests) {
        Path directory = RELEASES.resolve(UUID.randomUUID().toString()).toAbsolutePath();
        Map<String, Object> descriptor = new LinkedHashMap<>(Map.of("format", 1, "name", "web", "version", version));
        if (tests != null) {
            descriptor.put("tests", tests);
        }
        try {
            Files.createDirectories(directory);
            JSON.writeValue(directory.resolve("release.json").toFile(), descriptor);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String url = "file:" + directory;
        Document doc = catalog.createRelease(new Catalog.NewRelease(productId, url, version, List.of("default"), null,
                null), Fixtures.OPERATOR);
        ownReleases.add(doc.id());
        return new Release(doc.id(), doc.reference(), url, productId);
    }

    /** An open computer with partitions part0…, its node enrolled over HTTP and in contact, taking only test runs. */
    public TestNode testComputer(int partitions) {
        return testComputer(unique("tests"), partitions);
    }

    /** A test computer in this region. */
    public TestNode testComputer(String region, int partitions) {
        TestNode node = computer(region, partitions);
        computers.useForTests(node.computer().id(), true, Fixtures.OPERATOR);
        ownComputers.add(node.computer().id());
        return node;
    }

    /** An open ordinary computer in this region with partitions part0…, its node enrolled over HTTP and in contact. */
    public TestNode computer(String region, int partitions) {
        TestNode node = TestNode.enrol(http, enrolment, fixtures.openComputer(region, 10, 0, List.of()), partitions);
        inContact(node);
        return node;
    }

    /** Polls as the node, and waits until the Master has written down its contact. */
    public void inContact(TestNode node) {
        inContact(node.computer(), node.credential());
    }

    /** Polls as the node of the computer with this credential, and waits until the Master has written that down. */
    public void inContact(Document computer, String credential) {
        OffsetDateTime polled = OffsetDateTime.now(clock);
        Http.Response plan = http.get("/api/node/v1/plan", credential);
        if (plan.status() != 200) {
            throw new AssertionError("The Master refused the plan of " + computer.reference() + ": " + plan.body());
        }
        Awaitility.await(computer.reference() + " in contact").atMost(Duration.ofSeconds(10))
                .until(() -> db.fetchExists(COMPUTER_CONTACT, COMPUTER_CONTACT.COMPUTER_ID.eq(computer.id())
                        .and(COMPUTER_CONTACT.LAST_CONTACT_AT.ge(polled))));
    }

    /**
     * Starts the oldest queued run of the releases made here on an ordinary computer, which takes test runs for
     * this one pass only (so that no other test's run or tree goes there meanwhile); the run now running there.
     */
    public TestResults.Result startOn(Document computer, String credential) {
        inContact(computer, credential);
        computers.useForTests(computer.id(), true, Fixtures.OPERATOR);
        ownComputers.add(computer.id());
        try {
            runOnce();
        } finally {
            computers.useForTests(computer.id(), false, Fixtures.OPERATOR);
            ownComputers.remove(computer.id());
        }
        Long running = db.select(DSL.max(TEST_RESULT.ID)).from(TEST_RESULT).join(DOCUMENT).on(DOCUMENT.ID.eq(TEST_RESULT.ID))
                .where(DOCUMENT.STATE.eq(TestingWorkflows.RUNNING)).and(TEST_RESULT.COMPUTER_ID.eq(computer.id()))
                .and(TEST_RESULT.RELEASE_ID.in(ownReleases)).fetchOne(0, Long.class);
        if (running == null) {
            throw new AssertionError("No run started on " + computer.reference());
        }
        return result(engine.get(running, Fixtures.OPERATOR).reference());
    }

    /** One pass of the test runs, once what other tests left behind is out of the way. */
    public TestResults.Pass runOnce() {
        for (Long leftover : db.select(TEST_RESULT.ID).from(TEST_RESULT).join(DOCUMENT).on(DOCUMENT.ID.eq(TEST_RESULT.ID))
                .where(DOCUMENT.STATE.eq(TestingWorkflows.QUEUED)).and(TEST_RESULT.RELEASE_ID.notIn(ownReleases))
                .fetch(TEST_RESULT.ID)) {
            engine.apply(leftover, "stop", Fixtures.OPERATOR, "Left behind by another test.");
        }
        for (Long leftover : db.select(COMPUTER.ID).from(COMPUTER).join(DOCUMENT).on(DOCUMENT.ID.eq(COMPUTER.ID))
                .where(COMPUTER.FOR_TESTS.isTrue()).and(DOCUMENT.STATE.eq(ComputerWorkflows.OPEN))
                .and(COMPUTER.ID.notIn(ownComputers)).fetch(COMPUTER.ID)) {
            computers.useForTests(leftover, false, Fixtures.OPERATOR);
        }
        return results.runOnce();
    }

    /** The result as the Master has it now. */
    public TestResults.Result result(String reference) {
        return results.get(reference, Fixtures.OPERATOR);
    }

    /** The results of a release, newest first. */
    public List<TestResults.Result> of(Release release) {
        return results.history(release.reference(), null, 100, Fixtures.OPERATOR);
    }

    /** Stops the runs of the releases made here that are not over, and makes the test computers made here ordinary. */
    public void close() {
        for (Long open : db.select(TEST_RESULT.ID).from(TEST_RESULT).join(DOCUMENT).on(DOCUMENT.ID.eq(TEST_RESULT.ID))
                .where(DOCUMENT.STATE.in(TestingWorkflows.QUEUED, TestingWorkflows.RUNNING))
                .and(TEST_RESULT.RELEASE_ID.in(ownReleases)).fetch(TEST_RESULT.ID)) {
            engine.apply(open, "stop", Fixtures.OPERATOR, "The test is over.");
        }
        for (Long computer : ownComputers) {
            computers.useForTests(computer, false, Fixtures.OPERATOR);
        }
        ownComputers.clear();
    }

    private static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }
}

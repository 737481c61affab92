package org.edgewise.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A release's tests run by the node in the partition of a started instance, with real commands, and reported to a
 * plain HTTP Master: the lines of exit statuses, JUnit XML reports and promises, the time limit, and which
 * answers of the Master end the sending.
 */
class ReleaseTestsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private FakeMaster master;
    private ReleaseTests tests;
    private final List<JsonNode> reports = new CopyOnWriteArrayList<>();
    /** The statuses the Master answers the reports with, in turn; 200 once they are used up. */
    private final List<Integer> answers = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (tests != null) {
            tests.stop();
        }
        if (master != null) {
            master.close();
        }
    }

    @Test
    void promisesAndExitStatusesAreOneLineEachInOrderAFailureSaysItsExitAndLastLine() throws Exception {
        Path partition = run("""
                {"name": "t", "tests": {"commands": {
                   "fine": "echo all good",
                   "broken": "echo first; echo the last line; exit 3"}},
                 "types": {"default": {"promises": {
                   "holds": "true",
                   "fails": "echo nothing listens; exit 1"}}}}
                """, 180);

        JsonNode report = awaitReport();
        assertEquals(false, report.get("timedOut").asBoolean());
        List<JsonNode> lines = lines(report);
        assertEquals(List.of("promise holds passed", "promise fails failed", "fine passed", "broken failed"),
                lines.stream().map(l -> l.get("name").asText() + " " + l.get("status").asText()).toList());
        assertEquals("nothing listens", lines.get(1).get("message").asText());
        assertTrue(lines.get(2).get("message").isNull());
        assertEquals("all good\n", lines.get(2).get("log").asText());
        assertEquals("exit 3: the last line", lines.get(3).get("message").asText());
        assertEquals("first\nthe last line\n", lines.get(3).get("log").asText());
        assertTrue(lines.get(3).get("durationMs").asLong() >= 0);
        assertTrue(Files.readString(partition.resolve("var/log/test-broken.log")).contains("the last line"),
                "the command's output is in the partition too");
    }

    @Test
    void aJUnitReportGivesOneLinePerTestCaseAndAFailingCommandWithoutFailedCasesAnErrorLine() throws Exception {
        Path release = release("""
                {"name": "t", "tests": {"commands": {
                   "suite": {"command": "mkdir -p var/reports && cp ${software}/suite.xml var/reports/ && exit 1",
                             "junit": "var/reports"},
                   "green": {"command": "cp ${software}/green.xml var/green.xml; echo crashed after the report; exit 2",
                             "junit": "var/green.xml"},
                   "absent": {"command": "echo wrote nothing", "junit": "var/nothing"}}},
                 "types": {"default": {}}}
                """);
        Files.writeString(release.resolve("suite.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuites><testsuite name="WebTest" tests="4">
                  <testcase classname="WebTest" name="greets" time="0.012"><system-out>said hello</system-out></testcase>
                  <testcase classname="WebTest" name="counts" time="1.5">
                    <failure message="expected 2 but was 1" type="AssertionError">at WebTest.counts(WebTest.java:7)</failure>
                  </testcase>
                  <testcase name="plain" time="0">
                    <error type="IOException">connection refused
                at WebTest.plain</error>
                  </testcase>
                  <testcase classname="WebTest" name="later"><skipped message="not on this node"/></testcase>
                </testsuite></testsuites>
                """);
        Files.writeString(release.resolve("green.xml"), """
                <testsuite name="Green"><testcase classname="Green" name="ok" time="0.001"/></testsuite>
                """);
        start(release, 180);

        List<JsonNode> lines = lines(awaitReport());
        assertEquals(List.of("WebTest.greets passed 12", "WebTest.counts failed 1500", "plain error 0",
                "WebTest.later skipped null", "Green.ok passed 1", "green error", "absent passed"),
                lines.stream().map(l -> l.get("name").asText() + " " + l.get("status").asText()
                        + (l.get("name").asText().contains(".") || l.get("name").asText().equals("plain")
                                ? " " + l.get("durationMs") : "")).toList());
        assertEquals("said hello", lines.get(0).get("log").asText());
        assertTrue(lines.get(0).get("message").isNull());
        assertEquals("expected 2 but was 1", lines.get(1).get("message").asText());
        assertEquals("at WebTest.counts(WebTest.java:7)", lines.get(1).get("log").asText());
        assertEquals("connection refused", lines.get(2).get("message").asText(), "no message: its text's first line");
        assertEquals("not on this node", lines.get(3).get("message").asText());
        assertEquals("exit 2: crashed after the report", lines.get(5).get("message").asText());
    }

    @Test
    void aJUnitReportWithADoctypeIsNotReadAndItsExternalEntityNotFetched() throws Exception {
        Path secret = tmp.resolve("secret.txt");
        Files.writeString(secret, "the node's secret");
        Path release = release("""
                {"name": "t", "tests": {"commands": {
                   "suite": {"command": "cp ${software}/evil.xml var/evil.xml", "junit": "var/evil.xml"}}},
                 "types": {"default": {}}}
                """);
        Files.writeString(release.resolve("evil.xml"), """
                <?xml version="1.0"?>
                <!DOCTYPE testsuite [<!ENTITY secret SYSTEM "%s">]>
                <testsuite><testcase name="leak"><failure message="&secret;"/></testcase></testsuite>
                """.formatted(secret.toUri()));
        start(release, 180);

        JsonNode line = lines(awaitReport()).get(0);
        assertEquals("suite", line.get("name").asText());
        assertEquals("error", line.get("status").asText());
        assertTrue(line.get("message").asText().startsWith("cannot read the JUnit report evil.xml: "), line::toString);
        assertFalse(line.toString().contains("the node's secret"));
    }

    @Test
    void theTimeLimitKillsTheCommandsWholeProcessTreeAndSkipsTheCommandsAfterIt() throws Exception {
        Path partition = run("""
                {"name": "t", "tests": {"timeout": "PT10M", "commands": {
                   "slow": "echo started; sleep 300 & echo $! > var/run/grandchild.pid; wait",
                   "after": "touch var/after-ran"}},
                 "types": {"default": {}}}
                """, 2);
        long started = System.nanoTime();

        JsonNode report = awaitReport();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(took.compareTo(Duration.ofSeconds(20)) < 0, "reported after " + took + ", the command sleeps 300 s");
        assertEquals(true, report.get("timedOut").asBoolean());
        List<JsonNode> lines = lines(report);
        assertEquals("slow", lines.get(0).get("name").asText());
        assertEquals("error", lines.get(0).get("status").asText());
        assertEquals("timed out after 2 s", lines.get(0).get("message").asText(), "the smaller limit, the Master's");
        assertEquals("started\n", lines.get(0).get("log").asText());
        assertEquals("after", lines.get(1).get("name").asText());
        assertEquals("skipped", lines.get(1).get("status").asText());
        assertEquals("not run: the time limit was reached", lines.get(1).get("message").asText());
        assertFalse(Files.exists(partition.resolve("var/after-ran")));
        long grandchild = Long.parseLong(Files.readString(partition.resolve("var/run/grandchild.pid")).strip());
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(grandchild).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void aResultTheMasterAlreadyJudgedIsNotSentAgainAndTheTestsRunOncePerResult() throws Exception {
        answers.add(409);
        Path release = release(countingRelease());
        Release.Type type = start(release, 180);

        awaitReport();
        for (int pass = 0; pass < 3; pass++) {
            tests.sendPending();
        }
        tests.runOnce("part0", tmp.resolve("part0"), new Plan.Test("TR-000001", 180), Release.read(release), type,
                values(release));
        tests.sendPending();

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> reports.size() == 1);
        assertEquals(List.of("ran"), Files.readAllLines(tmp.resolve("part0/var/runs")));
    }

    @Test
    void linesTheMasterCouldNotTakeAreSentAgainAtALaterPassUntilItTakesThem() throws Exception {
        answers.add(503);
        start(release(countingRelease()), 180);

        awaitReport();
        tests.sendPending();
        tests.sendPending();
        tests.sendPending();

        assertEquals(2, reports.size(), "sent again once after the 503, then no more: " + reports);
        assertEquals(reports.get(0), reports.get(1));
        assertEquals(List.of("ran"), Files.readAllLines(tmp.resolve("part0/var/runs")));
    }

    @Test
    void aTestsSectionTheNodeCannotUseIsAnErrorSayingWhatIsWrong() throws IOException {
        assertEquals("release.json: tests is an object with \"commands\" (and optionally \"type\", \"parameters\" and"
                + " \"timeout\"), not \"npm test\"", refusal("\"npm test\""));
        assertEquals("release.json: the tests' commands are an object of names and commands, not [\"make check\"]",
                refusal("{\"commands\": [\"make check\"]}"));
        assertEquals("release.json: test \"unit\" is a command, or an object with a \"command\" (and optionally"
                + " \"junit\"), not \" \"", refusal("{\"commands\": {\"unit\": \" \"}}"));
        assertEquals("release.json: test \"unit\" names no JUnit report inside the partition (\"../../etc\")",
                refusal("{\"commands\": {\"unit\": {\"command\": \"make\", \"junit\": \"../../etc\"}}}"));
        assertEquals("release.json: the tests' timeout is \"soon\"; give at least one second, as whole seconds (600) or"
                + " an ISO-8601 duration (\"PT10M\")", refusal("{\"timeout\": \"soon\", \"commands\": {}}"));

        Release.Tests read = Release.read(release("{\"version\": \"2\", \"tests\": {\"commands\": {\"a\": \"true\","
                + " \"b\": {\"command\": \"make\", \"junit\": \"./var/reports/\"}}}}")).tests();
        assertEquals(Release.Tests.DEFAULT_TIMEOUT, read.timeout());
        assertEquals(List.of("a", "b"), new ArrayList<>(read.commands().keySet()));
        assertNull(read.commands().get("a").junit());
        assertEquals("var/reports", read.commands().get("b").junit());
        assertNull(Release.read(release("{\"name\": \"no tests\"}")).tests());
    }

    private String refusal(String tests) throws IOException {
        Path release = release("{\"tests\": " + tests + "}");
        return assertThrows(IOException.class, () -> Release.read(release)).getMessage();
    }

    /** A release whose one test command leaves a line in the partition each time it runs. */
    private static String countingRelease() {
        return """
                {"name": "t", "tests": {"commands": {"count": "echo ran >> var/runs"}}, "types": {"default": {}}}
                """;
    }

    private Path run(String descriptor, int masterTimeoutSeconds) throws IOException {
        start(release(descriptor), masterTimeoutSeconds);
        return tmp.resolve("part0");
    }

    /** Starts the tests of the release in partition part0 for result TR-000001, reported to a fake Master. */
    private Release.Type start(Path release, int masterTimeoutSeconds) throws IOException {
        AtomicInteger answered = new AtomicInteger();
        master = FakeMaster.serving(exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (exchange.getRequestMethod().equals("PUT")
                    && exchange.getRequestURI().getPath().equals("/api/node/v1/test-results/TR-000001")) {
                reports.add(Master.JSON.readTree(body));
                int i = answered.getAndIncrement();
                int status = i < answers.size() ? answers.get(i) : 200;
                if (status != 200) {
                    exchange.sendResponseHeaders(status, -1);
                    exchange.close();
                    return;
                }
            }
            FakeMaster.answer(exchange, "{}");
        });
        Path partition = tmp.resolve("part0");
        Instantiator.createLayout(partition);
        Master api = new Master(master.url(), "not-checked");
        tests = new ReleaseTests(api);
        Release read = Release.read(release);
        Release.Type type = read.type("default");
        tests.runOnce("part0", partition, new Plan.Test("TR-000001", masterTimeoutSeconds), read, type, values(release));
        return type;
    }

    private Map<String, String> values(Path release) {
        return Map.of("address", "127.0.0.1", "partition", tmp.resolve("part0").toString(), "software",
                release.toString());
    }

    private Path release(String descriptor) throws IOException {
        Path dir = Files.createTempDirectory(tmp, "release");
        Files.writeString(dir.resolve("release.json"), descriptor);
        return dir;
    }

    private JsonNode awaitReport() {
        await().atMost(DEADLINE).until(() -> !reports.isEmpty());
        return reports.get(0);
    }

    private static List<JsonNode> lines(JsonNode report) {
        List<JsonNode> lines = new ArrayList<>();
        report.get("lines").forEach(lines::add);
        return lines;
    }
}

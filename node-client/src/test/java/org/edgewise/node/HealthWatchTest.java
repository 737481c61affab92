package org.edgewise.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

/**
 * Promises run on the node on their own periods and within their own time limits, real shell commands in a
 * real partition directory; their verdict goes to the Master (here a plain HTTP server taking the node API's
 * health reports) when it changes and periodically, and a failing instance is due for repair with a backoff.
 */
class HealthWatchTest {

    private static final Duration DEADLINE = Duration.ofSeconds(15);

    @TempDir
    Path tmp;

    private HttpServer master;
    private final List<JsonNode> reports = new CopyOnWriteArrayList<>();
    private final MutableClock clock = new MutableClock();
    private HealthWatch watch;
    private Path dir;

    @BeforeEach
    void serveHealthReports() throws IOException {
        master = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        master.createContext("/api/node/v1/instances/INST-000001/health", exchange -> {
            reports.add(Master.JSON.readTree(exchange.getRequestBody().readAllBytes()));
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        master.start();
        dir = tmp.resolve("part0");
        Instantiator.createLayout(dir);
    }

    @AfterEach
    void stop() {
        if (watch != null) {
            watch.stop();
        }
        master.stop(0);
    }

    private HealthWatch watch(Duration refresh) {
        Master api = new Master("http://127.0.0.1:" + master.getAddress().getPort(), "not-checked");
        watch = new HealthWatch(new MasterReports(api), clock, refresh);
        return watch;
    }

    private HealthWatch.Target target(Map<String, Release.Promise> promises) {
        return new HealthWatch.Target("INST-000001", dir, Map.of("title", "t"), promises);
    }

    private static Release.Promise every(Duration period, Duration timeout, String command) {
        return new Release.Promise(command, period, timeout);
    }

    private long lines(String file) throws IOException {
        Path path = dir.resolve(file);
        return Files.exists(path) ? Files.readAllLines(path).size() : 0;
    }

    private Release.Type type(String promises) throws IOException {
        Path release = tmp.resolve("release-" + System.nanoTime());
        Files.createDirectories(release);
        Files.writeString(release.resolve("release.json"),
                "{\"name\": \"t\", \"types\": {\"default\": {\"promises\": " + promises + "}}}");
        return Release.read(release).type("default");
    }

    @Test
    void aPromiseIsACommandOrACommandWithItsOwnPeriodAndTimeout() throws IOException {
        Release.Type type = type("""
                {"plain": "test -f ok", "frequent": {"command": "true", "period": "PT10S", "timeout": 3},
                 "seconds": {"command": "true", "period": 90}}""");

        assertEquals(new Release.Promise("test -f ok", Duration.ofSeconds(60), Duration.ofSeconds(20)),
                type.promises().get("plain"));
        assertEquals(new Release.Promise("true", Duration.ofSeconds(10), Duration.ofSeconds(3)),
                type.promises().get("frequent"));
        assertEquals(new Release.Promise("true", Duration.ofSeconds(90), Duration.ofSeconds(20)),
                type.promises().get("seconds"));
    }

    @Test
    void aPeriodThatIsNoDurationOrAPromiseWithoutCommandIsRefusedWithTheReason() {
        IOException badPeriod = assertThrows(IOException.class,
                () -> type("{\"p\": {\"command\": \"true\", \"period\": \"often\"}}"));
        IOException noCommand = assertThrows(IOException.class, () -> type("{\"p\": {\"period\": 10}}"));

        assertEquals("release.json: a promise's period is \"often\"; give at least one second, as whole seconds (10)"
                + " or an ISO-8601 duration (\"PT10S\")", badPeriod.getMessage());
        assertTrue(noCommand.getMessage().startsWith("release.json: a promise is a command, or an object with a"
                + " \"command\""), noCommand.getMessage());
    }

    @Test
    void eachPromiseRunsOnItsOwnPeriod() throws IOException {
        Map<String, Release.Promise> promises = new LinkedHashMap<>();
        promises.put("often", every(Duration.ofSeconds(1), Duration.ofSeconds(5), "echo run >> often.count"));
        promises.put("rarely", every(Duration.ofMinutes(10), Duration.ofSeconds(5), "echo run >> rarely.count"));

        watch(HealthWatch.REFRESH).watch("part0", target(promises), PromiseChecker.Health.HOLDING);

        await().atMost(DEADLINE).until(() -> lines("often.count") >= 3);
        assertEquals(0, lines("rarely.count"), "its first run is one period after the instance was checked");
    }

    @Test
    void aPromiseThatOverrunsItsTimeoutFailsAndItsCommandIsStopped() throws IOException {
        watch(HealthWatch.REFRESH).watch("part0", target(Map.of("slow", every(Duration.ofSeconds(1),
                Duration.ofSeconds(1), "echo $$ > slow.pid; exec sleep 60"))), PromiseChecker.Health.HOLDING);

        await().atMost(DEADLINE).until(() -> reports.size() == 2);
        assertEquals(Map.of("healthy", false, "promise", "slow", "message", "(timed out after 1 s)"),
                Master.JSON.convertValue(reports.get(1), Map.class));
        long pid = Long.parseLong(Files.readString(dir.resolve("slow.pid")).strip());
        await().atMost(DEADLINE).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        assertFalse(watch.health("part0").healthy());
    }

    @Test
    void healthIsReportedWhenTheVerdictChangesNotAtEveryRun() throws IOException {
        Files.createFile(dir.resolve("ok"));
        watch(HealthWatch.REFRESH).watch("part0", target(Map.of("ok-file", every(Duration.ofSeconds(1),
                Duration.ofSeconds(5), "echo run >> runs; test -f ok || { echo no ok file; exit 1; }"))),
                PromiseChecker.Health.HOLDING);
        await().atMost(DEADLINE).until(() -> lines("runs") >= 3);
        assertEquals(1, reports.size(), reports::toString);
        assertTrue(reports.get(0).get("healthy").asBoolean());
        assertTrue(reports.get(0).get("promise").isNull());

        Files.delete(dir.resolve("ok"));
        await().atMost(DEADLINE).until(() -> reports.size() == 2);
        long runs = lines("runs");
        await().atMost(DEADLINE).until(() -> lines("runs") >= runs + 3);
        assertEquals(2, reports.size(), reports::toString);
        assertEquals(Map.of("healthy", false, "promise", "ok-file", "message", "no ok file"),
                Master.JSON.convertValue(reports.get(1), Map.class));

        Files.createFile(dir.resolve("ok"));
        await().atMost(DEADLINE).until(() -> reports.size() == 3);
        assertTrue(reports.get(2).get("healthy").asBoolean());
    }

    @Test
    void healthIsToldAgainPeriodicallyEvenWhenUnchanged() {
        watch(Duration.ofSeconds(1)).start();
        watch.watch("part0", target(Map.of()), PromiseChecker.Health.HOLDING);

        await().atMost(DEADLINE).until(() -> reports.size() >= 3);
        assertTrue(reports.stream().allMatch(r -> r.get("healthy").asBoolean()), reports::toString);
    }

    @Test
    void aFailingInstanceIsDueForRepairAtOnceThenWithADoublingBackoffStartingOverOnceHealthy() {
        HealthWatch.Target target = target(Map.of("p", every(Duration.ofHours(1), Duration.ofSeconds(5), "false")));
        PromiseChecker.Health failing = PromiseChecker.Health.failing("p", "exited with 1");
        watch(HealthWatch.REFRESH).watch("part0", target, failing);

        assertTrue(watch.dueForRepair("part0"), "at once");
        clock.advance(Duration.ofSeconds(29));
        assertFalse(watch.dueForRepair("part0"));
        clock.advance(Duration.ofSeconds(1));
        assertTrue(watch.dueForRepair("part0"), "30 s after the first repair");
        watch.hold("part0");
        watch.watch("part0", target, failing); // processed again, still failing: the backoff goes on
        clock.advance(Duration.ofSeconds(59));
        assertFalse(watch.dueForRepair("part0"));
        clock.advance(Duration.ofSeconds(1));
        assertTrue(watch.dueForRepair("part0"), "60 s after the second");

        watch.watch("part0", target, PromiseChecker.Health.HOLDING);
        assertFalse(watch.dueForRepair("part0"), "a healthy instance needs no repair");
        watch.watch("part0", target, failing);
        assertTrue(watch.dueForRepair("part0"), "a new failure is repaired at once");
        assertFalse(watch.dueForRepair("part0"));
    }

    /** A clock the test moves forward. */
    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

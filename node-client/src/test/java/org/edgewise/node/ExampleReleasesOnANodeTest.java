package org.edgewise.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The example releases in {@code releases/} on a real node client process, polling a plain HTTP Master: their
 * own tests run in fresh instances (web 2.1 fails exactly the case it was made to fail), and instances upgraded
 * in place to a newer version keep their data (kv 2 reads what kv 1 stored) or, for web 3, fail their promise.
 * The partitions use the loopback block 127.78.0.0/24, which no other test uses.
 */
class ExampleReleasesOnANodeTest {

    private static final Duration DEADLINE = Duration.ofMinutes(4);
    private static final Path RELEASES = Path.of(System.getProperty("edgewise.releases", "../releases"));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path tmp;

    private FakeMaster master;
    private Process node;
    /** The plan the Master serves now; its version is its ETag. */
    private final AtomicReference<Map<String, Object>> plan = new AtomicReference<>();
    private final Map<String, JsonNode> testResults = new ConcurrentHashMap<>();
    /** Every state report: reference, state and release. */
    private final List<String> states = new CopyOnWriteArrayList<>();
    private final Map<String, List<JsonNode>> health = new ConcurrentHashMap<>();

    @AfterEach
    void stop() throws InterruptedException {
        if (node != null) {
            NodeProcesses.stop(node);
        }
        if (master != null) {
            master.close();
        }
    }

    @Test
    void eachExampleReleasesTestsPassInAFreshInstanceAndWebTwoPointOneFailsTheGreetingCase() throws Exception {
        List<String> releases = List.of("web", "web-2", "web-broken", "web-3", "kv", "kv-2");
        List<Map<String, Object>> partitions = new ArrayList<>();
        for (int i = 0; i < releases.size(); i++) {
            JsonNode tests = Master.JSON.readTree(RELEASES.resolve(releases.get(i)).resolve("release.json").toFile())
                    .get("tests");
            Map<String, Object> instance = instance(i + 1, url(releases.get(i)), tests.get("parameters"), "1");
            instance.put("test", Map.of("result", "TR-00000" + (i + 1), "timeoutSeconds", 180));
            partitions.add(partition(i, instance));
        }
        servePlan(1, releases.stream().map(ExampleReleasesOnANodeTest::url).toList(), partitions);
        startNode();
        try {
            await().atMost(DEADLINE).until(() -> testResults.size() == releases.size());

            List<String> web = List.of("promise web-answers passed", "answers passed",
                    "WebTest.answersWithTheGreeting passed", "WebTest.answersWithTheTitle passed",
                    "WebTest.countsRequestsInVarUsageRequests passed");
            List<String> kv = List.of("promise kv-answers passed", "KvTest.aValuePutIsReadBack passed",
                    "KvTest.aMissingKeyIsNotFound passed", "KvTest.aValueOverTheLimitIsRefused passed");
            List<String> kv2 = new ArrayList<>(kv);
            kv2.add("KvTest.theReadyAnswerCountsTheKeys passed");
            List<String> broken = new ArrayList<>(web);
            broken.set(2, "WebTest.answersWithTheGreeting failed");
            assertEquals(web, outcome("TR-000001"), "web");
            assertEquals(web, outcome("TR-000002"), "web 2");
            assertEquals(broken, outcome("TR-000003"), "web 2.1");
            assertEquals(web, outcome("TR-000004"), "web 3, on a fresh instance");
            assertEquals(kv, outcome("TR-000005"), "kv");
            assertEquals(kv2, outcome("TR-000006"), "kv 2");

            JsonNode greeting = testResults.get("TR-000003").get("lines").get(2);
            assertEquals("expected the answer \"Hello from test: Tested\" but got \"Hello from test: \"",
                    greeting.get("message").asText());
            assertTrue(greeting.get("log").asText().contains("AssertionError"), greeting::toString);
            assertTrue(greeting.get("durationMs").asLong() >= 0);
            for (JsonNode result : testResults.values()) {
                assertEquals(false, result.get("timedOut").asBoolean());
            }
            assertTrue(states.contains("INST-000003 started " + url("web-broken")), states::toString);
            String log = Files.readString(tmp.resolve("node.log"));
            assertTrue(log.contains("tests of TR-000003 started in part2"), log);
            assertTrue(log.matches("(?s).*tests of TR-000003: 4 passed, 1 failed \\(\\d+\\.\\d s\\).*"), log);
        } catch (RuntimeException | AssertionError e) {
            System.err.println(Files.readString(tmp.resolve("node.log")));
            throw e;
        }
    }

    @Test
    void anInstanceUpgradedInPlaceKeepsItsDataIsReportedWithItsNewReleaseAndWebThreeFailsItsPromise()
            throws Exception {
        String kv = "http://127.78.0.11:8080/";
        String web = "http://127.78.0.12:8080/";
        servePlan(1, List.of(url("kv"), url("web")), List.of(
                partition(10, instance(11, url("kv"), null, "1")),
                partition(11, instance(12, url("web"), null, "1"))));
        startNode();
        try {
            await().atMost(DEADLINE).until(() -> states.contains("INST-000011 started " + url("kv"))
                    && states.contains("INST-000012 started " + url("web")));
            assertEquals(204, send(kv + "kept", "PUT", "written by kv 1").statusCode());
            assertEquals("Hello from test: Hello\n", send(web, "GET", null).body());

            servePlan(2, List.of(url("kv"), url("kv-2"), url("web"), url("web-3")), List.of(
                    partition(10, instance(11, url("kv-2"), null, "2")),
                    partition(11, instance(12, url("web-3"), null, "2"))));

            await().atMost(DEADLINE).until(() -> states.contains("INST-000011 started " + url("kv-2")));
            await().atMost(DEADLINE).ignoreExceptions().until(() -> send(kv, "GET", null).body().startsWith("kv 2 ready"));
            HttpResponse<String> kept = send(kv + "kept", "GET", null);
            assertEquals(200, kept.statusCode());
            assertEquals("written by kv 1", kept.body());
            assertEquals(List.of("INST-000011 started " + url("kv"), "INST-000011 started " + url("kv-2")),
                    states.stream().filter(s -> s.startsWith("INST-000011")).distinct().toList(),
                    "the same state, reported again for the new release");

            await().atMost(DEADLINE).until(() -> states.contains("INST-000012 started " + url("web-3")));
            await().atMost(DEADLINE).until(() -> {
                List<JsonNode> reported = health.getOrDefault("INST-000012", List.of());
                return !reported.isEmpty() && !reported.get(reported.size() - 1).get("healthy").asBoolean();
            });
            List<JsonNode> webHealth = health.get("INST-000012");
            JsonNode failing = webHealth.get(webHealth.size() - 1);
            assertEquals("web-answers", failing.get("promise").asText());
            assertTrue(failing.get("message").asText().contains("500"), failing::toString);
            HttpResponse<String> refused = send(web, "GET", null);
            assertEquals(500, refused.statusCode());
            assertEquals("web 3 cannot read the request count an older version left\n", refused.body());
        } catch (RuntimeException | AssertionError e) {
            System.err.println(Files.readString(tmp.resolve("node.log")));
            throw e;
        }
    }

    private List<String> outcome(String result) {
        List<String> lines = new ArrayList<>();
        testResults.get(result).get("lines").forEach(l -> lines.add(l.get("name").asText() + " "
                + l.get("status").asText()));
        return lines;
    }

    private static String url(String release) {
        return RELEASES.resolve(release).toAbsolutePath().normalize().toUri().toString();
    }

    private static Map<String, Object> instance(int number, String releaseUrl, JsonNode parameters, String changedAt) {
        Map<String, Object> instance = new LinkedHashMap<>();
        instance.put("reference", "INST-0000" + (number < 10 ? "0" : "") + number);
        instance.put("tree", "TREE-000001");
        instance.put("title", "test");
        instance.put("releaseUrl", releaseUrl);
        instance.put("softwareType", "default");
        instance.put("parameters", parameters == null ? Map.of() : parameters);
        instance.put("requestedState", "started");
        instance.put("changedAt", "2026-01-01T00:00:0" + changedAt + "Z");
        instance.put("children", List.of());
        instance.put("sharedInstances", List.of());
        return instance;
    }

    private static Map<String, Object> partition(int number, Map<String, Object> instance) {
        return Map.of("name", "part" + number, "address", "127.78.0." + (number + 1), "state", "busy",
                "instance", instance);
    }

    private void servePlan(int version, List<String> releases, List<Map<String, Object>> partitions) {
        List<Map<String, Object>> software = new ArrayList<>();
        for (String release : releases) {
            software.add(Map.of("url", release, "requestedState", "available"));
        }
        plan.set(Map.of("computer", "COMP-000001", "planVersion", version, "nextPollSeconds", 1,
                "software", software, "partitions", partitions));
    }

    /** A node polling a Master that serves {@link #plan} and keeps the reports it receives. */
    private void startNode() throws IOException {
        master = FakeMaster.serving(exchange -> {
            byte[] request = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            Map<String, Object> served = plan.get();
            if (exchange.getRequestMethod().equals("GET") && path.endsWith("/plan")) {
                String etag = "\"" + served.get("planVersion") + "\"";
                exchange.getResponseHeaders().add("ETag", etag);
                exchange.getResponseHeaders().add("Edgewise-Next-Poll", "1");
                if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                    exchange.sendResponseHeaders(304, -1);
                    exchange.close();
                    return;
                }
                FakeMaster.answer(exchange, Master.JSON.writeValueAsString(served));
                return;
            }
            String[] parts = path.split("/");
            if (path.startsWith("/api/node/v1/test-results/")) {
                testResults.put(parts[parts.length - 1], Master.JSON.readTree(request));
            } else if (path.endsWith("/state")) {
                JsonNode state = Master.JSON.readTree(request);
                states.add(parts[parts.length - 2] + " " + state.get("state").asText() + " "
                        + state.path("release").asText("(none)"));
            } else if (path.endsWith("/health")) {
                health.computeIfAbsent(parts[parts.length - 2], ref -> new CopyOnWriteArrayList<>())
                        .add(Master.JSON.readTree(request));
            }
            FakeMaster.answer(exchange, "{}");
        });
        node = NodeProcesses.start(tmp.resolve("node.log"), "run", "--config", master.nodeConfig(tmp).toString());
    }

    private static HttpResponse<String> send(String url, String method, String body)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}

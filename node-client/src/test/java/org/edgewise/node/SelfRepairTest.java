package org.edgewise.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A node client process whose started instance begins to fail its promise: the instance stays {@code started}
 * (its services run), its health says which promise fails and why, the node processes the partition again to
 * repair it, and once the promise holds again its health says so. The Master is a plain HTTP server answering
 * the node API with one fixed plan and keeping every report.
 */
class SelfRepairTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private FakeMaster master;
    private final List<String> states = new CopyOnWriteArrayList<>();
    private final List<JsonNode> health = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopMaster() {
        if (master != null) {
            master.close();
        }
    }

    @Test
    void aFailingPromiseKeepsTheInstanceStartedReportsItsHealthAndGetsThePartitionProcessedAgain() throws Exception {
        Path healthyMarker = tmp.resolve("healthy");
        Path instantiations = tmp.resolve("instantiations");
        Files.createFile(healthyMarker);
        Path release = tmp.resolve("release");
        Files.createDirectories(release);
        Files.writeString(release.resolve("release.json"), """
                {"name": "sleeper", "types": {"default": {
                  "instantiate": ["echo once >> %s"],
                  "services": {"sleeper": "sleep 300"},
                  "promises": {"marker": {"command": "test -f %s || { echo the marker is gone; exit 1; }",
                                          "period": 1, "timeout": 5}}}}}
                """.formatted(instantiations, healthyMarker));
        servePlan(release.toUri().toString());
        Process node = NodeProcesses.start(tmp.resolve("node.log"), "run", "--config",
                master.nodeConfig(tmp).toString());
        try {
            await().atMost(DEADLINE).until(() -> states.contains("started") && !health.isEmpty());
            assertTrue(health.get(0).get("healthy").asBoolean(), health::toString);

            Files.delete(healthyMarker);
            await().atMost(DEADLINE).until(() -> health.size() >= 2);
            JsonNode failing = health.get(1);
            assertEquals(false, failing.get("healthy").asBoolean(), health::toString);
            assertEquals("marker", failing.get("promise").asText());
            assertEquals("the marker is gone", failing.get("message").asText());
            await().atMost(DEADLINE).until(() -> Files.readAllLines(instantiations).size() >= 2);

            Files.createFile(healthyMarker);
            await().atMost(DEADLINE).until(() -> health.get(health.size() - 1).get("healthy").asBoolean());
            assertEquals(List.of("started"), states.stream().distinct().toList(),
                    "a failing promise does not make the running instance's state an error");
        } catch (RuntimeException | AssertionError e) {
            System.err.println(Files.readString(tmp.resolve("node.log")));
            throw e;
        } finally {
            NodeProcesses.stop(node);
        }
    }

    /** The node API as a node uses it: one plan with one started instance of the release; reports are kept. */
    private void servePlan(String release) throws IOException {
        String plan = """
                {"computer": "COMP-000001", "planVersion": 1, "nextPollSeconds": 1,
                 "software": [{"url": "%1$s", "requestedState": "available", "reportedState": null}],
                 "partitions": [{"name": "part0", "address": "127.0.0.1", "state": "busy", "instance": {
                   "reference": "INST-000001", "tree": "TREE-000001", "title": "sleeper", "releaseUrl": "%1$s",
                   "softwareType": "default", "parameters": {}, "requestedState": "started",
                   "changedAt": "2026-01-01T00:00:00Z", "children": [], "sharedInstances": []}}]}
                """.formatted(release);
        master = FakeMaster.serving(exchange -> {
            byte[] request = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            boolean isPlan = exchange.getRequestMethod().equals("GET") && path.endsWith("/plan");
            if (isPlan) {
                exchange.getResponseHeaders().add("ETag", "\"1\"");
                exchange.getResponseHeaders().add("Edgewise-Next-Poll", "1");
                if ("\"1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                    exchange.sendResponseHeaders(304, -1);
                    exchange.close();
                    return;
                }
            } else if (path.endsWith("/INST-000001/state")) {
                states.add(Master.JSON.readTree(request).get("state").asText());
            } else if (path.endsWith("/INST-000001/health")) {
                health.add(Master.JSON.readTree(request));
            }
            FakeMaster.answer(exchange, isPlan ? plan : "{}");
        });
    }
}

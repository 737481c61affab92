package org.edgewise.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A node client process told to stop (SIGTERM, what {@code ./edgewise run} sends it) leaves nothing behind:
 * neither the services it runs nor the command it was running at that moment, and its log says so. The
 * Master here is a plain HTTP server answering the node API with one fixed plan.
 */
class NodeShutdownTest {

    @TempDir
    Path tmp;

    private HttpServer master;

    @AfterEach
    void stopMaster() {
        if (master != null) {
            master.stop(0);
        }
    }

    @Test
    void aStoppedNodeStopsItsServicesAndTheCheckItWasRunning() throws Exception {
        Path release = tmp.resolve("release");
        Files.createDirectories(release);
        // the service runs for good; the check takes long enough to be running when the node is stopped
        Files.writeString(release.resolve("release.json"), """
                {"name": "sleeper", "types": {"default": {
                  "services": {"sleeper": "sleep 300"},
                  "promises": {"slow": "echo $$ > var/run/check.pid; exec sleep 120"}}}}
                """);
        String url = release.toUri().toString();
        servePlan(url);
        NodeConfig config = NodeConfig.load(tmp.resolve("node.properties"));
        config.master = "http://127.0.0.1:" + master.getAddress().getPort();
        config.credential = "not-checked";
        config.partitions = 1;
        config.save(tmp.resolve("node.properties"));
        Path log = tmp.resolve("node.log");
        Process node = NodeProcesses.start(log, "run", "--config", tmp.resolve("node.properties").toString());
        Path run = tmp.resolve("instances/part0/var/run");
        long service;
        long check;
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(run.resolve("sleeper.pid"))
                    && Files.exists(run.resolve("check.pid")) && !Files.readString(run.resolve("check.pid")).isBlank());
            service = Long.parseLong(Files.readString(run.resolve("sleeper.pid")).strip());
            check = Long.parseLong(Files.readString(run.resolve("check.pid")).strip());
            assertTrue(ProcessHandle.of(check).isPresent(), "the check runs");
        } finally {
            node.destroy();
            if (!node.waitFor(60, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        }

        assertFalse(ProcessHandle.of(service).map(ProcessHandle::isAlive).orElse(false), "the service is stopped");
        assertFalse(ProcessHandle.of(check).map(ProcessHandle::isAlive).orElse(false), "the check is stopped");
        String said = Files.readString(log);
        assertTrue(said.contains("INFO service part0/sleeper started (pid " + service), said);
        assertTrue(said.contains("INFO Node stopping: stopping its services"), said);
        assertTrue(said.contains("INFO service part0/sleeper stopped"), said);
        assertTrue(said.contains("INFO Node stopped; the services it ran are stopped"), said);
    }

    /** The node API as a node uses it: one plan with one started instance of the release, and every report taken. */
    private void servePlan(String release) throws IOException {
        String plan = """
                {"computer": "COMP-000001", "planVersion": 1, "nextPollSeconds": 1,
                 "software": [{"url": "%1$s", "requestedState": "available", "reportedState": null}],
                 "partitions": [{"name": "part0", "address": "127.0.0.1", "state": "busy", "instance": {
                   "reference": "INST-000001", "tree": "TREE-000001", "title": "sleeper", "releaseUrl": "%1$s",
                   "softwareType": "default", "parameters": {}, "requestedState": "started",
                   "changedAt": "2026-01-01T00:00:00Z", "children": [], "sharedInstances": []}}]}
                """.formatted(release);
        master = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        master.createContext("/api/node/v1/", exchange -> {
            boolean isPlan = exchange.getRequestMethod().equals("GET") && exchange.getRequestURI().getPath().endsWith("/plan");
            if (isPlan) {
                exchange.getResponseHeaders().add("ETag", "\"1\"");
                exchange.getResponseHeaders().add("Edgewise-Next-Poll", "1");
            }
            answer(exchange, isPlan ? plan : "{}");
        });
        master.start();
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        exchange.getRequestBody().readAllBytes();
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}

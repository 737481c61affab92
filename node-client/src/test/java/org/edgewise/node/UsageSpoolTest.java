package org.edgewise.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Usage waits in the node's spool until the Master has it: a Master that is away gets every batch measured
 * meanwhile once it is back, oldest first and each once. The Master here is a plain HTTP server that keeps
 * the usage batches it receives.
 */
class UsageSpoolTest {

    @TempDir
    Path tmp;

    private final List<HttpServer> masters = new ArrayList<>();

    @AfterEach
    void stopMasters() {
        masters.forEach(m -> m.stop(0));
    }

    private static UsageMeter.Record record(String instance, long quantity) {
        return new UsageMeter.Record(instance, "cpu_seconds", BigDecimal.valueOf(quantity), "2026-12-01T10:00:00Z",
                "2026-12-01T10:01:00Z");
    }

    /** A Master on this port taking usage batches (answered by {@code status}), every other report, and one plan. */
    private List<JsonNode> master(int port, String plan, Function<JsonNode, Integer> status) throws IOException {
        List<JsonNode> batches = new CopyOnWriteArrayList<>();
        HttpServer master = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        master.createContext("/api/node/v1/", exchange -> {
            byte[] request = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            if (path.endsWith("/usage")) {
                JsonNode batch = Master.JSON.readTree(request);
                int answer = status.apply(batch);
                answer(exchange, answer, answer == 200 ? "{\"duplicate\": false}" : "{\"detail\": \"refused\"}");
                if (answer == 200) {
                    batches.add(batch); // kept once its answer is written, as a Master commits before it answers
                }
            } else if (path.endsWith("/plan")) {
                exchange.getResponseHeaders().add("ETag", "\"1\"");
                exchange.getResponseHeaders().add("Edgewise-Next-Poll", "1");
                answer(exchange, 200, plan);
            } else {
                answer(exchange, 200, "{}");
            }
        });
        master.start();
        masters.add(master);
        return batches;
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static List<String> ids(List<JsonNode> batches) {
        return batches.stream().map(b -> b.get("batchId").asText()).toList();
    }

    @Test
    void batchesWaitForAnAbsentMasterAndAreSentOnceOldestFirstWhenItIsBack() throws IOException {
        int port = NodeProcesses.closedPort();
        Master master = new Master("http://127.0.0.1:" + port, "COMP-000007.secret");
        UsageSpool spool = new UsageSpool(tmp.resolve("spool"), UsageSpool.computerOf("COMP-000007.secret"));
        List<String> kept = new ArrayList<>();
        Instant at = Instant.parse("2026-12-01T10:01:00Z");
        for (int i = 0; i < 3; i++) {
            kept.addAll(spool.add(List.of(record("INST-000001", i)), at.plusSeconds(60L * (2 - i))));
        }

        assertThrows(IOException.class, () -> spool.send(master));
        assertEquals(3, spool.files().size(), "nothing is lost while the Master is away");

        UsageSpool afterRestart = new UsageSpool(tmp.resolve("spool"), "COMP-000007");
        List<JsonNode> received = master(port, "{}", batch -> 200);
        assertEquals(3, afterRestart.send(master));
        assertEquals(0, afterRestart.send(master), "each batch is sent once");

        assertEquals(List.of(kept.get(2), kept.get(1), kept.get(0)), ids(received), "oldest first");
        assertTrue(kept.get(0).matches("COMP-000007-\\d{13}-0"), kept.get(0));
        assertEquals(List.of(), afterRestart.files());
    }

    @Test
    void aBatchTheMasterAlreadyHasIsDroppedAndOneItRefusesIsSetAsideWithoutHoldingBackTheOthers() throws IOException {
        int port = NodeProcesses.closedPort();
        UsageSpool spool = new UsageSpool(tmp.resolve("spool"), "COMP-000007");
        Instant at = Instant.parse("2026-12-01T10:01:00Z");
        String known = spool.add(List.of(record("INST-000001", 1)), at).get(0);
        String foreign = spool.add(List.of(record("INST-000099", 2)), at.plusSeconds(60)).get(0);
        String fine = spool.add(List.of(record("INST-000001", 3)), at.plusSeconds(120)).get(0);
        List<JsonNode> received = master(port, "{}", batch -> batch.get("batchId").asText().equals(known) ? 409
                : batch.get("batchId").asText().equals(foreign) ? 403 : 200);

        assertEquals(2, spool.send(new Master("http://127.0.0.1:" + port, "COMP-000007.secret")));

        assertEquals(List.of(fine), ids(received));
        assertEquals(List.of(), spool.files());
        assertTrue(Files.exists(tmp.resolve("spool/refused/" + foreign + ".json")));
    }

    @Test
    void aLargeMeasurementIsSentAsSeveralBatchesAndTheSpoolKeepsTheNewestWhenFull() throws IOException {
        UsageSpool spool = new UsageSpool(tmp.resolve("spool"), "COMP-000007");
        List<UsageMeter.Record> many = new ArrayList<>();
        for (int i = 0; i < 2 * UsageSpool.MAX_RECORDS + 1; i++) {
            many.add(record("INST-000001", i));
        }

        List<String> ids = spool.add(many, Instant.parse("2026-12-01T10:01:00Z"));

        assertEquals(3, ids.size());
        assertEquals(UsageSpool.MAX_RECORDS, Master.JSON.readTree(spool.files().get(0).toFile()).get("records").size());
        assertEquals(1, Master.JSON.readTree(spool.files().get(2).toFile()).get("records").size());
    }

    /**
     * The whole node: it measures its running service every second and reports; its Master goes away, the node
     * keeps measuring into its spool; a Master on the same address gets every batch kept meanwhile, once.
     */
    @Test
    void aNodeSendsEverythingItMeasuredWhileItsMasterWasAwayOnceItIsBack() throws Exception {
        Path release = tmp.resolve("release");
        Files.createDirectories(release);
        Files.writeString(release.resolve("release.json"), """
                {"name": "sleeper", "types": {"default": {"services": {"sleeper": "sleep 300"}}}}
                """);
        String plan = """
                {"computer": "COMP-000001", "planVersion": 1, "nextPollSeconds": 1,
                 "software": [{"url": "%1$s", "requestedState": "available", "reportedState": "available"}],
                 "partitions": [{"name": "part0", "address": "127.0.0.1", "state": "busy", "instance": {
                   "reference": "INST-000001", "tree": "TREE-000001", "title": "sleeper", "releaseUrl": "%1$s",
                   "softwareType": "default", "parameters": {}, "requestedState": "started",
                   "changedAt": "2026-01-01T00:00:00Z", "children": [], "sharedInstances": []}}]}
                """.formatted(release.toUri());
        int port = NodeProcesses.closedPort();
        NodeConfig config = NodeConfig.load(tmp.resolve("node.properties"));
        config.master = "http://127.0.0.1:" + port;
        config.credential = "COMP-000001.not-checked";
        config.partitions = 1;
        config.usageInterval = Duration.ofSeconds(1);
        config.save(tmp.resolve("node.properties"));
        UsageSpool spool = new UsageSpool(config.usageSpool, "COMP-000001");
        List<JsonNode> beforeOutage = master(port, plan, batch -> 200);
        Process node = NodeProcesses.start(tmp.resolve("node.log"), "run", "--config", tmp.resolve("node.properties").toString());
        List<JsonNode> afterOutage;
        List<String> keptWhileAway;
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> beforeOutage.stream().anyMatch(b ->
                    b.get("records").findValuesAsText("metric").contains("uptime_seconds")));
            // the Master goes away once the exchanges under way are answered: a batch it took is one the node knows it has
            masters.remove(0).stop(5);

            await().atMost(Duration.ofSeconds(60)).until(() -> spool.files().size() >= 3);
            keptWhileAway = spool.files().stream().map(f -> f.getFileName().toString().replace(".json", "")).toList();
            afterOutage = master(port, plan, batch -> 200);
            await().atMost(Duration.ofSeconds(60)).until(() -> ids(afterOutage).containsAll(keptWhileAway)
                    && Files.readString(tmp.resolve("node.log")).contains("after it could not be reached"));
        } finally {
            NodeProcesses.stop(node);
        }

        Set<String> all = new HashSet<>(ids(beforeOutage));
        assertFalse(ids(afterOutage).stream().anyMatch(all::contains), "no batch is sent again once the Master has it");
        assertEquals(new HashSet<>(ids(afterOutage)).size(), ids(afterOutage).size(), "each batch once");
        JsonNode first = afterOutage.get(0).get("records");
        assertEquals(Set.of("cpu_seconds", "memory_peak_bytes", "disk_bytes", "uptime_seconds"),
                new HashSet<>(first.findValuesAsText("metric")));
        assertEquals(Set.of("INST-000001"), new HashSet<>(first.findValuesAsText("instance")));
        String log = Files.readString(tmp.resolve("node.log"));
        assertTrue(log.contains("WARNING Usage kept for later: connection refused"), log);
    }
}

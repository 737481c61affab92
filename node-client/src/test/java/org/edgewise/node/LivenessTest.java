package org.edgewise.node;

import static org.awaitility.Awaitility.await;
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

/**
 * A node busy building a release for several polls stays in contact with the Master: its plan is asked for
 * while the build runs, so the Master never takes a busy node for a silent one. The Master is a plain HTTP
 * server that notes when each request came.
 */
class LivenessTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private FakeMaster master;
    /** What the node did, in order: "plan" for each request of its plan, the software states it reported. */
    private final List<String> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopMaster() {
        if (master != null) {
            master.close();
        }
    }

    @Test
    void aNodeBuildingForSeveralPollsKeepsAskingForItsPlan() throws Exception {
        Path release = tmp.resolve("release");
        Files.createDirectories(release);
        Files.writeString(release.resolve("release.json"), """
                {"name": "slow", "build": ["sleep 7"], "types": {"default": {}}}
                """);
        serve(release.toUri().toString());
        Process node = NodeProcesses.start(tmp.resolve("node.log"), "run", "--config",
                master.nodeConfig(tmp).toString());
        try {
            await().atMost(DEADLINE).until(() -> events.contains("available"));
            List<String> duringTheBuild = events.subList(events.indexOf("building"), events.indexOf("available"));
            long polls = duringTheBuild.stream().filter("plan"::equals).count();
            assertTrue(polls >= 2, "plan requests during a 7 s build with polls every second: " + events);
        } catch (RuntimeException | AssertionError e) {
            System.err.println(Files.readString(tmp.resolve("node.log")));
            throw e;
        } finally {
            NodeProcesses.stop(node);
        }
    }

    private void serve(String release) throws IOException {
        String plan = """
                {"computer": "COMP-000001", "planVersion": 1, "nextPollSeconds": 1,
                 "software": [{"url": "%s", "requestedState": "available", "reportedState": null}],
                 "partitions": [{"name": "part0", "address": "127.0.0.1", "state": "free", "instance": null}]}
                """.formatted(release);
        master = FakeMaster.serving(exchange -> {
            byte[] request = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            if (exchange.getRequestMethod().equals("GET") && path.endsWith("/plan")) {
                events.add("plan");
                exchange.getResponseHeaders().add("ETag", "\"1\"");
                exchange.getResponseHeaders().add("Edgewise-Next-Poll", "1");
                if ("\"1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                    exchange.sendResponseHeaders(304, -1);
                    exchange.close();
                    return;
                }
                FakeMaster.answer(exchange, plan);
                return;
            }
            if (path.endsWith("/software")) {
                events.add(Master.JSON.readTree(request).get("state").asText());
            }
            FakeMaster.answer(exchange, "{}");
        });
    }
}

package org.edgewise.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupervisorTest {

    @TempDir
    Path tmp;

    @Test
    void shuttingDownStopsEveryServiceAndNothingStartsAfterwards() throws IOException {
        Supervisor supervisor = new Supervisor();
        supervisor.ensure("part0/a", "sleep 60", tmp, Map.of(), tmp.resolve("log/a.log"), tmp.resolve("run/a.pid"));
        await().atMost(Duration.ofSeconds(10)).until(() -> supervisor.isRunning("part0/a")
                && Files.exists(tmp.resolve("run/a.pid")));
        long pid = Long.parseLong(Files.readString(tmp.resolve("run/a.pid")).trim());

        supervisor.shutdown();
        // what a node's loop, still applying a plan while the node stops, would do next
        supervisor.ensure("part0/b", "sleep 60", tmp, Map.of(), tmp.resolve("log/b.log"), tmp.resolve("run/b.pid"));

        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the running service is stopped");
        assertEquals(List.of(), supervisor.keys("part0/"), "no service is kept or started after the shutdown");
        assertFalse(Files.exists(tmp.resolve("run/b.pid")));
    }
}

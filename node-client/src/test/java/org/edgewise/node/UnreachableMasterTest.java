package org.edgewise.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnreachableMasterTest {

    @TempDir
    Path tmp;

    @Test
    void aRefusedConnectionIsSaidSoWithTheMastersAddress() throws IOException {
        String url = "http://127.0.0.1:" + NodeProcesses.closedPort();

        IOException e = assertThrows(IOException.class, () -> new Master(url, "token").get("/api/node/v1/plan"));

        assertEquals("connection refused to " + url, e.getMessage());
    }

    @Test
    void anUnknownHostIsSaidSo() {
        IOException e = assertThrows(IOException.class,
                () -> new Master("http://no-such-host.invalid:8080", "token").get("/api/node/v1/plan"));

        assertEquals("unknown host in http://no-such-host.invalid:8080", e.getMessage());
    }

    @Test
    void theNodesLogSaysWhyTheMasterIsUnreachable() throws Exception {
        Path settings = NodeProcesses.settingsWithAbsentMaster(tmp);
        String master = NodeConfig.load(settings).master;
        Path log = tmp.resolve("node.log");
        Process node = NodeProcesses.start(log, "run", "--config", settings.toString());
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(log).contains("Master unreachable"));
        } finally {
            NodeProcesses.stop(node);
        }

        String line = Files.readAllLines(log).stream().filter(l -> l.contains("Master unreachable")).findFirst().orElseThrow();
        assertFalse(line.contains("(null)"), line);
        assertTrue(line.contains("WARNING Master unreachable or refusing (connection refused to " + master + ")"),
                line);
    }
}

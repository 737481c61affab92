package org.edgewise.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeLockTest {

    @TempDir
    Path tmp;

    @Test
    void aSecondNodeClientOnTheSameSettingsRefusesToRunAndNamesTheFirst() throws Exception {
        Path settings = NodeProcesses.settingsWithAbsentMaster(tmp);
        Process first = NodeProcesses.start(tmp.resolve("first.log"), "run", "--config", settings.toString());
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(tmp.resolve("first.log"))
                    .contains("Master unreachable"));

            Process second = NodeProcesses.start(tmp.resolve("second.log"), "run", "--config", settings.toString());
            boolean ended = second.waitFor(60, TimeUnit.SECONDS);
            if (!ended) {
                NodeProcesses.stop(second);
            }

            String said = Files.readString(tmp.resolve("second.log"));
            assertTrue(ended, "the second node client must not run beside the first: " + said);
            assertEquals(1, second.exitValue(), said);
            assertTrue(said.contains("Another node client runs on " + tmp.resolve("instances") + " (pid " + first.pid()
                    + ", settings in " + settings.toAbsolutePath() + ")"), said);
            assertTrue(first.isAlive(), "the first one runs on");
        } finally {
            NodeProcesses.stop(first);
        }
        NodeLock.acquire(tmp.resolve("instances"), settings).close(); // free again once the first has ended
    }

    @Test
    void theInstanceRootIsTakenUntilItsHolderReleasesIt() throws Exception {
        Path root = tmp.resolve("instances");
        Path settings = tmp.resolve("node.properties");

        try (NodeLock held = NodeLock.acquire(root, settings)) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> NodeLock.acquire(root, settings));
            assertTrue(refused.getMessage().contains("(pid " + ProcessHandle.current().pid() + ", settings in "
                    + settings.toAbsolutePath() + ")"), refused.getMessage());
        }
        NodeLock.acquire(root, settings).close();
    }
}

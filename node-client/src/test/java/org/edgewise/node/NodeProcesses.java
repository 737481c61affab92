package org.edgewise.node;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Real node-client processes for tests: this build's classes in a JVM of their own. */
final class NodeProcesses {

    private NodeProcesses() {
    }

    /** Settings of an enrolled node whose Master does not answer: nothing listens on its port. */
    static Path settingsWithAbsentMaster(Path dir) throws IOException {
        NodeConfig config = NodeConfig.load(dir.resolve("node.properties"));
        config.master = "http://127.0.0.1:" + closedPort();
        config.credential = "not-checked";
        config.partitions = 2;
        config.save(dir.resolve("node.properties"));
        return dir.resolve("node.properties");
    }

    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** {@code edgewise-node ARGS} as its own process, its output in the log file. */
    static Process start(Path log, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String[] command = new String[args.length + 4];
        command[0] = java;
        command[1] = "-cp";
        command[2] = System.getProperty("java.class.path");
        command[3] = NodeClient.class.getName();
        System.arraycopy(args, 0, command, 4, args.length);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}

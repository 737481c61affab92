package org.edgewise.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Facet 6 on the node: runs an instance's promises, each within its own time limit, and judges the instance by
 * the first that fails. {@link HealthWatch} runs them periodically; this class runs them once.
 */
final class PromiseChecker {

    /** How long services that just started get to come up before their promises count. */
    static final Duration PROMISE_SETTLE = Duration.ofSeconds(20);

    /**
     * One run at a time per promise log: the node's loop checks an instance it has just started while its
     * periodic runs may be under way, and each run starts the log afresh.
     */
    private static final Map<Path, Object> RUNNING = new ConcurrentHashMap<>();

    private PromiseChecker() {
    }

    /** What an instance's promises say: every one holds, or the first that fails, with the last line it printed. */
    record Health(boolean healthy, String promise, String message) {

        static final Health HOLDING = new Health(true, null, null);

        static Health failing(String promise, String message) {
            return new Health(false, promise, message);
        }

        /** In words, for the log and the error a node reports. */
        String describe() {
            return healthy ? "every promise holds" : "promise " + promise + " failed: " + message;
        }
    }

    /**
     * Runs one promise; its output goes to {@code var/log/promise-NAME.log}, which keeps the last run only
     * (a promise runs every few seconds for as long as the instance lives).
     */
    static Health check(String name, String command, Duration timeout, Map<String, String> values, Path dir)
            throws IOException {
        Path log = dir.resolve("var/log/promise-" + name + ".log");
        Processes.Result r;
        synchronized (RUNNING.computeIfAbsent(log, path -> new Object())) {
            Files.deleteIfExists(log);
            r = Processes.run(command, dir, Templates.environment(values), log, timeout);
        }
        if (r.ok()) {
            return Health.HOLDING;
        }
        // the log starts with the command itself: a promise that printed nothing says how it ended
        String output = r.tail().strip();
        String header = "$ " + command;
        if (output.startsWith(header)) {
            output = output.substring(header.length()).strip();
        }
        return Health.failing(name, output.isEmpty() ? "exited with " + r.exitCode() : Processes.lastLine(output));
    }

    /**
     * Runs every promise once, in the order the release lists them, and stops at the first that fails.
     * {@code settle} gives services that just started {@link #PROMISE_SETTLE} to come up.
     */
    static Health firstFailure(Release.Type type, Map<String, String> values, Path dir, boolean settle)
            throws IOException, Templates.NotReady {
        long deadline = System.nanoTime() + (settle ? PROMISE_SETTLE.toNanos() : 0);
        while (true) {
            Health health = Health.HOLDING;
            for (Map.Entry<String, Release.Promise> promise : type.promises().entrySet()) {
                health = check(promise.getKey(), Templates.renderCommand(promise.getValue().command(), values),
                        promise.getValue().timeout(), values, dir);
                if (!health.healthy()) {
                    break;
                }
            }
            if (health.healthy() || System.nanoTime() > deadline) {
                return health;
            }
            try {
                Thread.sleep(250); // services that just started need a moment; re-check until the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return health;
            }
        }
    }
}

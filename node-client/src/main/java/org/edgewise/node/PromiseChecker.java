package org.edgewise.node;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Facet 6 on the node: runs an instance's promises, each with a time limit, and judges the instance by the
 * first that fails.
 */
final class PromiseChecker {

    static final Duration PROMISE_TIMEOUT = Duration.ofSeconds(20);
    static final Duration PROMISE_SETTLE = Duration.ofSeconds(20);

    private PromiseChecker() {
    }

    /**
     * Why the instance is unhealthy (the failing promise and the last line it printed), or null when every
     * promise holds. {@code settle} gives services that just started {@link #PROMISE_SETTLE} to come up.
     */
    static String firstFailure(Release.Type type, Map<String, String> values, Path dir, boolean settle)
            throws IOException, Templates.NotReady {
        long deadline = System.nanoTime() + (settle ? PROMISE_SETTLE.toNanos() : 0);
        while (true) {
            String failure = null;
            for (Map.Entry<String, String> promise : type.promises().entrySet()) {
                Processes.Result r = Processes.run(Templates.renderCommand(promise.getValue(), values), dir,
                        Templates.environment(values), dir.resolve("var/log/promise-" + promise.getKey() + ".log"),
                        PROMISE_TIMEOUT);
                if (!r.ok()) {
                    failure = "promise " + promise.getKey() + " failed: " + Processes.lastLine(r.tail());
                    break;
                }
            }
            if (failure == null || System.nanoTime() > deadline) {
                return failure;
            }
            try {
                Thread.sleep(250); // services that just started need a moment; re-check until the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return failure;
            }
        }
    }
}

package org.edgewise.node;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Facet 12 on the node: runs the tests of a release in the started root instance of a scratch tree, once per
 * test result the Master queued, on threads of their own (tests take minutes; the node's loop goes on), and
 * reports the lines to {@code PUT /api/node/v1/test-results/RESULT}. Lines the Master could not take (away, or
 * a 5xx) are kept and sent again at a later pass; the tests are never run twice for one result while this
 * process lives.
 */
final class ReleaseTests {

    private static final Logger log = Logger.getLogger(ReleaseTests.class.getName());
    /** How long a stopping node waits for the tests under way to be stopped. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final Master master;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tests");
        t.setDaemon(true);
        return t;
    });
    /** Every run this process started, by test result reference. */
    private final Map<String, Run> runs = new ConcurrentHashMap<>();

    ReleaseTests(Master master) {
        this.master = master;
    }

    /**
     * Starts the release's tests in the partition's started instance unless they ran or run already for this
     * result. The time limit is the smaller of the release's and the Master's.
     */
    void runOnce(String partition, Path dir, Plan.Test test, Release release, Release.Type type,
            Map<String, String> values) {
        runs.computeIfAbsent(test.result(), result -> {
            Map<String, Release.Tests.Command> commands = release.tests() == null ? Map.of() : release.tests().commands();
            TestRun tests = new TestRun(dir, values, type, commands, limit(release, test));
            Run run = new Run(result, partition);
            run.future = executor.submit(() -> run.execute(tests));
            return run;
        });
    }

    private static Duration limit(Release release, Plan.Test test) {
        Duration limit = release.tests() == null ? Release.Tests.DEFAULT_TIMEOUT : release.tests().timeout();
        if (test.timeoutSeconds() != null && test.timeoutSeconds() > 0
                && Duration.ofSeconds(test.timeoutSeconds()).compareTo(limit) < 0) {
            return Duration.ofSeconds(test.timeoutSeconds());
        }
        return limit;
    }

    /** Sends again the lines of finished runs that the Master could not take yet. */
    void sendPending() {
        for (Run run : runs.values()) {
            run.send();
        }
    }

    /** Stops the tests under way in a partition: its instance is being wiped. Their results are not reported. */
    void cancel(String partition) {
        for (Run run : runs.values()) {
            if (run.partition.equals(partition) && run.future != null) {
                run.future.cancel(true);
            }
        }
    }

    /** Stops every test under way (their processes with them) and waits until they are stopped. */
    void stop() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(STOP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                log.warning("Tests still running " + STOP_WAIT.toSeconds() + " s after the node began to stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One test result: its run, then its lines until the Master has them. */
    private final class Run {
        final String result;
        final String partition;
        volatile Future<?> future;
        private TestRun.Outcome outcome;
        private boolean settled;

        Run(String result, String partition) {
            this.result = result;
            this.partition = partition;
        }

        void execute(TestRun tests) {
            log.info("tests of " + result + " started in " + partition);
            long started = System.nanoTime();
            TestRun.Outcome done;
            try {
                done = tests.run();
            } catch (IOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    log.info("tests of " + result + " stopped before they ended; nothing is reported");
                    return;
                }
                done = new TestRun.Outcome(false, List.of(new TestRun.Line("tests", "error", null,
                        "the node could not run the tests: " + e.getMessage(), null)));
            }
            log.info("tests of " + result + ": " + summary(done) + " ("
                    + String.format("%.1f", (System.nanoTime() - started) / 1e9) + " s)");
            synchronized (this) {
                outcome = done;
            }
            send();
        }

        synchronized void send() {
            if (outcome == null || settled) {
                return;
            }
            try {
                master.put("/api/node/v1/test-results/" + result, outcome);
                settled = true;
                log.info("Reported the tests of " + result);
            } catch (Master.MasterException e) {
                if (e.status == 409) {
                    settled = true;
                    log.info("the Master has a verdict on " + result + " already; its lines are not sent again");
                } else if (e.status >= 500 || e.status == 401) {
                    log.warning("the tests of " + result + " are not reported (" + e.getMessage() + "); sent again later");
                } else {
                    settled = true;
                    log.warning("the Master refused the tests of " + result + " (" + e.getMessage()
                            + "); they are not sent again");
                }
            } catch (IOException e) {
                log.warning("the tests of " + result + " are not reported (" + e.getMessage() + "); sent again later");
            }
        }
    }

    /** How many lines passed, failed, were in error or skipped, and whether the time limit was reached. */
    private static String summary(TestRun.Outcome outcome) {
        List<String> parts = new ArrayList<>();
        for (String status : List.of("passed", "failed", "error", "skipped")) {
            long count = outcome.lines().stream().filter(l -> l.status().equals(status)).count();
            if (count > 0 || status.equals("passed")) {
                parts.add(count + " " + status);
            }
        }
        return String.join(", ", parts) + (outcome.timedOut() ? ", the time limit was reached" : "");
    }
}

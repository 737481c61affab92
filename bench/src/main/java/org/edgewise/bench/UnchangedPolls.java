package org.edgewise.bench;

import java.util.Collections;

/**
 * Polls of nodes whose plan did not change: If-None-Match with the current ETag, answered 304 from memory.
 * What most polls are, so the figure that sizes a Master; measured per client kind and client count.
 */
final class UnchangedPolls {

    /** Unchanged polls per second one Master should answer. */
    static final int TARGET_PER_SECOND = 20_000;

    private final Options o;
    private final Report report;

    UnchangedPolls(BenchRun bench) {
        this.o = bench.options();
        this.report = bench.report();
    }

    void measure(PollLoad load) throws InterruptedException {
        report.line("(a) Unchanged polls: If-None-Match with the current ETag, answered 304 from memory");
        if (o.jitWarmupSeconds > 0) {
            load.jitWarmup(Collections.max(o.pollClients), true, o.jitWarmupSeconds);
        }
        PollLoad.Result best = null;
        for (String mode : o.pollModes) {
            for (int clients : o.pollClients) {
                PollLoad.Result r = load.run(mode, clients, true, o.pipelineDepth, o.warmupSeconds, o.pollSeconds);
                report.line(r.describe());
                if (r.errors() == 0 && (best == null || r.perSecond() > best.perSecond())) {
                    best = r;
                }
            }
        }
        if (best != null) {
            report.line(String.format("  Best: %.0f unchanged polls/s (%s client, %d clients), p50 %.2f ms, p99 %.2f ms;"
                    + " target %d/s: %s", best.perSecond(), best.mode(), best.clients(), best.p50Millis(),
                    best.p99Millis(), TARGET_PER_SECOND, best.perSecond() >= TARGET_PER_SECOND ? "met" : "NOT met"));
            report.summaryLine("unchanged polls (304)", String.format("%.0f/s, p50 %.2f ms, p99 %.2f ms (%s client, %d"
                    + " clients)", best.perSecond(), best.p50Millis(), best.p99Millis(), best.mode(), best.clients()));
        }
    }
}

package org.edgewise.bench;

import java.util.Collections;

/**
 * Polls of nodes that need their whole plan: no If-None-Match, answered 200 with the plan read from the
 * database. One request in flight per node, as a node sends them.
 */
final class FullPolls {

    private final Options o;
    private final Report report;

    FullPolls(BenchRun bench) {
        this.o = bench.options();
        this.report = bench.report();
    }

    void measure(PollLoad load) throws InterruptedException {
        report.line("(b) Full polls: no If-None-Match, answered 200 with the plan read from the database");
        if (o.jitWarmupSeconds > 0) {
            load.jitWarmup(Collections.max(o.fullClients), false, o.jitWarmupSeconds);
        }
        PollLoad.Result best = null;
        for (String mode : o.pollModes) {
            if (mode.equals("pipelined")) {
                continue; // one request in flight per node is what a node does; pipelining says nothing more here
            }
            for (int clients : o.fullClients) {
                PollLoad.Result r = load.run(mode, clients, false, 1, o.warmupSeconds, o.pollSeconds);
                report.line(r.describe());
                if (r.errors() == 0 && (best == null || r.perSecond() > best.perSecond())) {
                    best = r;
                }
            }
        }
        if (best != null) {
            report.line(String.format("  Best: %.0f full polls/s (%s client, %d clients), p50 %.2f ms, p99 %.2f ms",
                    best.perSecond(), best.mode(), best.clients(), best.p50Millis(), best.p99Millis()));
            report.summaryLine("full polls (200)", String.format("%.0f/s, p50 %.2f ms, p99 %.2f ms (%s client, %d clients)",
                    best.perSecond(), best.p50Millis(), best.p99Millis(), best.mode(), best.clients()));
        }
    }
}

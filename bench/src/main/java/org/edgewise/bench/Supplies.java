package org.edgewise.bench;

import java.util.Map;

import org.HdrHistogram.ConcurrentHistogram;

/** The release supplied on every seeded computer while the sweep is held, so the whole backlog becomes placeable. */
final class Supplies {

    private final BenchRun bench;
    private final Options o;
    private final Report report;

    Supplies(BenchRun bench) {
        this.bench = bench;
        this.o = bench.options();
        this.report = bench.report();
    }

    void supply(Fleet fleet) throws InterruptedException {
        String[] references = fleet.references();
        int seeded = fleet.seeded();
        Cpu.Mark cpu = Cpu.mark(bench.master().watched());
        long supplyStart = System.nanoTime();
        ConcurrentHistogram supplyLatency = Latencies.histogram();
        int failedSupplies = Parallel.run("supplied", o.supplyClients, references.length, o.allocationTimeoutSeconds,
                i -> {
                    if (references[i] != null) {
                        long t0 = System.nanoTime();
                        bench.api().requester("POST", "/api/v1/computers/" + references[i] + "/software",
                                Map.of("url", BenchRun.RELEASE_URL));
                        Latencies.record(supplyLatency, t0);
                    }
                });
        double supplySeconds = (System.nanoTime() - supplyStart) / 1e9;
        report.line(String.format("Supplied the release on %d computers in %.1f s with %d clients: %.1f supplies/s, "
                + "p50 / p99 %s%s", seeded, supplySeconds, o.supplyClients, seeded / supplySeconds,
                Latencies.p50p99(supplyLatency), failedSupplies > 0 ? " (" + failedSupplies + " failed)" : ""));
        report.line("  " + Cpu.since(cpu, bench.master().watched()).describe());
        report.summaryLine("supplies", String.format("%d in %.1f s: %.1f supplies/s, p50 / p99 %s", seeded, supplySeconds,
                seeded / supplySeconds, Latencies.p50p99(supplyLatency)));
    }
}

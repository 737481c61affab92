package org.edgewise.bench;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.HdrHistogram.ConcurrentHistogram;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The backlog: tree requests sent while the release is supplied nowhere, so that every one stays pending
 * until the allocation sweep runs.
 */
final class TreeRequests {

    private final BenchRun bench;
    private final Options o;
    private final Report report;

    TreeRequests(BenchRun bench) {
        this.bench = bench;
        this.o = bench.options();
        this.report = bench.report();
    }

    /** Requests at most one tree per seeded partition; returns the root instances' references. */
    Set<String> request(Fleet fleet) throws InterruptedException {
        int trees = o.trees;
        int capacity = fleet.seeded() * o.partitions;
        if (trees > capacity) {
            report.line(String.format("Only %d partitions for %d trees: requesting %d", capacity, trees, capacity));
            trees = capacity;
        }
        ConcurrentHistogram requestLatency = Latencies.histogram();
        Set<String> roots = ConcurrentHashMap.newKeySet();
        AtomicInteger placedAtOnce = new AtomicInteger();
        Cpu.Mark cpu = Cpu.mark(bench.master().watched());
        long start = System.nanoTime();
        int failedRequests = Parallel.run("requested", o.treeClients, trees, o.allocationTimeoutSeconds, i -> {
            long t0 = System.nanoTime();
            JsonNode answer = bench.api().requester("POST", "/api/v1/trees", treeRequest(i));
            Latencies.record(requestLatency, t0);
            roots.add(answer.get("root").get("reference").asText());
            if (!answer.get("root").get("partition").isNull()) {
                placedAtOnce.incrementAndGet();
            }
        });
        double requestSeconds = (System.nanoTime() - start) / 1e9;
        Cpu.Split requestCpu = Cpu.since(cpu, bench.master().watched());
        report.line(String.format("Requested %d trees (release not supplied yet, so all stay pending) in %.1f s with %d"
                + " clients: %.1f tree requests/s, p50 / p99 %s", roots.size(), requestSeconds, o.treeClients,
                roots.size() / requestSeconds, Latencies.p50p99(requestLatency)));
        if (failedRequests > 0 || placedAtOnce.get() > 0) {
            report.line(String.format("  %d requests failed, %d placed at once (expected 0)", failedRequests,
                    placedAtOnce.get()));
        }
        report.line("  " + requestCpu.describe());
        report.summaryLine("tree requests", String.format("%d in %.1f s: %.1f requests/s, p50 / p99 %s", roots.size(),
                requestSeconds, roots.size() / requestSeconds, Latencies.p50p99(requestLatency)));
        return roots;
    }

    private static Map<String, Object> treeRequest(int i) {
        return Map.of("title", String.format("bench-tree-%06d", i + 1), "releaseUrl", BenchRun.RELEASE_URL,
                "softwareType", "default", "parameters", Map.of("n", i + 1), "sla", Map.of(), "state", "started");
    }
}

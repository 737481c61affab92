package org.edgewise.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.HdrHistogram.ConcurrentHistogram;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The first phase: computers made through the public APIs as an operator and their nodes make them (create,
 * open, enrolment token, enrol, format), timed per call; or taken from an earlier run's kept data.
 */
final class Seeding {

    private static final List<String> STEPS = List.of("create", "open", "enrolment token", "enrol", "format");

    private final BenchRun bench;
    private final Options o;
    private final Report report;

    Seeding(BenchRun bench) {
        this.bench = bench;
        this.o = bench.options();
        this.report = bench.report();
    }

    /** Publishes the release the trees ask for, in the catalogue of a fresh Master. */
    void publishRelease() throws IOException, InterruptedException {
        Api api = bench.api();
        String productRef = api.requester("POST", "/api/v1/products", Map.of("name", "Bench product"))
                .get("reference").asText();
        String releaseRef = api.requester("POST", "/api/v1/releases", Map.of("product", productRef, "url",
                BenchRun.RELEASE_URL, "version", "1.0", "softwareTypes", List.of("default"))).get("reference").asText();
        api.requester("POST", "/api/v1/documents/" + releaseRef + "/actions/publish", null);
    }

    Fleet seed() throws InterruptedException {
        report.section("Seeding through the public APIs");
        int n = o.computers;
        Fleet fleet = Fleet.ofSize(n);
        Map<String, ConcurrentHistogram> steps = new LinkedHashMap<>();
        for (String s : STEPS) {
            steps.put(s, Latencies.histogram());
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.seedTimeoutSeconds);
        Cpu.Mark cpu = Cpu.mark(bench.master().watched());
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(o.seedClients);
        for (int t = 0; t < o.seedClients; t++) {
            pool.execute(() -> {
                int i;
                while (System.nanoTime() < deadline && (i = next.getAndIncrement()) < n) {
                    try {
                        seedComputer(i, fleet, steps);
                        done.incrementAndGet();
                    } catch (IOException | RuntimeException e) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, "computer " + (i + 1) + ": " + e.getMessage());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
        }
        pool.shutdown();
        Parallel.progress(pool, "seeded", done, n, start);
        double seconds = (System.nanoTime() - start) / 1e9;
        Cpu.Split split = Cpu.since(cpu, bench.master().watched());
        int seeded = fleet.seeded();
        report.line(String.format("Seeded %d of %d computers (%d partitions each: create, open, enrolment token, enrol,"
                + " format) in %.1f s with %d clients: %.1f computers/s, %.0f API calls/s", seeded, n, o.partitions,
                seconds, o.seedClients, seeded / seconds, 5 * seeded / seconds));
        if (seeded < n) {
            report.line(String.format("  NOT all seeded: %d failed%s, %d not tried (seed timeout %d s)", failed.get(),
                    firstFailure.get() == null ? "" : " (first: " + firstFailure.get() + ")", n - seeded - failed.get(),
                    o.seedTimeoutSeconds));
        }
        StringBuilder sb = new StringBuilder("  per call, p50 / p99:");
        steps.forEach((name, h) -> sb.append(String.format(" %s %s;", name, Latencies.p50p99(h))));
        report.line(sb.substring(0, sb.length() - 1));
        report.line("  " + split.describe());
        report.summaryLine("seeding", String.format("%d computers x %d partitions in %.1f s (%.1f computers/s)", seeded,
                o.partitions, seconds, seeded / seconds));
        return fleet;
    }

    /** Writes what seeding made beside the kept data, for a later --reuse. */
    void saveState(Fleet fleet) throws IOException {
        MasterProcess master = bench.master();
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("apiToken", master.apiToken);
        state.put("partitions", o.partitions);
        state.put("references", fleet.references());
        state.put("credentials", fleet.credentials());
        Api.JSON.writeValue(master.root.resolve(MasterProcess.STATE).toFile(), state);
        report.line("  kept for --reuse " + master.root + (o.skipAllocation ? "" : " (holds the trees of this run too:"
                + " keep data with --skip-allocation to reuse it)"));
    }

    /** Takes the computers a --keep-data run seeded, instead of seeding. */
    Fleet reuse() throws IOException, InterruptedException {
        report.section("Seeding: reused from " + o.reuse);
        JsonNode state = Api.JSON.readTree(o.reuse.resolve(MasterProcess.STATE).toFile());
        Fleet fleet = new Fleet(Api.JSON.convertValue(state.get("references"), String[].class),
                Api.JSON.convertValue(state.get("credentials"), String[].class));
        if (state.get("partitions").asInt() != o.partitions) {
            throw new IllegalStateException("The kept data has " + state.get("partitions").asInt()
                    + " partitions per computer; give --partitions " + state.get("partitions").asInt());
        }
        if (bench.api().requester("GET", "/api/v1/trees?limit=1", null).size() > 0) {
            throw new IllegalStateException("The kept data already holds trees: keep data with --skip-allocation");
        }
        int seeded = fleet.seeded();
        report.line(String.format("%d computers x %d partitions seeded by an earlier run (see its report for the seeding"
                + " time)", seeded, o.partitions));
        if (o.trees > seeded * o.partitions) {
            o.trees = seeded * o.partitions;
        }
        return fleet;
    }

    private void seedComputer(int i, Fleet fleet, Map<String, ConcurrentHistogram> steps)
            throws IOException, InterruptedException {
        Api api = bench.api();
        String name = String.format("bench-%06d", i + 1);
        long t0 = System.nanoTime();
        String ref = api.requester("POST", "/api/v1/computers", Map.of("name", name, "hostname", name + ".bench.example",
                "region", "region-" + i % 10, "capacity", o.partitions)).get("reference").asText();
        long t1 = Latencies.record(steps.get("create"), t0);
        api.requester("POST", "/api/v1/documents/" + ref + "/actions/open", null);
        long t2 = Latencies.record(steps.get("open"), t1);
        String token = api.requester("POST", "/api/v1/computers/" + ref + "/enrolment-tokens", null).get("token").asText();
        long t3 = Latencies.record(steps.get("enrolment token"), t2);
        String credential = api.node("POST", "/api/node/v1/enrol", Map.of("token", token), null).get("credential")
                .asText();
        long t4 = Latencies.record(steps.get("enrol"), t3);
        List<Map<String, Object>> partitions = new ArrayList<>();
        for (int p = 0; p < o.partitions; p++) {
            partitions.add(Map.of("name", "p" + p, "address",
                    String.format("127.%d.%d.%d", (i >> 8) & 255, i & 255, p + 1), "capabilities", List.of()));
        }
        api.node("PUT", "/api/node/v1/format", Map.of("partitions", partitions), credential);
        Latencies.record(steps.get("format"), t4);
        fleet.references()[i] = ref;
        fleet.credentials()[i] = credential;
    }
}

package org.edgewise.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Master restarted with its allocation sweep running: its first sweep finds the whole backlog placeable.
 * Measured from outside through the trees API and from inside through the Master's own log lines.
 */
final class AllocationSweep {

    private final BenchRun bench;
    private final Options o;
    private final Report report;

    AllocationSweep(BenchRun bench) {
        this.bench = bench;
        this.o = bench.options();
        this.report = bench.report();
    }

    /** Restarts the Master with the sweep and waits until all {@code total} trees have a place, or the timeout. */
    void measure(int total) throws IOException, InterruptedException {
        MasterProcess master = bench.master();
        long restartStart = System.nanoTime();
        long logOffset = master.restart(List.of("--edgewise.allocation.interval=" + o.allocationInterval));
        report.line(String.format("Restarted the Master with the allocation sweep every %s: healthy after %.1f s",
                o.allocationInterval, master.startup.toMillis() / 1000.0));
        AllocationWatch watch = new AllocationWatch(total);
        Thread watcher = new Thread(watch, "allocation-watch");
        watcher.setDaemon(true);
        Cpu.Mark cpu = Cpu.mark(master.watched());
        watch.start = restartStart;
        watcher.start();
        watcher.join(TimeUnit.SECONDS.toMillis(o.allocationTimeoutSeconds) + 60_000);
        watch.stop = true;
        Cpu.Split allocationCpu = Cpu.since(cpu, master.watched());
        Sweeps sweeps = Sweeps.read(master.log, logOffset);
        if (watch.allPlacedAt > 0) {
            double seen = (watch.allPlacedAt - watch.firstPlacedAt) / 1e9;
            report.line(String.format("All %d trees allocated; seen by the trees API: %.1f s from the first placed to"
                    + " the last (probing every %d ms, then counting every tree: up to about %.1f s late)", total, seen,
                    AllocationWatch.PROBE_MILLIS, watch.maxCountSeconds + AllocationWatch.PROBE_MILLIS / 1000.0));
        } else {
            report.line(String.format("NOT all allocated within %d s: %d of %d had a place at the last count",
                    o.allocationTimeoutSeconds, watch.lastCount, total));
        }
        report.line(String.format("The Master's sweeps (from its log): %s", sweeps.describe()));
        report.line("  " + allocationCpu.describe() + " (restart and allocation)");
        report.summaryLine("allocation", watch.allPlacedAt > 0
                ? String.format("%d pending trees placed by the sweep: %s", total, sweeps.describe())
                : "NOT complete within " + o.allocationTimeoutSeconds + " s");
    }

    /** The Master's "Allocated N pending instances in M ms" log lines written since an offset. */
    record Sweeps(long instances, long millis, int count) {

        private static final Pattern LINE =
                Pattern.compile("Allocated (\\d+) pending instances in (\\d+) ms");

        static Sweeps read(Path log, long offset) throws IOException {
            long instances = 0;
            long millis = 0;
            int count = 0;
            try (var in = Files.newInputStream(log)) {
                in.skipNBytes(offset);
                for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    var m = LINE.matcher(l);
                    if (m.find()) {
                        instances += Long.parseLong(m.group(1));
                        millis += Long.parseLong(m.group(2));
                        count++;
                    }
                }
            }
            return new Sweeps(instances, millis, count);
        }

        String describe() {
            return count == 0 ? "no sweep placed anything"
                    : String.format("%d instances in %d sweep%s taking %.2f s in all: %.0f allocations/s", instances,
                            count, count == 1 ? "" : "s", millis / 1000.0, instances * 1000.0 / Math.max(1, millis));
        }
    }

    /** Probes the newest and the oldest tree; once the newest has a place, counts every placed tree. */
    private final class AllocationWatch implements Runnable {
        static final int PROBE_MILLIS = 200;
        final int total;
        volatile boolean stop;
        long start;
        long firstPlacedAt;
        long allPlacedAt;
        long lastCount;
        double maxCountSeconds;

        AllocationWatch(int total) {
            this.total = total;
        }

        @Override
        public void run() {
            Api api = bench.api();
            long deadline = start + TimeUnit.SECONDS.toNanos(o.allocationTimeoutSeconds);
            long lastPrint = System.nanoTime();
            try {
                while (!stop && System.nanoTime() < deadline) {
                    boolean newest = placed(api.requester("GET", "/api/v1/trees?limit=1", null));
                    boolean oldest = placed(api.requester("GET", "/api/v1/trees?limit=1&offset=" + (total - 1), null));
                    long now = System.nanoTime();
                    if (firstPlacedAt == 0 && (newest || oldest)) {
                        firstPlacedAt = now;
                    }
                    if (newest || now - lastPrint > 10_000_000_000L) {
                        long countStart = System.nanoTime();
                        lastCount = countPlaced();
                        maxCountSeconds = Math.max(maxCountSeconds, (System.nanoTime() - countStart) / 1e9);
                        lastPrint = System.nanoTime();
                        System.out.printf("  ... %d of %d trees allocated after %.1f s%n", lastCount, total,
                                (lastPrint - start) / 1e9);
                        if (lastCount > 0 && firstPlacedAt == 0) {
                            firstPlacedAt = countStart;
                        }
                        if (lastCount >= total) {
                            allPlacedAt = countStart;
                            return;
                        }
                    }
                    Thread.sleep(PROBE_MILLIS);
                }
            } catch (IOException e) {
                System.err.println("allocation watch: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private boolean placed(JsonNode page) {
            return page.size() > 0 && !page.get(0).get("place").isNull();
        }

        private long countPlaced() throws IOException, InterruptedException {
            long placed = 0;
            for (int offset = 0; offset < total + 1000; offset += 1000) {
                JsonNode page = bench.api().requester("GET", "/api/v1/trees?limit=1000&offset=" + offset, null);
                for (JsonNode row : page) {
                    if (!row.get("place").isNull()) {
                        placed++;
                    }
                }
                if (page.size() < 1000) {
                    break;
                }
            }
            return placed;
        }
    }
}

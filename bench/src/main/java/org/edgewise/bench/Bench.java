package org.edgewise.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Master under load, end to end over HTTP on localhost: start the packaged Master, seed computers
 * through the public APIs, request a backlog of instance trees, supply their release everywhere and
 * measure how fast a restarted Master's allocation sweep places the backlog, then measure node polls,
 * unchanged (304) and full. Prints a report and writes it to report.txt.
 */
public final class Bench {

    private static final String RELEASE_URL = "file:/opt/edgewise-bench/release-1.0";

    private final Options o;
    private final List<String> report = new ArrayList<>();
    private MasterProcess master;
    private Api api;
    private final Map<String, String> summary = new LinkedHashMap<>();

    // what seeding made, by computer index
    private String[] references;
    private String[] credentials;
    private int seeded;

    private Bench(Options o) {
        this.o = o;
    }

    public static void main(String[] args) throws Exception {
        Path home = home();
        Options o;
        try {
            o = Options.parse(args, home);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println(e.getMessage());
            }
            System.err.print(Options.USAGE);
            System.exit(2);
            return;
        }
        Bench bench = new Bench(o);
        int exit = 0;
        try {
            bench.run();
        } catch (Exception e) {
            bench.line("");
            bench.line("The benchmark stopped: " + e);
            e.printStackTrace();
            exit = 1;
        } finally {
            bench.finish();
        }
        System.exit(exit);
    }

    private void run() throws Exception {
        line("Edgewise Master benchmark, " + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"))
                + ", " + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                + " (Master and load generator share the machine)");
        line(String.format("Settings: %s computers x %d partitions, %d trees, poll runs %d s (+%d s warm-up), "
                + "allocation sweep every %s", o.reuse == null ? Integer.toString(o.computers) : "reused", o.partitions,
                o.trees, o.pollSeconds, o.warmupSeconds, o.allocationInterval));
        // the allocation sweep is held until the backlog is ready (see allocation())
        master = MasterProcess.start(o, List.of("--edgewise.allocation.interval=PT1H",
                "--edgewise.allocation.initial-delay=PT1H"));
        api = new Api(master.url, master.apiToken);
        line(String.format("Master: %s, pid %d, healthy after %.1f s, data in %s, log in %s", master.url, master.pid(),
                master.startup.toMillis() / 1000.0, master.dataDir, master.log));

        if (o.reuse != null) {
            reuse();
        } else {
            String productRef = api.requester("POST", "/api/v1/products", Map.of("name", "Bench product"))
                    .get("reference").asText();
            String releaseRef = api.requester("POST", "/api/v1/releases", Map.of("product", productRef, "url",
                    RELEASE_URL, "version", "1.0", "softwareTypes", List.of("default"))).get("reference").asText();
            api.requester("POST", "/api/v1/documents/" + releaseRef + "/actions/publish", null);
            seed();
            if (o.keepData) {
                saveState();
            }
        }
        if (seeded == 0) {
            throw new IllegalStateException("no computer could be seeded");
        }
        List<PollLoad.Node> nodes = null;
        if (!o.skipAllocation) {
            nodes = allocation();
        }
        if (!o.skipPolls) {
            if (nodes == null) {
                nodes = currentPlans(null).nodes;
            }
            polls(nodes);
        }
    }

    // ---------------------------------------------------------------- seeding

    private void seed() throws InterruptedException {
        section("Seeding through the public APIs");
        int n = o.computers;
        references = new String[n];
        credentials = new String[n];
        Map<String, ConcurrentHistogram> steps = new LinkedHashMap<>();
        for (String s : List.of("create", "open", "enrolment token", "enrol", "format")) {
            steps.put(s, new ConcurrentHistogram(600_000_000L, 3));
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.seedTimeoutSeconds);
        Cpu.Mark cpu = Cpu.mark(master.watched());
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(o.seedClients);
        for (int t = 0; t < o.seedClients; t++) {
            pool.execute(() -> {
                int i;
                while (System.nanoTime() < deadline && (i = next.getAndIncrement()) < n) {
                    try {
                        seedComputer(i, steps);
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
        progress(pool, "seeded", done, n, start);
        double seconds = (System.nanoTime() - start) / 1e9;
        Cpu.Split split = Cpu.since(cpu, master.watched());
        for (int i = 0; i < n; i++) {
            if (credentials[i] != null) {
                seeded++;
            }
        }
        line(String.format("Seeded %d of %d computers (%d partitions each: create, open, enrolment token, enrol, format)"
                + " in %.1f s with %d clients: %.1f computers/s, %.0f API calls/s", seeded, n, o.partitions, seconds,
                o.seedClients, seeded / seconds, 5 * seeded / seconds));
        if (seeded < n) {
            line(String.format("  NOT all seeded: %d failed%s, %d not tried (seed timeout %d s)", failed.get(),
                    firstFailure.get() == null ? "" : " (first: " + firstFailure.get() + ")", n - seeded - failed.get(),
                    o.seedTimeoutSeconds));
        }
        StringBuilder sb = new StringBuilder("  per call, p50 / p99:");
        steps.forEach((name, h) -> sb.append(String.format(" %s %s;", name, p50p99(h))));
        line(sb.substring(0, sb.length() - 1));
        line("  " + split.describe());
        summary.put("seeding", String.format("%d computers x %d partitions in %.1f s (%.1f computers/s)", seeded,
                o.partitions, seconds, seeded / seconds));
    }

    /** Writes what seeding made beside the kept data, for a later --reuse. */
    private void saveState() throws IOException {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("apiToken", master.apiToken);
        state.put("partitions", o.partitions);
        state.put("references", references);
        state.put("credentials", credentials);
        Api.JSON.writeValue(master.root.resolve(MasterProcess.STATE).toFile(), state);
        line("  kept for --reuse " + master.root + (o.skipAllocation ? "" : " (holds the trees of this run too:"
                + " keep data with --skip-allocation to reuse it)"));
    }

    /** Takes the computers a --keep-data run seeded, instead of seeding. */
    private void reuse() throws IOException, InterruptedException {
        section("Seeding: reused from " + o.reuse);
        JsonNode state = Api.JSON.readTree(o.reuse.resolve(MasterProcess.STATE).toFile());
        references = Api.JSON.convertValue(state.get("references"), String[].class);
        credentials = Api.JSON.convertValue(state.get("credentials"), String[].class);
        if (state.get("partitions").asInt() != o.partitions) {
            throw new IllegalStateException("The kept data has " + state.get("partitions").asInt()
                    + " partitions per computer; give --partitions " + state.get("partitions").asInt());
        }
        if (api.requester("GET", "/api/v1/trees?limit=1", null).size() > 0) {
            throw new IllegalStateException("The kept data already holds trees: keep data with --skip-allocation");
        }
        for (String c : credentials) {
            if (c != null) {
                seeded++;
            }
        }
        line(String.format("%d computers x %d partitions seeded by an earlier run (see its report for the seeding time)",
                seeded, o.partitions));
        if (o.trees > seeded * o.partitions) {
            o.trees = seeded * o.partitions;
        }
    }

    private void seedComputer(int i, Map<String, ConcurrentHistogram> steps) throws IOException, InterruptedException {
        String name = String.format("bench-%06d", i + 1);
        long t0 = System.nanoTime();
        String ref = api.requester("POST", "/api/v1/computers", Map.of("name", name, "hostname", name + ".bench.example",
                "region", "region-" + i % 10, "capacity", o.partitions)).get("reference").asText();
        long t1 = record(steps.get("create"), t0);
        api.requester("POST", "/api/v1/documents/" + ref + "/actions/open", null);
        long t2 = record(steps.get("open"), t1);
        String token = api.requester("POST", "/api/v1/computers/" + ref + "/enrolment-tokens", null).get("token").asText();
        long t3 = record(steps.get("enrolment token"), t2);
        String credential = api.node("POST", "/api/node/v1/enrol", Map.of("token", token), null).get("credential")
                .asText();
        long t4 = record(steps.get("enrol"), t3);
        List<Map<String, Object>> partitions = new ArrayList<>();
        for (int p = 0; p < o.partitions; p++) {
            partitions.add(Map.of("name", "p" + p, "address",
                    String.format("127.%d.%d.%d", (i >> 8) & 255, i & 255, p + 1), "capabilities", List.of()));
        }
        api.node("PUT", "/api/node/v1/format", Map.of("partitions", partitions), credential);
        record(steps.get("format"), t4);
        references[i] = ref;
        credentials[i] = credential;
    }

    // ---------------------------------------------------------------- allocation

    private List<PollLoad.Node> allocation() throws Exception {
        section("Allocation of a backlog of tree requests");
        int trees = o.trees;
        int capacity = seeded * o.partitions;
        if (trees > capacity) {
            line(String.format("Only %d partitions for %d trees: requesting %d", capacity, trees, capacity));
            trees = capacity;
        }
        // the requests, before the release is supplied anywhere: they stay pending
        ConcurrentHistogram requestLatency = new ConcurrentHistogram(600_000_000L, 3);
        Set<String> roots = java.util.concurrent.ConcurrentHashMap.newKeySet();
        AtomicInteger placedAtOnce = new AtomicInteger();
        int total = trees;
        Cpu.Mark cpu = Cpu.mark(master.watched());
        long start = System.nanoTime();
        int failedRequests = runParallel("requested", o.treeClients, total, o.allocationTimeoutSeconds, i -> {
            long t0 = System.nanoTime();
            JsonNode answer = api.requester("POST", "/api/v1/trees", treeRequest(i));
            record(requestLatency, t0);
            roots.add(answer.get("root").get("reference").asText());
            if (!answer.get("root").get("partition").isNull()) {
                placedAtOnce.incrementAndGet();
            }
        });
        double requestSeconds = (System.nanoTime() - start) / 1e9;
        Cpu.Split requestCpu = Cpu.since(cpu, master.watched());
        line(String.format("Requested %d trees (release not supplied yet, so all stay pending) in %.1f s with %d clients:"
                + " %.1f tree requests/s, p50 / p99 %s", roots.size(), requestSeconds, o.treeClients,
                roots.size() / requestSeconds, p50p99(requestLatency)));
        if (failedRequests > 0 || placedAtOnce.get() > 0) {
            line(String.format("  %d requests failed, %d placed at once (expected 0)", failedRequests,
                    placedAtOnce.get()));
        }
        line("  " + requestCpu.describe());
        summary.put("tree requests", String.format("%d in %.1f s: %.1f requests/s, p50 / p99 %s", roots.size(),
                requestSeconds, roots.size() / requestSeconds, p50p99(requestLatency)));

        // supply the release on every computer while the sweep is held, so the whole backlog becomes placeable
        cpu = Cpu.mark(master.watched());
        long supplyStart = System.nanoTime();
        ConcurrentHistogram supplyLatency = new ConcurrentHistogram(600_000_000L, 3);
        int failedSupplies = runParallel("supplied", o.supplyClients, references.length, o.allocationTimeoutSeconds, i -> {
            if (references[i] != null) {
                long t0 = System.nanoTime();
                api.requester("POST", "/api/v1/computers/" + references[i] + "/software", Map.of("url", RELEASE_URL));
                record(supplyLatency, t0);
            }
        });
        double supplySeconds = (System.nanoTime() - supplyStart) / 1e9;
        line(String.format("Supplied the release on %d computers in %.1f s with %d clients: %.1f supplies/s, "
                + "p50 / p99 %s%s", seeded, supplySeconds, o.supplyClients, seeded / supplySeconds,
                p50p99(supplyLatency), failedSupplies > 0 ? " (" + failedSupplies + " failed)" : ""));
        line("  " + Cpu.since(cpu, master.watched()).describe());
        summary.put("supplies", String.format("%d in %.1f s: %.1f supplies/s, p50 / p99 %s", seeded, supplySeconds,
                seeded / supplySeconds, p50p99(supplyLatency)));

        // restart the Master with the sweep running: its first sweep finds the whole backlog placeable
        long restartStart = System.nanoTime();
        long logOffset = master.restart(List.of("--edgewise.allocation.interval=" + o.allocationInterval));
        line(String.format("Restarted the Master with the allocation sweep every %s: healthy after %.1f s",
                o.allocationInterval, master.startup.toMillis() / 1000.0));
        AllocationWatch watch = new AllocationWatch(roots.size());
        Thread watcher = new Thread(watch, "allocation-watch");
        watcher.setDaemon(true);
        cpu = Cpu.mark(master.watched());
        watch.start = restartStart;
        watcher.start();
        watcher.join(TimeUnit.SECONDS.toMillis(o.allocationTimeoutSeconds) + 60_000);
        watch.stop = true;
        Cpu.Split allocationCpu = Cpu.since(cpu, master.watched());
        Sweeps sweeps = Sweeps.read(master.log, logOffset);
        if (watch.allPlacedAt > 0) {
            double seen = (watch.allPlacedAt - watch.firstPlacedAt) / 1e9;
            line(String.format("All %d trees allocated; seen by the trees API: %.1f s from the first placed to the last"
                    + " (probing every %d ms, then counting every tree: up to about %.1f s late)", roots.size(), seen,
                    AllocationWatch.PROBE_MILLIS, watch.maxCountSeconds + AllocationWatch.PROBE_MILLIS / 1000.0));
        } else {
            line(String.format("NOT all allocated within %d s: %d of %d had a place at the last count",
                    o.allocationTimeoutSeconds, watch.lastCount, roots.size()));
        }
        line(String.format("The Master's sweeps (from its log): %s", sweeps.describe()));
        line("  " + allocationCpu.describe() + " (restart and allocation)");
        summary.put("allocation", watch.allPlacedAt > 0
                ? String.format("%d pending trees placed by the sweep: %s", roots.size(), sweeps.describe())
                : "NOT complete within " + o.allocationTimeoutSeconds + " s");

        // nothing lost: every tree has one place, no partition holds two, and the nodes' plans agree
        long verifyStart = System.nanoTime();
        Map<String, String> placeByRoot = new HashMap<>();
        Set<String> places = new HashSet<>();
        int duplicatePlaces = 0;
        int listed = 0;
        for (int offset = 0; ; offset += 1000) {
            JsonNode page = api.requester("GET", "/api/v1/trees?limit=1000&offset=" + offset, null);
            for (JsonNode row : page) {
                listed++;
                String place = row.get("place").isNull() ? null : row.get("place").asText();
                placeByRoot.put(row.get("rootReference").asText(), place);
                if (place != null && !places.add(place)) {
                    duplicatePlaces++;
                }
            }
            if (page.size() < 1000 || offset > 10_000_000) {
                break;
            }
        }
        long withPlace = placeByRoot.values().stream().filter(p -> p != null).count();
        Plans plans = currentPlans(roots);
        Set<String> missing = new HashSet<>(roots);
        missing.removeAll(plans.instances);
        line(String.format("Check: the trees API lists %d trees, %d with a place, %d places used twice; the %d nodes' "
                + "plans hold %d instances (%d distinct), %d partitions hold one, %d requested roots are in no plan, %d "
                + "plan instances were never requested (%.1f s to check)", listed, withPlace, duplicatePlaces,
                plans.nodes.size(), plans.instanceCount, plans.instances.size(), plans.busyPartitions, missing.size(),
                plans.unknown, (System.nanoTime() - verifyStart) / 1e9));
        boolean ok = listed == roots.size() && withPlace == roots.size() && duplicatePlaces == 0
                && plans.instanceCount == roots.size() && plans.instances.size() == roots.size() && missing.isEmpty()
                && plans.unknown == 0;
        line("Lost or doubled allocations: " + (ok ? "none" : "YES, see the figures above"));
        summary.put("lost or doubled allocations", ok ? "none" : "YES");
        return plans.nodes;
    }

    private Map<String, Object> treeRequest(int i) {
        return Map.of("title", String.format("bench-tree-%06d", i + 1), "releaseUrl", RELEASE_URL, "softwareType",
                "default", "parameters", Map.of("n", i + 1), "sla", Map.of(), "state", "started");
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
                JsonNode page = api.requester("GET", "/api/v1/trees?limit=1000&offset=" + offset, null);
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

    /** Every seeded computer's plan as its node gets it: the ETags to poll with, and the instances placed. */
    private record Plans(List<PollLoad.Node> nodes, Set<String> instances, long instanceCount, long busyPartitions,
            long unknown) { }

    private Plans currentPlans(Set<String> requested) throws InterruptedException {
        PollLoad.Node[] nodes = new PollLoad.Node[credentials.length];
        Set<String> instances = java.util.concurrent.ConcurrentHashMap.newKeySet();
        AtomicLong instanceCount = new AtomicLong();
        AtomicLong busy = new AtomicLong();
        AtomicLong unknown = new AtomicLong();
        int failed = runParallel("plans read", o.seedClients, credentials.length, 600, i -> {
            if (credentials[i] == null) {
                return;
            }
            Api.Plan plan = api.plan(credentials[i]);
            nodes[i] = new PollLoad.Node(credentials[i], plan.etag());
            for (JsonNode partition : plan.body().get("partitions")) {
                JsonNode instance = partition.get("instance");
                if ("busy".equals(partition.get("state").asText())) {
                    busy.incrementAndGet();
                }
                if (instance != null && !instance.isNull()) {
                    String reference = instance.get("reference").asText();
                    instanceCount.incrementAndGet();
                    instances.add(reference);
                    if (requested != null && !requested.contains(reference)) {
                        unknown.incrementAndGet();
                    }
                }
            }
        });
        if (failed > 0) {
            line("  " + failed + " plans could not be read");
        }
        List<PollLoad.Node> list = new ArrayList<>();
        for (PollLoad.Node n : nodes) {
            if (n != null) {
                list.add(n);
            }
        }
        return new Plans(list, instances, instanceCount.get(), busy.get(), unknown.get());
    }

    // ---------------------------------------------------------------- polls

    private void polls(List<PollLoad.Node> nodes) throws InterruptedException {
        PollLoad load = new PollLoad("127.0.0.1", master.port, nodes, master.watched());
        section("Node polls over HTTP/1.1 keep-alive on localhost, " + nodes.size() + " simulated nodes"
                + " polling in turn" + (o.skipAllocation ? "" : " (after the allocation, so some plans hold instances)"));
        line("Clients: raw = a plain socket per client thread, one request in flight; pipelined = a plain socket"
                + " with " + o.pipelineDepth + " requests in flight; jdk = java.net.http.HttpClient, synchronous"
                + " sends. The Master closes a connection after 100 requests (Tomcat's keep-alive limit); the clients"
                + " reconnect.");
        line("(a) Unchanged polls: If-None-Match with the current ETag, answered 304 from memory");
        jitWarmup(load, true);
        PollLoad.Result best = null;
        for (String mode : o.pollModes) {
            for (int clients : o.pollClients) {
                PollLoad.Result r = load.run(mode, clients, true, o.pipelineDepth, o.warmupSeconds, o.pollSeconds);
                line(describe(r));
                if (r.errors() == 0 && (best == null || r.perSecond() > best.perSecond())) {
                    best = r;
                }
            }
        }
        if (best != null) {
            line(String.format("  Best: %.0f unchanged polls/s (%s client, %d clients), p50 %.2f ms, p99 %.2f ms;"
                    + " target 20000/s: %s", best.perSecond(), best.mode(), best.clients(), best.p50Millis(),
                    best.p99Millis(), best.perSecond() >= 20_000 ? "met" : "NOT met"));
            summary.put("unchanged polls (304)", String.format("%.0f/s, p50 %.2f ms, p99 %.2f ms (%s client, %d clients)",
                    best.perSecond(), best.p50Millis(), best.p99Millis(), best.mode(), best.clients()));
        }
        line("(b) Full polls: no If-None-Match, answered 200 with the plan read from the database");
        jitWarmup(load, false);
        PollLoad.Result bestFull = null;
        for (String mode : o.pollModes) {
            if (mode.equals("pipelined")) {
                continue; // one request in flight per node is what a node does; pipelining says nothing more here
            }
            for (int clients : o.fullClients) {
                PollLoad.Result r = load.run(mode, clients, false, 1, o.warmupSeconds, o.pollSeconds);
                line(describe(r));
                if (r.errors() == 0 && (bestFull == null || r.perSecond() > bestFull.perSecond())) {
                    bestFull = r;
                }
            }
        }
        if (bestFull != null) {
            line(String.format("  Best: %.0f full polls/s (%s client, %d clients), p50 %.2f ms, p99 %.2f ms",
                    bestFull.perSecond(), bestFull.mode(), bestFull.clients(), bestFull.p50Millis(),
                    bestFull.p99Millis()));
            summary.put("full polls (200)", String.format("%.0f/s, p50 %.2f ms, p99 %.2f ms (%s client, %d clients)",
                    bestFull.perSecond(), bestFull.p50Millis(), bestFull.p99Millis(), bestFull.mode(), bestFull.clients()));
        }
    }

    /** Unmeasured polls, so that the Master's JIT compiler has done most of its work before the first run. */
    private void jitWarmup(PollLoad load, boolean conditional) throws InterruptedException {
        if (o.jitWarmupSeconds > 0) {
            int clients = Collections.max(conditional ? o.pollClients : o.fullClients);
            System.out.printf("  ... warming up for %d s (not measured)%n", o.jitWarmupSeconds);
            load.run("raw", clients, conditional, 1, 0, o.jitWarmupSeconds);
        }
    }

    private static String describe(PollLoad.Result r) {
        return String.format("  %-9s %3d clients: %7.0f polls/s, p50 %6.2f ms, p99 %7.2f ms, %d answers in %.0f s"
                + "%s%s%s%s | %s", r.mode(), r.clients(), r.perSecond(), r.p50Millis(), r.p99Millis(), r.answers(),
                r.seconds(), r.changed() > 0 ? ", " + r.changed() + " plans changed" : "",
                r.errors() > 0 ? ", " + r.errors() + " ERRORS (" + r.firstError() + ")" : "",
                r.mode().equals("jdk") ? "" : ", " + r.connects() + " connections",
                r.resent() > 0 ? ", " + r.resent() + " sent again" : "", r.cpu().describe()) + String.format(
                "; Master+PostgreSQL CPU per poll %.0f us", 1e6 * (r.cpu().master() + r.cpu().postgres())
                        / Math.max(1, r.perSecond() * r.cpu().wall()));
    }

    // ---------------------------------------------------------------- helpers

    interface Task {
        void run(int i) throws IOException, InterruptedException;
    }

    /** Runs task(0..n-1) on a fixed pool, bounded in time; returns how many failed. */
    private int runParallel(String what, int clients, int n, int timeoutSeconds, Task task) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int t = 0; t < clients; t++) {
            pool.execute(() -> {
                int i;
                while (System.nanoTime() < deadline && (i = next.getAndIncrement()) < n) {
                    try {
                        task.run(i);
                        done.incrementAndGet();
                    } catch (IOException | RuntimeException e) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, e.getMessage());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
        }
        pool.shutdown();
        progress(pool, what, done, n, start);
        if (firstFailure.get() != null) {
            System.err.println("  first failure (" + what + "): " + firstFailure.get());
        }
        int notTried = Math.max(0, n - done.get() - failed.get());
        return failed.get() + notTried;
    }

    private static void progress(ExecutorService pool, String what, AtomicInteger done, int n, long start)
            throws InterruptedException {
        while (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
            double s = (System.nanoTime() - start) / 1e9;
            System.out.printf("  ... %s %d of %d in %.0f s (%.1f/s)%n", what, done.get(), n, s, done.get() / s);
        }
    }

    private static long record(Histogram h, long since) {
        long now = System.nanoTime();
        h.recordValue(Math.max(1, Math.min((now - since) / 1000, 600_000_000L)));
        return now;
    }

    private static String p50p99(Histogram micros) {
        return String.format("%.1f / %.1f ms", micros.getValueAtPercentile(50) / 1000.0,
                micros.getValueAtPercentile(99) / 1000.0);
    }

    private void section(String title) {
        line("");
        line(title);
    }

    private synchronized void line(String text) {
        report.add(text);
        System.out.println(text);
    }

    private void finish() {
        if (!summary.isEmpty()) {
            section("Summary");
            summary.forEach((k, v) -> line(String.format("  %-28s %s", k + ":", v)));
        }
        if (master != null) {
            master.close();
        }
        try {
            Files.createDirectories(o.report.toAbsolutePath().getParent());
            Files.write(o.report, report);
            System.out.println();
            System.out.println("Report written to " + o.report);
        } catch (IOException e) {
            System.err.println("Could not write " + o.report + ": " + e.getMessage());
        }
    }

    /** The directory this program's jar is in (bench/target), or the working directory. */
    private static Path home() {
        try {
            Path location = Path.of(Bench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(location) ? location.getParent() : Path.of("").toAbsolutePath();
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("").toAbsolutePath();
        }
    }
}

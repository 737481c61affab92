package org.edgewise.bench;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;

/**
 * The Master under load, end to end over HTTP on localhost: start the packaged Master, seed computers
 * through the public APIs ({@link Seeding}), request a backlog of instance trees ({@link TreeRequests}), supply
 * their release everywhere ({@link Supplies}) and measure how fast a restarted Master's allocation sweep places
 * the backlog ({@link AllocationSweep}, {@link AllocationCheck}), then measure node polls, unchanged
 * ({@link UnchangedPolls}) and full ({@link FullPolls}). Prints a {@link Report} and writes it to report.txt.
 */
public final class Bench {

    private final Options o;
    private final Report report = new Report();
    private MasterProcess master;

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
            bench.report.line("");
            bench.report.line("The benchmark stopped: " + e);
            e.printStackTrace();
            exit = 1;
        } finally {
            bench.finish();
        }
        System.exit(exit);
    }

    private void run() throws Exception {
        report.line("Edgewise Master benchmark, " + LocalDateTime.now().format(DateTimeFormatter.ofPattern(
                "yyyy-MM-dd HH:mm")) + ", " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + " (Master and load generator share the machine)");
        report.line(String.format("Settings: %s computers x %d partitions, %d trees, poll runs %d s (+%d s warm-up), "
                + "allocation sweep every %s", o.reuse == null ? Integer.toString(o.computers) : "reused", o.partitions,
                o.trees, o.pollSeconds, o.warmupSeconds, o.allocationInterval));
        // the allocation sweep is held until the backlog is ready (see AllocationSweep)
        master = MasterProcess.start(o, List.of("--edgewise.allocation.interval=PT1H",
                "--edgewise.allocation.initial-delay=PT1H"));
        BenchRun bench = new BenchRun(o, master, new Api(master.url, master.apiToken), report);
        report.line(String.format("Master: %s, pid %d, healthy after %.1f s, data in %s, log in %s", master.url,
                master.pid(), master.startup.toMillis() / 1000.0, master.dataDir, master.log));

        Seeding seeding = new Seeding(bench);
        Fleet fleet;
        if (o.reuse != null) {
            fleet = seeding.reuse();
        } else {
            seeding.publishRelease();
            fleet = seeding.seed();
            if (o.keepData) {
                seeding.saveState(fleet);
            }
        }
        if (fleet.seeded() == 0) {
            throw new IllegalStateException("no computer could be seeded");
        }
        List<PollLoad.Node> nodes = null;
        if (!o.skipAllocation) {
            report.section("Allocation of a backlog of tree requests");
            Set<String> roots = new TreeRequests(bench).request(fleet);
            new Supplies(bench).supply(fleet);
            new AllocationSweep(bench).measure(roots.size());
            nodes = new AllocationCheck(bench).check(roots, fleet);
        }
        if (!o.skipPolls) {
            if (nodes == null) {
                nodes = NodePlans.read(bench, fleet, null).nodes();
            }
            PollLoad load = new PollLoad("127.0.0.1", master.port, nodes, master.watched());
            report.section("Node polls over HTTP/1.1 keep-alive on localhost, " + nodes.size() + " simulated nodes"
                    + " polling in turn" + (o.skipAllocation ? "" : " (after the allocation, so some plans hold"
                            + " instances)"));
            report.line("Clients: raw = a plain socket per client thread, one request in flight; pipelined = a plain"
                    + " socket with " + o.pipelineDepth + " requests in flight; jdk = java.net.http.HttpClient,"
                    + " synchronous sends. The Master closes a connection after 100 requests (Tomcat's keep-alive"
                    + " limit); the clients reconnect.");
            new UnchangedPolls(bench).measure(load);
            new FullPolls(bench).measure(load);
        }
    }

    private void finish() {
        report.summarise();
        if (master != null) {
            master.close();
        }
        report.write(o.report);
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

package org.edgewise.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line: every figure has a default, so a plain run is the full benchmark. */
final class Options {

    Path masterJar;
    Path report;
    Path workDir;
    int computers = 10_000;
    int partitions = 10;
    int trees = 10_000;
    int seedClients = 8;
    int treeClients = 8;
    int supplyClients = 8;
    int pollSeconds = 20;
    int warmupSeconds = 3;
    int jitWarmupSeconds = 15;
    List<Integer> pollClients = List.of(16, 32, 64);
    List<Integer> fullClients = List.of(4, 8, 16);
    List<String> pollModes = List.of("raw", "pipelined", "jdk");
    int pipelineDepth = 8;
    String allocationInterval = "PT0.2S";
    String masterJavaOpts = "";
    int seedTimeoutSeconds = 1800;
    int allocationTimeoutSeconds = 900;
    boolean keepData;
    Path reuse;
    boolean skipAllocation;
    boolean skipPolls;

    static final String USAGE = """
            usage: java -jar edgewise-bench.jar [options]
              --computers N          computers to seed, 10 partitions each (default 10000)
              --partitions N         partitions per computer (default 10)
              --trees N              pending tree requests for the allocation benchmark (default 10000,
                                     at most computers x partitions)
              --seed-clients N       parallel clients while seeding (default 8)
              --tree-clients N       parallel clients requesting trees (default 8)
              --supply-clients N     parallel clients supplying the release (default 8)
              --poll-seconds S       measured seconds per poll run (default 20)
              --warmup-seconds S     unmeasured seconds before each poll run (default 3)
              --jit-warmup-seconds S unmeasured polls before the first unchanged and the first full run, for
                                     the Master's JIT compiler (default 15)
              --poll-clients LIST    concurrent clients for unchanged polls (default 16,32,64)
              --full-clients LIST    concurrent clients for full polls (default 4,8,16)
              --poll-modes LIST      raw, pipelined, jdk (default all three)
              --pipeline N           requests in flight per connection in pipelined mode (default 8)
              --allocation-interval D  the Master's sweep interval, edgewise.allocation.interval (default PT0.2S)
              --master-java-opts S   JVM options for the Master, e.g. "-Xmx4g"
              --master-jar PATH      the packaged Master (default ../../target/edgewise-master.jar from this jar)
              --report PATH          where to write the report (default report.txt beside this jar)
              --seed-timeout S       stop seeding after S seconds and go on with what is seeded (default 1800)
              --allocation-timeout S give up waiting for allocation after S seconds (default 900)
              --skip-allocation      no tree requests and no allocation benchmark
              --skip-polls           no poll benchmark
              --keep-data            keep the Master's data directory afterwards, and what seeding made
                                     (bench-state.json), to start from it later with --reuse
              --reuse DIR            start from the seeded data a --keep-data --skip-allocation run left in DIR
                                     (a copy of it: DIR is not changed) instead of seeding again
            """;

    static Options parse(String[] args, Path home) {
        Options o = new Options();
        o.masterJar = home.resolve("../../target/edgewise-master.jar").normalize();
        o.report = home.resolve("report.txt");
        o.workDir = home;
        boolean treesGiven = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--computers" -> { o.computers = positive(a, v); i++; }
                case "--partitions" -> { o.partitions = positive(a, v); i++; }
                case "--trees" -> { o.trees = positive(a, v); treesGiven = true; i++; }
                case "--seed-clients" -> { o.seedClients = positive(a, v); i++; }
                case "--tree-clients" -> { o.treeClients = positive(a, v); i++; }
                case "--supply-clients" -> { o.supplyClients = positive(a, v); i++; }
                case "--poll-seconds" -> { o.pollSeconds = positive(a, v); i++; }
                case "--warmup-seconds" -> { o.warmupSeconds = nonNegative(a, v); i++; }
                case "--jit-warmup-seconds" -> { o.jitWarmupSeconds = nonNegative(a, v); i++; }
                case "--poll-clients" -> { o.pollClients = list(a, v); i++; }
                case "--full-clients" -> { o.fullClients = list(a, v); i++; }
                case "--poll-modes" -> { o.pollModes = modes(a, v); i++; }
                case "--pipeline" -> { o.pipelineDepth = positive(a, v); i++; }
                case "--allocation-interval" -> { o.allocationInterval = required(a, v); i++; }
                case "--master-java-opts" -> { o.masterJavaOpts = v == null ? "" : v; i++; }
                case "--master-jar" -> { o.masterJar = Path.of(required(a, v)).toAbsolutePath(); i++; }
                case "--report" -> { o.report = Path.of(required(a, v)).toAbsolutePath(); i++; }
                case "--seed-timeout" -> { o.seedTimeoutSeconds = positive(a, v); i++; }
                case "--allocation-timeout" -> { o.allocationTimeoutSeconds = positive(a, v); i++; }
                case "--skip-allocation" -> o.skipAllocation = true;
                case "--skip-polls" -> o.skipPolls = true;
                case "--keep-data" -> o.keepData = true;
                case "--reuse" -> { o.reuse = Path.of(required(a, v)).toAbsolutePath(); i++; }
                case "--help", "-h" -> throw new IllegalArgumentException("");
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (o.computers > 1_000_000 || o.partitions > 1000 || o.pollSeconds > 600 || o.warmupSeconds > 600 || o.jitWarmupSeconds > 600 || o.pipelineDepth > 64
                || o.pollClients.stream().anyMatch(c -> c > 1024) || o.fullClients.stream().anyMatch(c -> c > 1024)) {
            throw new IllegalArgumentException("a figure is beyond the benchmark's bounds");
        }
        if (!treesGiven) {
            o.trees = Math.min(o.trees, o.computers * o.partitions);
        }
        return o;
    }

    private static String required(String option, String value) {
        if (value == null || value.startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    private static int positive(String option, String value) {
        int n = nonNegative(option, value);
        if (n == 0) {
            throw new IllegalArgumentException(option + " needs a number above 0");
        }
        return n;
    }

    private static int nonNegative(String option, String value) {
        try {
            int n = Integer.parseInt(required(option, value).replace("_", ""));
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, not " + value);
        }
    }

    private static List<Integer> list(String option, String value) {
        List<Integer> out = new ArrayList<>();
        for (String part : required(option, value).split(",")) {
            out.add(positive(option, part.strip()));
        }
        return List.copyOf(out);
    }

    private static List<String> modes(String option, String value) {
        List<String> out = new ArrayList<>();
        for (String part : required(option, value).split(",")) {
            String m = part.strip();
            if (!List.of("raw", "pipelined", "jdk").contains(m)) {
                throw new IllegalArgumentException(option + ": raw, pipelined or jdk, not " + m);
            }
            out.add(m);
        }
        return List.copyOf(out);
    }
}

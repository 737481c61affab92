package org.edgewise.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The node's loop: ask the Master what to do (cheaply: ETag, 304), do it, report exactly what happened,
 * and wait the delay the Master asked for plus some jitter. On errors it backs off exponentially, and all
 * the while the services it runs stay up.
 */
final class Agent {

    private static final Logger log = Logger.getLogger(Agent.class.getName());
    static final Duration FULL_PASS = Duration.ofMinutes(5);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    /** How long a stopping node waits for its loop to end once its services are stopped. */
    static final Duration STOP_WAIT = Duration.ofSeconds(20);

    private final NodeConfig config;
    private final Master master;
    private final SoftwareBuilder software;
    private final Supervisor supervisor = new Supervisor();
    private final InstanceRunner runner;
    private final HealthWatch health;
    private final ReleaseTests tests;
    private final UsageReporter usage;
    private volatile boolean running = true;
    private volatile String etag;
    private final Liveness liveness;
    /** The plan last received; the usage meter reads it from its own thread. */
    private volatile Plan plan;
    private Instant lastFullPass = Instant.EPOCH;
    private boolean dirty = true;
    private long pollSeconds = 30;
    private Instant planReceived = Instant.EPOCH;
    private final CountDownLatch finished = new CountDownLatch(1);

    Agent(NodeConfig config, String nodeCommand) {
        this.config = config;
        this.master = new Master(config.master, config.credential);
        this.software = new SoftwareBuilder(config.softwareRoot);
        MasterReports reports = new MasterReports(master);
        this.health = new HealthWatch(reports, Clock.systemUTC(), HealthWatch.REFRESH);
        this.tests = new ReleaseTests(master);
        this.runner = new InstanceRunner(master, reports, software, supervisor, health, tests, nodeCommand);
        this.usage = new UsageReporter(config, master, supervisor, software, () -> plan);
        this.liveness = new Liveness(master, () -> etag);
    }

    /** Creates the partitions' directories and reports them; doing it again changes nothing. */
    static List<Map<String, Object>> format(NodeConfig config, Master master) throws IOException {
        List<Map<String, Object>> partitions = new ArrayList<>();
        for (int i = 0; i < config.partitions; i++) {
            Instantiator.createLayout(config.instanceRoot.resolve("part" + i));
            partitions.add(Map.of("name", "part" + i, "address", config.address(i), "capabilities", List.of()));
        }
        Files.createDirectories(config.softwareRoot);
        master.put("/api/node/v1/format", Map.of("partitions", partitions));
        return partitions;
    }

    /**
     * Polls and works until the process is told to stop (SIGTERM, Ctrl-C): then what the loop was doing is
     * interrupted (a build or a check stops with it), every service is stopped, and only then does the
     * process end, so no service and no command of this node outlives it.
     */
    void run() {
        Thread loop = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(loop), "node shutdown"));
        log.info("Node starting: " + config.partitions + " partitions in " + config.instanceRoot + " on "
                + config.address(0) + " to " + config.address(config.partitions - 1) + ", software in "
                + config.softwareRoot + ", Master at " + config.master + ", usage measured every "
                + config.usageInterval.toSeconds() + " s");
        usage.start();
        health.start();
        liveness.start();
        try {
            loop();
        } finally {
            liveness.stop();
            health.stop();
            tests.stop();
            supervisor.shutdown();
            log.info("Node stopped; the services it ran are stopped");
            finished.countDown();
        }
    }

    private void loop() {
        int failures = 0;
        boolean formatted = false;
        while (running) {
            Duration wait;
            try {
                if (!formatted) {
                    format(config, master);
                    formatted = true;
                    log.info("Formatted: " + config.partitions + " partitions reported to the Master");
                }
                wait = pass();
                if (failures > 0) {
                    log.info("The Master answers again; reporting everything once more");
                    runner.forgetReports();
                    dirty = true;
                }
                failures = 0;
            } catch (IOException e) {
                if (!running) {
                    return;
                }
                failures++;
                // doubling from the poll interval, up to ten polls (a minute at most)
                long cap = Math.min(MAX_BACKOFF.toSeconds(), 10 * pollSeconds);
                long seconds = Math.min(cap, pollSeconds << Math.min(failures, 6));
                wait = Duration.ofSeconds(seconds);
                log.warning("Master unreachable or refusing (" + e.getMessage() + "); services keep running; retry in "
                        + seconds + " s");
            }
            try {
                sleepWithJitter(wait);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One round: poll, then process what changed or check what runs. Returns the delay the Master asked for. */
    Duration pass() throws IOException {
        Master.Answer answer = etag == null ? master.get("/api/node/v1/plan")
                : master.get("/api/node/v1/plan", "If-None-Match", etag);
        boolean changed = answer.status() == 200;
        String next = answer.header("Edgewise-Next-Poll");
        pollSeconds = next == null ? 30 : Math.max(1, Long.parseLong(next));
        liveness.contacted(Duration.ofSeconds(pollSeconds));
        if (changed) {
            plan = Plan.read(answer.body());
            etag = answer.header("ETag");
            planReceived = Instant.now();
            log.info("Plan received: " + describe(plan));
        }
        boolean full = Instant.now().isAfter(lastFullPass.plus(FULL_PASS));
        if (full && !changed) {
            log.info("Polling every " + pollSeconds + " s; plan " + Objects.toString(plan.planVersion(), "?")
                    + " unchanged since " + LocalTime.ofInstant(planReceived, ZoneId.systemDefault())
                            .truncatedTo(ChronoUnit.SECONDS));
        }
        if (changed || dirty || full) {
            dirty = !processAll(full);
            if (full) {
                lastFullPass = Instant.now();
            }
        } else {
            checkAll();
        }
        tests.sendPending();
        return Duration.ofSeconds(pollSeconds);
    }

    /** A plan in one line: its version, and what is asked of each instance and release. */
    private static String describe(Plan plan) {
        List<String> instances = new ArrayList<>();
        for (Plan.Partition partition : plan.partitions()) {
            Plan.Instance instance = partition.instance();
            if (instance != null) {
                instances.add(instance.reference() + " (" + instance.title() + ") " + instance.requestedState() + " in "
                        + partition.name());
            }
        }
        long releases = 0;
        long removed = 0;
        for (Plan.Installation s : plan.software()) {
            if (s.isToRemove()) {
                removed++;
            } else {
                releases++;
            }
        }
        return "version " + Objects.toString(plan.planVersion(), "?") + " for "
                + Objects.toString(plan.computer(), "this node") + ": "
                + (instances.isEmpty() ? "no instances" : String.join(", ", instances)) + "; " + releases
                + (releases == 1 ? " release" : " releases") + (removed == 0 ? "" : ", " + removed + " to remove");
    }

    private boolean processAll(boolean force) throws IOException {
        boolean ok = buildSoftware();
        for (Plan.Partition partition : plan.partitions()) {
            Path dir = config.instanceRoot.resolve(partition.name());
            try {
                ok &= runner.process(dir, partition, force || health.dueForRepair(partition.name()));
            } catch (Master.MasterException e) {
                throw e;
            } catch (IOException e) {
                if (!running) {
                    throw e;
                }
                log.warning("partition " + partition.name() + ": " + e.getMessage());
                ok = false;
            }
        }
        return ok;
    }

    /** Self-repair: processes again each started instance whose promises fail, as often as its backoff allows. */
    private void checkAll() throws IOException {
        for (Plan.Partition partition : plan.partitions()) {
            if (partition.instance() == null || !health.dueForRepair(partition.name())) {
                continue;
            }
            log.warning(partition.instance().reference() + " in " + partition.name() + " fails its check ("
                    + health.health(partition.name()).describe() + "); processing it again");
            runner.process(config.instanceRoot.resolve(partition.name()), partition, true);
        }
    }

    private boolean buildSoftware() throws IOException {
        boolean ok = true;
        for (Plan.Installation s : plan.software()) {
            String url = s.url();
            String reported = s.reportedState();
            if (s.isToRemove()) {
                if (!"destroyed".equals(reported)) {
                    software.remove(url);
                    log.info("Removed " + url);
                    reportSoftware(url, "destroyed", null);
                }
                continue;
            }
            if (software.isBuilt(url)) {
                if (!"available".equals(reported)) {
                    reportSoftware(url, "available", null);
                }
                continue;
            }
            String refusal = software.refusal(url);
            if (refusal != null) {
                if (!"error".equals(reported)) {
                    reportSoftware(url, "error", refusal);
                }
                continue;
            }
            reportSoftware(url, "building", null);
            long started = System.nanoTime();
            log.info("Building " + url + " (log in " + software.log(url) + ")");
            try {
                software.build(url);
                log.info("Built " + url + " in " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s");
                reportSoftware(url, "available", null);
            } catch (Master.MasterException e) {
                throw e;
            } catch (Release.UnsupportedFormat e) {
                // trying again cannot help until the node client is upgraded: not a failure to retry at every poll
                log.warning("Refused " + url + ": " + e.getMessage());
                reportSoftware(url, "error", e.getMessage());
            } catch (IOException e) {
                if (!running) {
                    throw e;
                }
                log.warning("Building " + url + " failed: " + e.getMessage());
                reportSoftware(url, "error", e.getMessage());
                ok = false;
            }
        }
        return ok;
    }

    private void reportSoftware(String url, String state, String message) throws IOException {
        master.put("/api/node/v1/software", message == null ? Map.of("url", url, "state", state)
                : Map.of("url", url, "state", state, "log", message));
        log.info("Reported " + url + " " + state);
    }

    private void sleepWithJitter(Duration wait) throws InterruptedException {
        long millis = wait.toMillis();
        long jitter = millis / 5;
        long total = millis - jitter + (jitter == 0 ? 0 : ThreadLocalRandom.current().nextLong(2 * jitter + 1));
        synchronized (this) {
            if (running) {
                wait(Math.max(100, total)); // woken early by stop()
            }
        }
    }

    /**
     * The shutdown hook: keeps the usage measured until now, ends the loop (interrupting what it does), stops
     * every service, and waits for the loop to be done, so that the process ends only after all that.
     */
    private void stop(Thread loop) {
        log.info("Node stopping: stopping its services");
        usage.stop();
        synchronized (this) {
            running = false;
            notifyAll();
        }
        loop.interrupt();
        health.stop();
        tests.stop();
        supervisor.shutdown();
        try {
            if (!finished.await(STOP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                log.warning("The node's loop did not end within " + STOP_WAIT.toSeconds() + " s; stopping anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package org.edgewise.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The node's loop: ask the Master what to do (cheaply: ETag, 304), do it, report exactly what happened,
 * and wait the delay the Master asked for plus some jitter. On errors it backs off exponentially, and all
 * the while the services it runs stay up.
 */
final class Agent {

    private static final Logger log = Logger.getLogger(Agent.class.getName());
    static final Duration FULL_PASS = Duration.ofMinutes(5);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

    private final NodeConfig config;
    private final Master master;
    private final SoftwareBuilder software;
    private final Supervisor supervisor = new Supervisor();
    private final InstanceRunner runner;
    private volatile boolean running = true;
    private String etag;
    private JsonNode plan;
    private Instant lastFullPass = Instant.EPOCH;
    private boolean dirty = true;
    private long pollSeconds = 30;

    Agent(NodeConfig config, String nodeCommand) {
        this.config = config;
        this.master = new Master(config.master, config.credential);
        this.software = new SoftwareBuilder(config.softwareRoot);
        this.runner = new InstanceRunner(master, software, supervisor, nodeCommand);
    }

    /** Creates the partitions' directories and reports them; doing it again changes nothing. */
    static List<Map<String, Object>> format(NodeConfig config, Master master) throws IOException {
        List<Map<String, Object>> partitions = new ArrayList<>();
        for (int i = 0; i < config.partitions; i++) {
            InstanceRunner.createLayout(config.instanceRoot.resolve("part" + i));
            partitions.add(Map.of("name", "part" + i, "address", config.address(i), "capabilities", List.of()));
        }
        Files.createDirectories(config.softwareRoot);
        master.put("/api/node/v1/format", Map.of("partitions", partitions));
        return partitions;
    }

    void run() throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "node shutdown"));
        int failures = 0;
        boolean formatted = false;
        while (running) {
            Duration wait;
            try {
                if (!formatted) {
                    format(config, master);
                    formatted = true;
                }
                wait = pass();
                if (failures > 0) {
                    log.info("The Master answers again; reporting everything once more");
                    runner.forgetReports();
                    dirty = true;
                }
                failures = 0;
            } catch (IOException e) {
                failures++;
                // doubling from the poll interval, up to ten polls (a minute at most)
                long cap = Math.min(MAX_BACKOFF.toSeconds(), 10 * pollSeconds);
                long seconds = Math.min(cap, pollSeconds << Math.min(failures, 6));
                wait = Duration.ofSeconds(seconds);
                log.warning("Master unreachable or refusing (" + e.getMessage() + "); services keep running; retry in "
                        + seconds + " s");
            }
            sleepWithJitter(wait);
        }
    }

    /** One round: poll, then process what changed or check what runs. Returns the delay the Master asked for. */
    Duration pass() throws IOException {
        Master.Answer answer = etag == null ? master.get("/api/node/v1/plan")
                : master.get("/api/node/v1/plan", "If-None-Match", etag);
        boolean changed = answer.status() == 200;
        if (changed) {
            plan = answer.body();
            etag = answer.header("ETag");
        }
        boolean full = Instant.now().isAfter(lastFullPass.plus(FULL_PASS));
        if (changed || dirty || full) {
            dirty = !processAll(full);
            if (full) {
                lastFullPass = Instant.now();
            }
        } else {
            checkAll();
        }
        String next = answer.header("Edgewise-Next-Poll");
        pollSeconds = next == null ? 30 : Math.max(1, Long.parseLong(next));
        return Duration.ofSeconds(pollSeconds);
    }

    private boolean processAll(boolean force) throws IOException {
        boolean ok = buildSoftware();
        for (JsonNode partition : plan.withArray("partitions")) {
            Path dir = config.instanceRoot.resolve(partition.get("name").asText());
            try {
                ok &= runner.process(dir, partition, force);
            } catch (Master.MasterException e) {
                throw e;
            } catch (IOException e) {
                log.warning("partition " + partition.get("name").asText() + ": " + e.getMessage());
                ok = false;
            }
        }
        return ok;
    }

    private void checkAll() throws IOException {
        for (JsonNode partition : plan.withArray("partitions")) {
            Path dir = config.instanceRoot.resolve(partition.get("name").asText());
            if (runner.check(dir, partition) != null) {
                runner.process(dir, partition, true);
            }
        }
    }

    private boolean buildSoftware() throws IOException {
        boolean ok = true;
        for (JsonNode s : plan.withArray("software")) {
            String url = s.get("url").asText();
            String reported = s.path("reportedState").asText(null);
            if (s.get("requestedState").asText().equals("destroyed")) {
                if (!"destroyed".equals(reported)) {
                    software.remove(url);
                    master.put("/api/node/v1/software", Map.of("url", url, "state", "destroyed"));
                }
                continue;
            }
            if (software.isBuilt(url)) {
                if (!"available".equals(reported)) {
                    master.put("/api/node/v1/software", Map.of("url", url, "state", "available"));
                }
                continue;
            }
            master.put("/api/node/v1/software", Map.of("url", url, "state", "building"));
            try {
                software.build(url);
                master.put("/api/node/v1/software", Map.of("url", url, "state", "available"));
            } catch (Master.MasterException e) {
                throw e;
            } catch (IOException e) {
                log.warning("building " + url + " failed: " + e.getMessage());
                master.put("/api/node/v1/software", Map.of("url", url, "state", "error", "log", e.getMessage()));
                ok = false;
            }
        }
        return ok;
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

    void stop() {
        synchronized (this) {
            running = false;
            notifyAll();
        }
        supervisor.shutdown();
    }
}

package org.edgewise.node;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Facet 9, account: measures the partitions of the current plan every few seconds ({@link UsageMeter}), closes a
 * period once per usage interval into a batch kept in the spool ({@link UsageSpool}), and sends the spool to the
 * Master from a thread of its own, so that neither a slow Master nor the node's loop delays a measurement. Runs
 * while the Master is away: what it measures meanwhile waits in the spool.
 */
final class UsageReporter {

    private static final Logger log = Logger.getLogger(UsageReporter.class.getName());
    /** Memory is sampled at least this often, whatever the usage interval. */
    static final Duration MAX_SAMPLE_INTERVAL = Duration.ofSeconds(10);

    private final Duration interval;
    private final Master master;
    private final Supervisor supervisor;
    private final SoftwareBuilder software;
    private final Path instanceRoot;
    private final Supplier<Plan> plan;
    private final UsageSpool spool;
    private final ScheduledExecutorService measuring = Executors.newSingleThreadScheduledExecutor(daemon("usage meter"));
    private final ExecutorService sending = Executors.newSingleThreadExecutor(daemon("usage sender"));
    private final AtomicBoolean sendQueued = new AtomicBoolean();
    private UsageMeter meter;
    private Instant periodEnd;
    private boolean masterAway;
    private boolean reportedOnce;

    UsageReporter(NodeConfig config, Master master, Supervisor supervisor, SoftwareBuilder software, Supplier<Plan> plan) {
        this.interval = config.usageInterval;
        this.master = master;
        this.supervisor = supervisor;
        this.software = software;
        this.instanceRoot = config.instanceRoot;
        this.plan = plan;
        this.spool = new UsageSpool(config.usageSpool, UsageSpool.computerOf(config.credential));
    }

    /** Starts measuring, and sends at once what an earlier run of the node left in the spool. */
    void start() {
        Map<String, Long> counters;
        try {
            counters = spool.counters();
        } catch (IOException | RuntimeException e) {
            log.warning("Usage counters of the last run unreadable (" + e.getMessage() + "); counting from zero");
            counters = Map.of();
        }
        meter = new UsageMeter(supervisor, counters);
        periodEnd = Instant.now().plus(interval);
        long sample = Math.min(interval.toMillis(), MAX_SAMPLE_INTERVAL.toMillis());
        measuring.scheduleWithFixedDelay(this::tick, 0, sample, TimeUnit.MILLISECONDS);
        sendSoon();
    }

    /**
     * Stops measuring, and keeps the last, shorter period in the spool: the services stop with the node, and the
     * next run sends it.
     */
    void stop() {
        measuring.shutdown();
        sending.shutdownNow();
        try {
            if (measuring.awaitTermination(10, TimeUnit.SECONDS) && meter != null) {
                Instant now = Instant.now();
                meter.sample(subjects(), now);
                keep(meter.close(now), now);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void tick() {
        try {
            Instant now = Instant.now();
            meter.sample(subjects(), now);
            if (!now.isBefore(periodEnd)) {
                keep(meter.close(now), now);
                periodEnd = now.plus(interval);
                sendSoon();
            }
        } catch (RuntimeException e) {
            // the next tick tries again: a measurement must never end the measuring
            log.log(Level.WARNING, "Usage measurement failed: " + e.getMessage(), e);
        }
    }

    private void keep(List<UsageMeter.Record> records, Instant measuredAt) {
        if (records.isEmpty()) {
            return;
        }
        try {
            List<String> ids = spool.add(records, measuredAt);
            spool.keepCounters(meter.counterValues());
            log.fine("Usage measured: " + records.size() + " records in " + ids);
        } catch (IOException e) {
            log.warning("Usage of " + measuredAt + " could not be kept in the spool: " + e.getMessage());
        }
    }

    /** The partitions of the plan that hold an instance, with their services and counters as the release says. */
    private List<UsageMeter.Subject> subjects() {
        Plan current = plan.get();
        if (current == null) {
            return List.of();
        }
        List<UsageMeter.Subject> subjects = new ArrayList<>();
        for (Plan.Partition partition : current.partitions()) {
            Plan.Instance instance = partition.instance();
            if (instance == null) {
                continue;
            }
            List<String> services = List.of();
            Map<String, String> counters = Map.of();
            if (software.isBuilt(instance.releaseUrl())) {
                try {
                    Release.Type type = Release.read(software.directory(instance.releaseUrl())).type(instance.softwareType());
                    services = type.services().keySet().stream().map(s -> partition.name() + "/" + s).sorted().toList();
                    counters = type.usage().counters();
                } catch (IOException e) {
                    log.fine("usage of " + instance.reference() + ": " + e.getMessage());
                }
            }
            subjects.add(new UsageMeter.Subject(partition.name(), instanceRoot.resolve(partition.name()),
                    instance.reference(), services, counters));
        }
        return subjects;
    }

    /** Sends the spool from the sending thread, unless a send is already waiting there. */
    private void sendSoon() {
        if (sendQueued.compareAndSet(false, true)) {
            try {
                sending.execute(this::send);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                sendQueued.set(false); // the node is stopping: the spool waits for its next run
            }
        }
    }

    private void send() {
        sendQueued.set(false);
        try {
            int sent = spool.send(master);
            // said once, and again after an outage; the routine sends only at a finer level
            log.log(sent > 0 && (masterAway || !reportedOnce) ? Level.INFO : Level.FINE, "Usage reported: " + sent
                    + (sent == 1 ? " batch" : " batches") + " sent to the Master"
                    + (masterAway ? " after it could not be reached" : ""));
            reportedOnce |= sent > 0;
            masterAway = false;
        } catch (IOException e) {
            if (!masterAway) {
                log.warning("Usage kept for later: " + e.getMessage());
            }
            masterAway = true;
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}

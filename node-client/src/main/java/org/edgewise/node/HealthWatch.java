package org.edgewise.node;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import org.edgewise.node.PromiseChecker.Health;

/**
 * Facets 6 and 7 on the node, between polls: runs the promises of every started instance, each on its own
 * period and within its own time limit, on threads of its own (a slow promise delays neither the node's loop
 * nor the other instances' promises). The verdict is reported to the Master as the instance's health when it
 * changes and again every {@code refresh}; the instance's state stays {@code started}. An instance whose
 * promises fail is due for repair (its partition processed again) at once, then with a backoff that doubles
 * from {@link #FIRST_REPAIR_BACKOFF} up to {@link #MAX_REPAIR_BACKOFF} while it keeps failing.
 */
final class HealthWatch {

    private static final Logger log = Logger.getLogger(HealthWatch.class.getName());
    static final Duration REFRESH = Duration.ofMinutes(5);
    static final Duration FIRST_REPAIR_BACKOFF = Duration.ofSeconds(30);
    static final Duration MAX_REPAIR_BACKOFF = Duration.ofMinutes(10);
    /** How long a stopping node waits for the promises running at that moment to be stopped. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    /** What to check in one partition: its instance, and its promises with their commands rendered. */
    record Target(String reference, Path dir, Map<String, String> values, Map<String, Release.Promise> promises) { }

    private final MasterReports reports;
    private final Clock clock;
    private final Duration refresh;
    private final ScheduledExecutorService executor;
    /** By partition name. */
    private final Map<String, Watched> watched = new ConcurrentHashMap<>();

    HealthWatch(MasterReports reports, Clock clock, Duration refresh) {
        this.reports = reports;
        this.clock = clock;
        this.refresh = refresh;
        this.executor = Executors.newScheduledThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
            Thread t = new Thread(r, "promises");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts re-sending every instance's health each {@code refresh}, changed or not. */
    void start() {
        executor.scheduleWithFixedDelay(this::refreshAll, refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Watches the started instance of a partition from now on, after its promises were just checked once
     * ({@code checked}); each promise runs next one period later. Watching the same again changes nothing.
     */
    void watch(String partition, Target target, Health checked) {
        Watched w = watched.compute(partition, (name, existing) -> {
            if (existing != null && !existing.cancelled && existing.target.equals(target)) {
                return existing;
            }
            if (existing != null) {
                existing.cancel();
            }
            Watched fresh = new Watched(target);
            if (existing != null && existing.target.reference().equals(target.reference())) {
                fresh.carryRepairsFrom(existing);
            }
            fresh.schedule();
            return fresh;
        });
        w.checkedAll(checked);
    }

    /** Whether this partition's instance is watched as it is now: its promises run and need no check at once. */
    boolean isWatching(String partition, Target target) {
        Watched w = watched.get(partition);
        return w != null && !w.cancelled && w.target.equals(target);
    }

    /**
     * Stops running a partition's promises while its instance is made again, its repairs remembered;
     * {@link #watch} starts them again.
     */
    void hold(String partition) {
        Watched w = watched.get(partition);
        if (w != null) {
            w.cancel();
        }
    }

    /** Stops watching a partition: its instance was stopped, destroyed, or is in error. */
    void forget(String partition) {
        Watched w = watched.remove(partition);
        if (w != null) {
            w.cancel();
        }
    }

    /**
     * Whether the partition's instance fails its promises and its repair is due now; if so, the next repair
     * waits longer.
     */
    boolean dueForRepair(String partition) {
        Watched w = watched.get(partition);
        return w != null && w.repairNow(clock.instant());
    }

    /** The current verdict on a partition's instance, or null when it is not watched. */
    Health health(String partition) {
        Watched w = watched.get(partition);
        return w == null ? null : w.verdict();
    }

    /** Stops every promise, those running now included, and waits until they are stopped. */
    void stop() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(STOP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                log.warning("Promises still running " + STOP_WAIT.toSeconds() + " s after the node began to stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void refreshAll() {
        for (Watched w : watched.values()) {
            w.report(true);
        }
    }

    /** One partition's instance under watch: its promises' last results and its repairs. */
    private final class Watched {
        final Target target;
        /** The last result of each promise, in the release's order. */
        private final Map<String, Health> results = new LinkedHashMap<>();
        private final List<ScheduledFuture<?>> runs = new ArrayList<>();
        private int repairs;
        private Instant nextRepair = Instant.EPOCH;
        private volatile boolean cancelled;
        private final Object reporting = new Object();

        Watched(Target target) {
            this.target = target;
            target.promises().keySet().forEach(name -> results.put(name, Health.HOLDING));
        }

        void schedule() {
            for (Map.Entry<String, Release.Promise> p : target.promises().entrySet()) {
                long period = p.getValue().period().toMillis();
                runs.add(executor.scheduleWithFixedDelay(() -> run(p.getKey(), p.getValue()), period, period,
                        TimeUnit.MILLISECONDS));
            }
        }

        void cancel() {
            cancelled = true;
            runs.forEach(run -> run.cancel(true));
        }

        synchronized void carryRepairsFrom(Watched earlier) {
            synchronized (earlier) {
                repairs = earlier.repairs;
                nextRepair = earlier.nextRepair;
            }
        }

        private void run(String name, Release.Promise promise) {
            Health result;
            try {
                result = PromiseChecker.check(name, Templates.renderCommand(promise.command(), target.values()),
                        promise.timeout(), target.values(), target.dir());
            } catch (IOException e) {
                if (!cancelled && !Thread.currentThread().isInterrupted()) {
                    log.warning(target.reference() + ": promise " + name + " could not run: " + e.getMessage());
                }
                return;
            } catch (Templates.NotReady e) {
                return; // the same values rendered when the instance was processed: cannot happen, nothing to judge
            }
            if (cancelled) {
                return; // the partition was processed again meanwhile: this result is about what was before
            }
            synchronized (this) {
                results.put(name, result);
            }
            report(false);
        }

        /** After a check of every promise that stopped at the first failure: the others are taken as holding. */
        void checkedAll(Health checked) {
            synchronized (this) {
                results.replaceAll((name, before) -> checked.healthy() || !name.equals(checked.promise())
                        ? Health.HOLDING : checked);
            }
            report(false);
        }

        synchronized Health verdict() {
            for (Health h : results.values()) {
                if (!h.healthy()) {
                    return h;
                }
            }
            return Health.HOLDING;
        }

        synchronized boolean repairNow(Instant now) {
            if (verdict().healthy() || now.isBefore(nextRepair)) {
                return false;
            }
            Duration backoff = FIRST_REPAIR_BACKOFF.multipliedBy(1L << Math.min(repairs, 10));
            nextRepair = now.plus(backoff.compareTo(MAX_REPAIR_BACKOFF) > 0 ? MAX_REPAIR_BACKOFF : backoff);
            repairs++;
            return true;
        }

        /**
         * Tells the Master the verdict, unless it already knows it ({@code again}: tell it anyway). One report
         * at a time, so that an older verdict never arrives after a newer one.
         */
        void report(boolean again) {
            synchronized (reporting) {
                Health verdict;
                synchronized (this) {
                    verdict = verdict();
                    if (verdict.healthy()) {
                        repairs = 0;
                        nextRepair = Instant.EPOCH;
                    }
                }
                try {
                    reports.health(target.reference(), verdict, again);
                } catch (IOException e) {
                    if (!cancelled && !Thread.currentThread().isInterrupted()) {
                        log.warning(target.reference() + ": health not reported (" + e.getMessage()
                                + "); told again later");
                    }
                }
            }
        }
    }
}

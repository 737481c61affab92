package org.edgewise.node;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Liveness apart from work: while the node's loop is busy for longer than a poll (building a release for
 * minutes, instantiating a slow service), this thread asks the Master for the plan with the last ETag, a cheap
 * 304 that counts as contact, so the Master never takes a busy node for a silent one and moves its services.
 */
final class Liveness {

    private static final Logger log = Logger.getLogger(Liveness.class.getName());

    private final Master master;
    private final Supplier<String> etag;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "liveness");
        t.setDaemon(true);
        return t;
    });
    private volatile long lastContactNanos = System.nanoTime();
    private volatile long pollNanos = Duration.ofSeconds(30).toNanos();

    Liveness(Master master, Supplier<String> etag) {
        this.master = master;
        this.etag = etag;
    }

    /** The loop was in contact with the Master just now, and polls every {@code poll}. */
    void contacted(Duration poll) {
        pollNanos = poll.toNanos();
        lastContactNanos = System.nanoTime();
    }

    void start() {
        thread.scheduleWithFixedDelay(this::keepInContact, 1, 1, TimeUnit.SECONDS);
    }

    void stop() {
        thread.shutdownNow();
    }

    private void keepInContact() {
        if (System.nanoTime() - lastContactNanos < 2 * pollNanos) {
            return;
        }
        String known = etag.get();
        try {
            if (known == null) {
                master.get("/api/node/v1/plan");
            } else {
                master.get("/api/node/v1/plan", "If-None-Match", known);
            }
            lastContactNanos = System.nanoTime();
        } catch (IOException e) {
            log.fine("liveness: the Master does not answer (" + e.getMessage() + ")");
        }
    }
}

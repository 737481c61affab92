package org.edgewise.bench;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Many API calls from a fixed number of client threads, bounded in time, with progress on the console. */
final class Parallel {

    interface Task {
        void run(int i) throws IOException, InterruptedException;
    }

    private Parallel() {
    }

    /** Runs task(0..n-1) on a fixed pool, bounded in time; returns how many failed. */
    static int run(String what, int clients, int n, int timeoutSeconds, Task task) throws InterruptedException {
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

    /** Waits for the pool to finish, saying every ten seconds how far it got. */
    static void progress(ExecutorService pool, String what, AtomicInteger done, int n, long start)
            throws InterruptedException {
        while (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
            double s = (System.nanoTime() - start) / 1e9;
            System.out.printf("  ... %s %d of %d in %.0f s (%.1f/s)%n", what, done.get(), n, s, done.get() / s);
        }
    }
}

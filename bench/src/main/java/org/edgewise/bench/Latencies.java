package org.edgewise.bench;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** Latencies of API calls in microseconds, up to ten minutes, and how the report shows them. */
final class Latencies {

    private static final long MAX_MICROS = 600_000_000L;

    private Latencies() {
    }

    static ConcurrentHistogram histogram() {
        return new ConcurrentHistogram(MAX_MICROS, 3);
    }

    /** Records the time since {@code since} (System.nanoTime()) and returns now, the start of the next step. */
    static long record(Histogram h, long since) {
        long now = System.nanoTime();
        h.recordValue(Math.max(1, Math.min((now - since) / 1000, MAX_MICROS)));
        return now;
    }

    static String p50p99(Histogram micros) {
        return String.format("%.1f / %.1f ms", micros.getValueAtPercentile(50) / 1000.0,
                micros.getValueAtPercentile(99) / 1000.0);
    }
}

package org.edgewise.monitoring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ToDoubleFunction;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The console's counts as Prometheus gauges ({@code /actuator/prometheus}): {@code edgewise_computers} and
 * {@code edgewise_instances} by status, {@code edgewise_alarms_open} by kind. A scrape reads them all from one
 * count of the database, taken at most every {@link #FRESH} whatever the number of scrapers.
 */
@Component
class MonitoringMetrics implements MeterBinder {

    static final Duration FRESH = Duration.ofSeconds(10);

    private final StatusCounts counts;
    private final Clock clock;
    private StatusCounts.Counts last;
    private Instant lastAt = Instant.MIN;

    MonitoringMetrics(StatusCounts counts, Clock clock) {
        this.counts = counts;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        computers(registry, "in_contact", StatusCounts.Counts::computersInContact);
        computers(registry, "silent", StatusCounts.Counts::computersSilent);
        computers(registry, "closed", StatusCounts.Counts::computersClosed);
        instances(registry, "running", StatusCounts.Counts::instancesRunning);
        instances(registry, "failing", StatusCounts.Counts::instancesFailing);
        instances(registry, "starting", StatusCounts.Counts::instancesStarting);
        instances(registry, "waiting", StatusCounts.Counts::instancesWaiting);
        instances(registry, "stopped", StatusCounts.Counts::instancesStopped);
        instances(registry, "error", StatusCounts.Counts::instancesError);
        for (String kind : StatusCounts.ALARM_KINDS) {
            Gauge.builder("edgewise.alarms.open", this, m -> m.current().openAlarms().getOrDefault(kind, 0))
                    .description("Alarms open now, by kind").tag("kind", kind).register(registry);
        }
    }

    private void computers(MeterRegistry registry, String status, ToDoubleFunction<StatusCounts.Counts> count) {
        Gauge.builder("edgewise.computers", this, m -> count.applyAsDouble(m.current()))
                .description("Open or closed computers, by whether their node is in contact").tag("status", status)
                .register(registry);
    }

    private void instances(MeterRegistry registry, String status, ToDoubleFunction<StatusCounts.Counts> count) {
        Gauge.builder("edgewise.instances", this, m -> count.applyAsDouble(m.current()))
                .description("Instances neither destroyed nor archived, by the status the console shows")
                .tag("status", status).register(registry);
    }

    private synchronized StatusCounts.Counts current() {
        Instant now = clock.instant();
        if (last == null || now.isAfter(lastAt.plus(FRESH)) || now.isBefore(lastAt)) {
            last = counts.now();
            lastAt = now;
        }
        return last;
    }
}

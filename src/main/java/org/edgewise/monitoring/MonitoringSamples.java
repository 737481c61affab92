package org.edgewise.monitoring;

import static org.edgewise.jooq.Tables.MONITORING_SAMPLE;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the counts of {@link StatusCounts} over time, one row per run of the samples job, and forgets rows
 * older than {@code edgewise.monitoring.samples.keep}. Two samples taken at the same second (two Masters
 * meeting, a sample taken on demand) make one row, with the later counts.
 */
@Component
class MonitoringSamples {

    /** One sample as the charts read it. */
    record Sample(OffsetDateTime takenAt, StatusCounts.Counts counts) { }

    private final DSLContext db;
    private final StatusCounts counts;
    private final Clock clock;
    private final Duration keep;

    MonitoringSamples(DSLContext db, StatusCounts counts, Clock clock,
            @Value("${edgewise.monitoring.samples.keep:P30D}") Duration keep) {
        this.db = db;
        this.counts = counts;
        this.clock = clock;
        this.keep = keep;
    }

    @Transactional
    OffsetDateTime take() {
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        StatusCounts.Counts c = counts.now();
        Map<Field<?>, Object> counts = new LinkedHashMap<>();
        counts.put(MONITORING_SAMPLE.COMPUTERS_IN_CONTACT, c.computersInContact());
        counts.put(MONITORING_SAMPLE.COMPUTERS_SILENT, c.computersSilent());
        counts.put(MONITORING_SAMPLE.COMPUTERS_CLOSED, c.computersClosed());
        counts.put(MONITORING_SAMPLE.INSTANCES_RUNNING, c.instancesRunning());
        counts.put(MONITORING_SAMPLE.INSTANCES_FAILING, c.instancesFailing());
        counts.put(MONITORING_SAMPLE.INSTANCES_STARTING, c.instancesStarting());
        counts.put(MONITORING_SAMPLE.INSTANCES_WAITING, c.instancesWaiting());
        counts.put(MONITORING_SAMPLE.INSTANCES_STOPPED, c.instancesStopped());
        counts.put(MONITORING_SAMPLE.INSTANCES_ERROR, c.instancesError());
        counts.put(MONITORING_SAMPLE.ALARMS_OPEN, c.alarmsOpen());
        db.insertInto(MONITORING_SAMPLE).set(MONITORING_SAMPLE.TAKEN_AT, now).set(counts)
                .onConflict(MONITORING_SAMPLE.TAKEN_AT).doUpdate().set(counts)
                .execute();
        db.deleteFrom(MONITORING_SAMPLE).where(MONITORING_SAMPLE.TAKEN_AT.lt(now.minus(keep))).execute();
        return now;
    }

    /** The samples taken since the moment, oldest first. */
    List<Sample> since(OffsetDateTime from) {
        return db.selectFrom(MONITORING_SAMPLE).where(MONITORING_SAMPLE.TAKEN_AT.ge(from))
                .orderBy(MONITORING_SAMPLE.TAKEN_AT)
                .fetch(r -> new Sample(r.getTakenAt(), new StatusCounts.Counts(r.getComputersInContact(),
                        r.getComputersSilent(), r.getComputersClosed(), r.getInstancesRunning(), r.getInstancesFailing(),
                        r.getInstancesStarting(), r.getInstancesWaiting(), r.getInstancesStopped(), r.getInstancesError(),
                        Map.of())));
    }
}

package org.edgewise.monitoring;

import static org.edgewise.jooq.Tables.INSTANCE_HEALTH;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

import org.edgewise.access.Actor;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.FieldChange;
import org.edgewise.document.ValidationException;
import org.edgewise.jooq.tables.records.InstanceHealthRecord;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * An instance's health as its node reports it: whether its promises hold, else which one fails and the last
 * line it printed. One row per instance; {@code since} is when the current verdict began, so it moves only
 * when the verdict flips (healthy ⇄ failing) or another promise is the one failing, and then the instance's
 * timeline says so. A report that repeats the verdict only refreshes the message and when it was checked.
 */
@Component
public class HealthReports {

    /** The longest promise name kept (the column's size). */
    public static final int MAX_PROMISE = 100;
    /** The longest message kept; a longer one keeps its end, where a failure's reason usually is. */
    public static final int MAX_MESSAGE = 2_000;

    /** One instance's health as last reported. */
    public record Health(boolean healthy, String failingPromise, String message, OffsetDateTime since,
            OffsetDateTime checkedAt) {
    }

    private final DSLContext db;
    private final DocumentEngine engine;
    private final Clock clock;

    HealthReports(DSLContext db, DocumentEngine engine, Clock clock) {
        this.db = db;
        this.engine = engine;
        this.clock = clock;
    }

    /**
     * Stores a report of the instance's health. A failing instance names its failing promise; a healthy
     * one names none (a name given with a healthy verdict is ignored).
     */
    @Transactional
    public Health report(long instanceId, boolean healthy, String promise, String message, Actor actor) {
        String failing = healthy ? null : blankToNull(promise);
        if (!healthy && failing == null) {
            throw new ValidationException("promise", "is required when healthy is false: the name of the failing"
                    + " promise.");
        }
        if (failing != null && failing.length() > MAX_PROMISE) {
            throw new ValidationException("promise", "is at most " + MAX_PROMISE + " characters.");
        }
        String kept = message == null || message.length() <= MAX_MESSAGE ? blankToNull(message)
                : message.substring(message.length() - MAX_MESSAGE);
        OffsetDateTime now = OffsetDateTime.now(clock);
        int inserted = db.insertInto(INSTANCE_HEALTH)
                .set(INSTANCE_HEALTH.INSTANCE_ID, instanceId)
                .set(INSTANCE_HEALTH.HEALTHY, healthy)
                .set(INSTANCE_HEALTH.FAILING_PROMISE, failing)
                .set(INSTANCE_HEALTH.MESSAGE, kept)
                .set(INSTANCE_HEALTH.SINCE, now)
                .set(INSTANCE_HEALTH.CHECKED_AT, now)
                .onConflictDoNothing().execute();
        if (inserted == 1) {
            if (!healthy) {
                observe(instanceId, null, failing, kept, actor);
            }
            return new Health(healthy, failing, kept, now, now);
        }
        InstanceHealthRecord before = db.selectFrom(INSTANCE_HEALTH).where(INSTANCE_HEALTH.INSTANCE_ID.eq(instanceId))
                .forUpdate().fetchOne();
        boolean flips = before.getHealthy() != healthy || !Objects.equals(before.getFailingPromise(), failing);
        OffsetDateTime since = flips ? now : before.getSince();
        db.update(INSTANCE_HEALTH)
                .set(INSTANCE_HEALTH.HEALTHY, healthy)
                .set(INSTANCE_HEALTH.FAILING_PROMISE, failing)
                .set(INSTANCE_HEALTH.MESSAGE, kept)
                .set(INSTANCE_HEALTH.SINCE, since)
                .set(INSTANCE_HEALTH.CHECKED_AT, now)
                .where(INSTANCE_HEALTH.INSTANCE_ID.eq(instanceId)).execute();
        if (flips) {
            observe(instanceId, before.getHealthy() ? "Healthy" : failingText(before.getFailingPromise(),
                    before.getMessage()), failing, kept, actor);
        }
        return new Health(healthy, failing, kept, since, now);
    }

    /** The instance's health as last reported, or null before its node reported any. */
    public Health of(long instanceId) {
        return db.selectFrom(INSTANCE_HEALTH).where(INSTANCE_HEALTH.INSTANCE_ID.eq(instanceId))
                .fetchOptional(r -> new Health(r.getHealthy(), r.getFailingPromise(), r.getMessage(), r.getSince(),
                        r.getCheckedAt()))
                .orElse(null);
    }

    private void observe(long instanceId, String before, String failing, String message, Actor actor) {
        String now = failing == null ? "Healthy again" : failingText(failing, message);
        engine.recordObservation(instanceId, List.of(new FieldChange("health", before, now)), actor);
    }

    private static String failingText(String promise, String message) {
        return "Failing: promise " + promise + (message == null ? "" : ": " + message);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}

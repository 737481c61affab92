package org.edgewise.monitoring;

import org.edgewise.computer.Silence;
import static org.edgewise.jooq.Tables.ALARM;
import static org.edgewise.jooq.Tables.COMPUTER;
import static org.edgewise.jooq.Tables.COMPUTER_CONTACT;
import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.INSTANCE;
import static org.edgewise.jooq.Tables.INSTANCE_HEALTH;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.falseCondition;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * Computers and instances counted by the status the console shows them in, and the open alarms: what the
 * samples keep over time and what Prometheus reads now. Each thing counts under one status only.
 */
@Component
class StatusCounts {

    /** The kinds of alarm (the alarm table's check constraint), each with a gauge even while none is open. */
    static final List<String> ALARM_KINDS = List.of("computer_silent", "instance_failing", "build_error", "build_slow",
            "waiting_for_place");

    record Counts(int computersInContact, int computersSilent, int computersClosed, int instancesRunning,
            int instancesFailing, int instancesStarting, int instancesWaiting, int instancesStopped, int instancesError,
            Map<String, Integer> openAlarms) {

        int alarmsOpen() {
            return openAlarms.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final DSLContext db;
    private final Silence silence;

    StatusCounts(DSLContext db, Silence silence) {
        this.db = db;
        this.silence = silence;
    }

    Counts now() {
        OffsetDateTime cut = silence.silentIfContactBefore();
        Condition open = DOCUMENT.STATE.eq("open");
        Condition silent = cut == null ? falseCondition()
                : COMPUTER_CONTACT.LAST_CONTACT_AT.isNull().or(COMPUTER_CONTACT.LAST_CONTACT_AT.lt(cut));
        var computers = db.select(
                        count().filterWhere(open.andNot(silent)),
                        count().filterWhere(open.and(silent)),
                        count().filterWhere(DOCUMENT.STATE.eq("closed")))
                .from(COMPUTER).join(DOCUMENT).on(DOCUMENT.ID.eq(COMPUTER.ID))
                .leftJoin(COMPUTER_CONTACT).on(COMPUTER_CONTACT.COMPUTER_ID.eq(COMPUTER.ID))
                .fetchOne();

        Condition waiting = INSTANCE.SHARED.isTrue().and(INSTANCE.HOST_INSTANCE_ID.isNull())
                .or(INSTANCE.SHARED.isFalse().and(INSTANCE.PARTITION_ID.isNull()));
        Condition placed = waiting.not();
        Condition error = placed.and(INSTANCE.REPORTED_STATE.eq("error"));
        Condition noError = placed.and(INSTANCE.REPORTED_STATE.isNull().or(INSTANCE.REPORTED_STATE.ne("error")));
        Condition askedToRun = DOCUMENT.STATE.eq("started");
        Condition runs = noError.and(askedToRun).and(INSTANCE.REPORTED_STATE.eq("started"));
        Condition failing = runs.and(INSTANCE_HEALTH.HEALTHY.isFalse());
        Condition running = runs.and(INSTANCE_HEALTH.HEALTHY.isNull().or(INSTANCE_HEALTH.HEALTHY.isTrue()));
        Condition starting = noError.and(askedToRun).and(INSTANCE.REPORTED_STATE.isNull()
                .or(INSTANCE.REPORTED_STATE.ne("started")));
        Condition stopped = noError.and(DOCUMENT.STATE.eq("stopped"));
        var instances = db.select(count().filterWhere(running), count().filterWhere(failing),
                        count().filterWhere(starting), count().filterWhere(waiting), count().filterWhere(stopped),
                        count().filterWhere(error))
                .from(INSTANCE).join(DOCUMENT).on(DOCUMENT.ID.eq(INSTANCE.ID))
                .leftJoin(INSTANCE_HEALTH).on(INSTANCE_HEALTH.INSTANCE_ID.eq(INSTANCE.ID))
                .where(DOCUMENT.STATE.in("started", "stopped"))
                .fetchOne();

        Map<String, Integer> alarms = new LinkedHashMap<>();
        ALARM_KINDS.forEach(kind -> alarms.put(kind, 0));
        db.select(ALARM.KIND, count()).from(ALARM).where(ALARM.CLEARED_AT.isNull()).groupBy(ALARM.KIND)
                .forEach(r -> alarms.put(r.value1(), r.value2()));
        return new Counts(computers.value1(), computers.value2(), computers.value3(), instances.value1(),
                instances.value2(), instances.value3(), instances.value4(), instances.value5(), instances.value6(),
                Collections.unmodifiableMap(alarms));
    }

    /** Open alarms at each of the moments: raised by then and not yet cleared. */
    Map<OffsetDateTime, Integer> openAlarmsAt(List<OffsetDateTime> moments) {
        Map<OffsetDateTime, Integer> counts = new LinkedHashMap<>();
        for (OffsetDateTime t : moments) {
            counts.put(t, db.fetchCount(ALARM, ALARM.RAISED_AT.le(t)
                    .and(ALARM.CLEARED_AT.isNull().or(ALARM.CLEARED_AT.gt(t)))));
        }
        return counts;
    }
}

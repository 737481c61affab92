package org.edgewise.monitoring;

import static org.edgewise.jooq.Tables.ALARM;
import static org.edgewise.jooq.Tables.COMPUTER;
import static org.edgewise.jooq.Tables.COMPUTER_CONTACT;
import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.INSTANCE;
import static org.edgewise.jooq.Tables.INSTANCE_HEALTH;
import static org.edgewise.jooq.Tables.SOFTWARE_INSTALLATION;
import static org.edgewise.jooq.Tables.SOFTWARE_RELEASE;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.edgewise.catalog.CatalogWorkflows;
import org.edgewise.computer.ComputerWorkflows;
import org.edgewise.computer.Silence;
import org.edgewise.instance.InstanceWorkflows;
import org.edgewise.support.Severity;
import org.edgewise.support.Tickets;
import org.edgewise.ui.Formats;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Master watching on its own: each pass finds the causes of trouble that hold now (a computer silent, an
 * instance failing past its tolerance, a build in error or taking too long, an instance waiting too long for a
 * place), raises an alarm for each new cause, with a ticket for support, and clears the alarms whose cause went
 * away, resolving their tickets with what changed. One alarm per cause is open at a time, whatever the number of
 * Masters passing at once: the database refuses a second.
 */
@Service
public class Alarms {

    private static final Logger log = LoggerFactory.getLogger(Alarms.class);

    /** Kinds of alarm, as stored. */
    public static final String COMPUTER_SILENT = "computer_silent";
    public static final String INSTANCE_FAILING = "instance_failing";
    public static final String BUILD_ERROR = "build_error";
    public static final String BUILD_SLOW = "build_slow";
    public static final String WAITING_FOR_PLACE = "waiting_for_place";

    /** A cause of trouble that holds now: what it is about, and what the ticket says. */
    record Cause(String kind, long subjectId, String title, String summary, Severity severity) { }

    /** What one pass did. */
    public record Pass(int raised, int cleared) { }

    private static final org.edgewise.jooq.tables.Document COMPUTER_DOC = DOCUMENT.as("computer_doc");
    private static final org.edgewise.jooq.tables.Document RELEASE_DOC = DOCUMENT.as("release_doc");

    private final DSLContext db;
    private final Tickets tickets;
    private final Silence silence;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration failingTolerance;
    private final Duration buildErrorAfter;
    private final Duration buildTooLong;
    private final Duration waitingTooLong;

    Alarms(DSLContext db, Tickets tickets, Silence silence, TransactionTemplate tx, Clock clock,
            @Value("${edgewise.monitoring.failing-tolerance:PT5M}") Duration failingTolerance,
            @Value("${edgewise.monitoring.build-error-after:PT5M}") Duration buildErrorAfter,
            @Value("${edgewise.monitoring.build-too-long:PT30M}") Duration buildTooLong,
            @Value("${edgewise.monitoring.waiting-too-long:PT15M}") Duration waitingTooLong) {
        this.db = db;
        this.tickets = tickets;
        this.silence = silence;
        this.tx = tx;
        this.clock = clock;
        this.failingTolerance = failingTolerance;
        this.buildErrorAfter = buildErrorAfter;
        this.buildTooLong = buildTooLong;
        this.waitingTooLong = waitingTooLong;
    }

    /** One pass over every kind of trouble: raises what is new, clears what went away. */
    public Pass runOnce() {
        Map<String, Cause> now = new LinkedHashMap<>();
        silentComputers(now);
        failingInstances(now);
        builds(now);
        waitingInstances(now);
        int cleared = 0;
        for (var open : db.select(ALARM.ID, ALARM.CAUSE, ALARM.TICKET_ID).from(ALARM).where(ALARM.CLEARED_AT.isNull())
                .fetch()) {
            if (!now.containsKey(open.value2()) && clear(open.value1(), open.value2(), open.value3())) {
                cleared++;
            }
        }
        int raised = 0;
        for (Map.Entry<String, Cause> cause : now.entrySet()) {
            if (raise(cause.getKey(), cause.getValue())) {
                raised++;
            }
        }
        if (raised + cleared > 0) {
            log.info("Alarms: {} raised, {} cleared", raised, cleared);
        }
        return new Pass(raised, cleared);
    }

    /** Raises the alarm of a cause, with its ticket, unless one is open already (here or by another Master). */
    private boolean raise(String cause, Cause c) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            Long id = db.insertInto(ALARM).set(ALARM.CAUSE, cause).set(ALARM.KIND, c.kind())
                    .set(ALARM.SUBJECT_ID, c.subjectId()).set(ALARM.SUMMARY, c.summary())
                    .set(ALARM.RAISED_AT, OffsetDateTime.now(clock))
                    .onConflict(ALARM.CAUSE).where(ALARM.CLEARED_AT.isNull()).doNothing()
                    .returningResult(ALARM.ID).fetchOne(ALARM.ID);
            if (id == null) {
                return false;
            }
            long ticket = tickets.openForAlarm(c.title(), c.summary(), c.severity(), c.subjectId());
            db.update(ALARM).set(ALARM.TICKET_ID, ticket).where(ALARM.ID.eq(id)).execute();
            return true;
        }));
    }

    /** Clears an alarm whose cause went away and resolves its ticket, once, whoever else clears at the same moment. */
    private boolean clear(long id, String cause, Long ticket) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            int cleared = db.update(ALARM).set(ALARM.CLEARED_AT, OffsetDateTime.now(clock))
                    .where(ALARM.ID.eq(id)).and(ALARM.CLEARED_AT.isNull()).execute();
            if (cleared == 0) {
                return false;
            }
            if (ticket != null) {
                tickets.resolveForAlarm(ticket, cleared(cause));
            }
            return true;
        }));
    }

    private String cleared(String cause) {
        String kind = cause.substring(0, cause.indexOf(':'));
        String subject = cause.substring(cause.indexOf(':') + 1);
        return "Cleared on its own at " + Formats.when(OffsetDateTime.now(clock), "") + ": " + switch (kind) {
            case COMPUTER_SILENT -> "the node of " + subject + " is in contact again.";
            case INSTANCE_FAILING -> subject + " is no longer failing (healthy again, stopped or destroyed).";
            case BUILD_ERROR -> "the build " + subject + " no longer fails.";
            case BUILD_SLOW -> "the build " + subject + " is over.";
            default -> subject + " has a place now, or is no longer asked for.";
        };
    }

    /** Open computers whose node has been silent past the threshold (counted from this Master's start at most). */
    private void silentComputers(Map<String, Cause> now) {
        OffsetDateTime cut = silence.silentIfContactBefore();
        if (cut == null) {
            return;
        }
        db.select(DOCUMENT.ID, DOCUMENT.REFERENCE, DOCUMENT.TITLE, COMPUTER_CONTACT.LAST_CONTACT_AT)
                .from(COMPUTER).join(DOCUMENT).on(DOCUMENT.ID.eq(COMPUTER.ID))
                .join(COMPUTER_CONTACT).on(COMPUTER_CONTACT.COMPUTER_ID.eq(COMPUTER.ID))
                .where(DOCUMENT.STATE.eq(ComputerWorkflows.OPEN)).and(COMPUTER_CONTACT.LAST_CONTACT_AT.lt(cut))
                .forEach(r -> now.put(COMPUTER_SILENT + ":" + r.value2(), new Cause(COMPUTER_SILENT, r.value1(),
                        r.value2() + " silent since " + Formats.when(r.value4(), ""),
                        "The node of " + r.value2() + " (" + r.value3() + ") has not been in contact since "
                                + Formats.when(r.value4(), "") + ", longer than " + minutes(silence.threshold())
                                + ". It takes no new instances; its movable instances are placed on other computers.",
                        Severity.HIGH)));
    }

    /** Instances asked to run whose promises have failed, or whose node reported an error, for longer than the tolerance. */
    private void failingInstances(Map<String, Cause> now) {
        OffsetDateTime cut = OffsetDateTime.now(clock).minus(failingTolerance);
        var failingSince = DSL.when(INSTANCE_HEALTH.HEALTHY.isFalse(), INSTANCE_HEALTH.SINCE).otherwise(INSTANCE.REPORTED_AT);
        var message = DSL.when(INSTANCE_HEALTH.HEALTHY.isFalse(), DSL.concat(DSL.inline("promise "),
                INSTANCE_HEALTH.FAILING_PROMISE, DSL.inline(": "), INSTANCE_HEALTH.MESSAGE)).otherwise(INSTANCE.ERROR_LOG);
        db.select(DOCUMENT.ID, DOCUMENT.REFERENCE, DOCUMENT.TITLE, failingSince, message)
                .from(INSTANCE).join(DOCUMENT).on(DOCUMENT.ID.eq(INSTANCE.ID))
                .leftJoin(INSTANCE_HEALTH).on(INSTANCE_HEALTH.INSTANCE_ID.eq(INSTANCE.ID))
                .where(DOCUMENT.STATE.eq(InstanceWorkflows.STARTED)).and(INSTANCE.PARTITION_ID.isNotNull())
                .and(INSTANCE_HEALTH.HEALTHY.isFalse().and(INSTANCE.REPORTED_STATE.eq(InstanceWorkflows.STARTED))
                        .and(INSTANCE_HEALTH.SINCE.lt(cut))
                        .or(INSTANCE.REPORTED_STATE.eq(InstanceWorkflows.ERROR).and(INSTANCE.REPORTED_AT.lt(cut))))
                .forEach(r -> now.put(INSTANCE_FAILING + ":" + r.value2(), new Cause(INSTANCE_FAILING, r.value1(),
                        r.value2() + " (" + r.value3() + ") failing since " + Formats.when(r.value4(), ""),
                        r.value2() + " (" + r.value3() + ") has been failing since " + Formats.when(r.value4(), "")
                                + ", longer than " + minutes(failingTolerance) + ": " + lastLine(r.value5()),
                        Severity.HIGH)));
    }

    /** Installations asked for whose build has failed past its tolerance, or has been building too long. */
    private void builds(Map<String, Cause> now) {
        OffsetDateTime errorCut = OffsetDateTime.now(clock).minus(buildErrorAfter);
        OffsetDateTime slowCut = OffsetDateTime.now(clock).minus(buildTooLong);
        db.select(DOCUMENT.ID, DOCUMENT.REFERENCE, COMPUTER_DOC.REFERENCE, SOFTWARE_RELEASE.URL,
                        SOFTWARE_INSTALLATION.REPORTED_STATE, SOFTWARE_INSTALLATION.FAILING_SINCE,
                        SOFTWARE_INSTALLATION.BUILDING_SINCE, SOFTWARE_INSTALLATION.BUILD_ATTEMPTS,
                        SOFTWARE_INSTALLATION.ERROR_LOG)
                .from(SOFTWARE_INSTALLATION).join(DOCUMENT).on(DOCUMENT.ID.eq(SOFTWARE_INSTALLATION.ID))
                .join(COMPUTER_DOC).on(COMPUTER_DOC.ID.eq(SOFTWARE_INSTALLATION.COMPUTER_ID))
                .join(SOFTWARE_RELEASE).on(SOFTWARE_RELEASE.ID.eq(SOFTWARE_INSTALLATION.RELEASE_ID))
                .where(DOCUMENT.STATE.eq(CatalogWorkflows.AVAILABLE))
                .and(SOFTWARE_INSTALLATION.FAILING_SINCE.lt(errorCut)
                        .or(SOFTWARE_INSTALLATION.REPORTED_STATE.eq(CatalogWorkflows.BUILDING)
                                .and(SOFTWARE_INSTALLATION.BUILDING_SINCE.lt(slowCut))))
                .forEach(r -> {
                    String what = r.value4() + " on " + r.value3() + " (" + r.value2() + ")";
                    if (r.value6() != null && r.value6().isBefore(errorCut)) {
                        now.put(BUILD_ERROR + ":" + r.value2(), new Cause(BUILD_ERROR, r.value1(),
                                "Build failing on " + r.value3() + " since " + Formats.when(r.value6(), ""),
                                "Building " + what + " has failed since " + Formats.when(r.value6(), "") + " ("
                                        + r.value8() + (r.value8() == 1 ? " attempt" : " attempts") + "): "
                                        + lastLine(r.value9()), Severity.NORMAL));
                    } else {
                        now.put(BUILD_SLOW + ":" + r.value2(), new Cause(BUILD_SLOW, r.value1(),
                                "Build on " + r.value3() + " running since " + Formats.when(r.value7(), ""),
                                "Building " + what + " has been running since " + Formats.when(r.value7(), "")
                                        + ", longer than " + minutes(buildTooLong) + ".", Severity.LOW));
                    }
                });
    }

    /** Instances asked to run that have waited for a place longer than they should. */
    private void waitingInstances(Map<String, Cause> now) {
        OffsetDateTime cut = OffsetDateTime.now(clock).minus(waitingTooLong);
        db.select(DOCUMENT.ID, DOCUMENT.REFERENCE, DOCUMENT.TITLE, DOCUMENT.CREATED_AT, INSTANCE.ALLOCATION_NOTE)
                .from(INSTANCE).join(DOCUMENT).on(DOCUMENT.ID.eq(INSTANCE.ID))
                .where(DOCUMENT.STATE.eq(InstanceWorkflows.STARTED)).and(DOCUMENT.CREATED_AT.lt(cut))
                .and(INSTANCE.SHARED.isFalse().and(INSTANCE.PARTITION_ID.isNull())
                        .or(INSTANCE.SHARED.isTrue().and(INSTANCE.HOST_INSTANCE_ID.isNull())))
                .forEach(r -> now.put(WAITING_FOR_PLACE + ":" + r.value2(), new Cause(WAITING_FOR_PLACE, r.value1(),
                        r.value2() + " (" + r.value3() + ") waiting for a place",
                        r.value2() + " (" + r.value3() + ") has waited for a place since " + Formats.when(r.value4(), "")
                                + ", longer than " + minutes(waitingTooLong) + ": "
                                + (r.value5() == null ? "no computer fits it yet." : r.value5()), Severity.NORMAL)));
    }

    /** Open alarms, newest first: what the monitoring page lists. */
    public record Open(String kind, String subject, String summary, OffsetDateTime raisedAt, String ticket) { }

    public List<Open> open() {
        var subject = DOCUMENT.as("subject_doc");
        var ticket = DOCUMENT.as("ticket_doc");
        return db.select(ALARM.KIND, subject.REFERENCE, ALARM.SUMMARY, ALARM.RAISED_AT, ticket.REFERENCE).from(ALARM)
                .join(subject).on(subject.ID.eq(ALARM.SUBJECT_ID)).leftJoin(ticket).on(ticket.ID.eq(ALARM.TICKET_ID))
                .where(ALARM.CLEARED_AT.isNull()).orderBy(ALARM.RAISED_AT.desc())
                .fetch(r -> new Open(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    private static String minutes(Duration d) {
        return Formats.age(d);
    }

    private static String lastLine(String log) {
        return Formats.errorLine(log, 300);
    }
}

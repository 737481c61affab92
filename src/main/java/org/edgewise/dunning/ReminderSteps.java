package org.edgewise.dunning;

import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.INVOICE;
import static org.edgewise.jooq.Tables.REMINDER;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.edgewise.access.Actor;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.jooq.tables.records.ReminderRecord;
import org.edgewise.mail.Outbox;
import org.edgewise.party.Organisations;
import org.edgewise.payment.InvoiceStates;
import org.edgewise.payment.Money;
import org.edgewise.payment.Receivables;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The steps of dunning, each for one invoice or one reminder in a transaction of its own. A step locks its
 * row and checks again, under the lock, that it is still due: a row another Master holds is skipped (it is
 * taking that step), and a step already taken is no longer due, so each step happens once however many
 * Masters run at the same moment. An invoice has at most one reminder open (a unique index stands behind
 * the check). Each step the customer must hear of is mailed to them (see {@link #mail}) in its transaction.
 */
@Component
class ReminderSteps {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
    private static final org.edgewise.jooq.tables.Document INVOICE_DOCUMENT = DOCUMENT.as("invoice_document");

    private final DSLContext db;
    private final DocumentEngine engine;
    private final Receivables receivables;
    private final DunningSettings settings;
    private final Outbox outbox;
    private final Organisations organisations;
    private final Clock clock;
    private final ZoneId zone;

    ReminderSteps(DSLContext db, DocumentEngine engine, Receivables receivables, DunningSettings settings,
            Outbox outbox, Organisations organisations, Clock clock,
            @Value("${edgewise.billing.zone:Europe/Paris}") ZoneId zone) {
        this.db = db;
        this.engine = engine;
        this.receivables = receivables;
        this.settings = settings;
        this.outbox = outbox;
        this.organisations = organisations;
        this.clock = clock;
        this.zone = zone;
    }

    /** Issued invoices past their due date (today in the billing time zone) without an open reminder. */
    List<Long> overdueInvoices() {
        return db.select(INVOICE.ID).from(INVOICE).join(DOCUMENT).on(DOCUMENT.ID.eq(INVOICE.ID))
                .where(overdue(today())).orderBy(INVOICE.DUE_ON, INVOICE.ID).fetch(INVOICE.ID);
    }

    List<Long> settledInvoices() {
        return reminders(paidButOpen());
    }

    List<Long> stopNoticesDue() {
        return reminders(stopNoticeDue(now()));
    }

    List<Long> stopsDue() {
        return reminders(stopDue(now()));
    }

    List<Long> destructionNoticesDue() {
        return reminders(destructionNoticeDue(now()));
    }

    List<Long> destructionsDue() {
        return reminders(destructionDue(now()));
    }

    /** The open reminders of an invoice (at most one). */
    List<Long> openRemindersOf(long invoiceId) {
        return reminders(REMINDER.INVOICE_ID.eq(invoiceId).and(REMINDER.CLOSED_AT.isNull()));
    }

    /** Opens the reminder of an overdue invoice and sends it: opened → reminded, on the customer's timeline too. */
    @Transactional
    boolean open(long invoiceId) {
        OffsetDateTime now = now();
        if (db.select(INVOICE.ID).from(INVOICE).where(INVOICE.ID.eq(invoiceId)).forUpdate().skipLocked().fetchOne() == null) {
            return false;
        }
        // read again now that the row is held, so that a reminder another Master just opened is seen
        var invoice = db.select(INVOICE.CUSTOMER_ID, DOCUMENT.NUMBER, DOCUMENT.REFERENCE, INVOICE.DUE_ON,
                        INVOICE.CURRENCY)
                .from(INVOICE).join(DOCUMENT).on(DOCUMENT.ID.eq(INVOICE.ID))
                .where(INVOICE.ID.eq(invoiceId).and(overdue(LocalDate.ofInstant(now.toInstant(), zone))))
                .fetchOne();
        if (invoice == null) {
            return false;
        }
        BigDecimal due = receivables.stillDue(invoiceId);
        if (due.signum() <= 0) {
            return false;
        }
        long customerId = invoice.value1();
        String number = invoice.value2() == null ? invoice.value3() : invoice.value2();
        OffsetDateTime stopAt = now.plus(settings.stopAfter());
        Document reminder = engine.create(DunningWorkflows.TYPE, number + " is overdue", customerId, Actor.system());
        db.insertInto(REMINDER)
                .set(REMINDER.ID, reminder.id())
                .set(REMINDER.INVOICE_ID, invoiceId)
                .set(REMINDER.CUSTOMER_ID, customerId)
                .set(REMINDER.REMINDED_AT, now)
                .set(REMINDER.STOP_AT, stopAt)
                .execute();
        String text = number + " (" + Money.format(due, invoice.value5()) + " still due) was due on "
                + DAY.format(invoice.value4()) + " and is not paid. Services will be stopped on " + day(stopAt)
                + " unless it is paid.";
        engine.apply(reminder.id(), DunningWorkflows.REMIND, Actor.system(), text);
        engine.comment(customerId, reminder.reference() + ": " + text, Actor.system());
        mail(customerId, reminder.reference(), "Reminder: invoice " + number + " is overdue", text);
        return true;
    }

    /** Announces the stop, on the reminder and the customer; a late announcement moves the stop to give the whole notice. */
    @Transactional
    boolean announceStop(long reminderId) {
        OffsetDateTime now = now();
        ReminderRecord reminder = lock(reminderId, stopNoticeDue(now));
        if (reminder == null) {
            return false;
        }
        OffsetDateTime stopAt = latest(reminder.getStopAt(), now.plus(settings.notice()));
        db.update(REMINDER).set(REMINDER.STOP_AT, stopAt).set(REMINDER.STOP_ANNOUNCED_AT, now)
                .where(REMINDER.ID.eq(reminderId)).execute();
        announce(reminder, "Services will be stopped on " + day(stopAt) + " unless " + invoiceOf(reminder)
                + " is paid.");
        return true;
    }

    /** Stops the customer's services: reminded → services stopped, whose effect stops them. */
    @Transactional
    boolean stop(long reminderId) {
        OffsetDateTime now = now();
        ReminderRecord reminder = lock(reminderId, stopDue(now));
        if (reminder == null) {
            return false;
        }
        OffsetDateTime destroyAt = now.plus(settings.destroyAfter());
        db.update(REMINDER).set(REMINDER.STOPPED_AT, now).set(REMINDER.DESTROY_AT, destroyAt)
                .where(REMINDER.ID.eq(reminderId)).execute();
        String invoice = invoiceOf(reminder);
        String text = "Services stopped for non-payment of " + invoice + ": they will be destroyed on "
                + day(destroyAt) + " unless it is paid.";
        engine.apply(reminderId, DunningWorkflows.STOP_SERVICES, Actor.system(), text);
        mail(reminder.getCustomerId(), referenceOf(reminderId), "Services stopped: invoice " + invoice + " is unpaid",
                text);
        return true;
    }

    /** Announces the destruction, on the reminder and the customer; late, it moves the destruction likewise. */
    @Transactional
    boolean announceDestruction(long reminderId) {
        OffsetDateTime now = now();
        ReminderRecord reminder = lock(reminderId, destructionNoticeDue(now));
        if (reminder == null) {
            return false;
        }
        OffsetDateTime destroyAt = latest(reminder.getDestroyAt(), now.plus(settings.notice()));
        db.update(REMINDER).set(REMINDER.DESTROY_AT, destroyAt).set(REMINDER.DESTROY_ANNOUNCED_AT, now)
                .where(REMINDER.ID.eq(reminderId)).execute();
        announce(reminder, "Services will be destroyed on " + day(destroyAt) + " unless " + invoiceOf(reminder)
                + " is paid.");
        return true;
    }

    /** Destroys the services the reminder stopped: services stopped → services destroyed, whose effect does it. */
    @Transactional
    boolean destroy(long reminderId) {
        ReminderRecord reminder = lock(reminderId, destructionDue(now()));
        if (reminder == null) {
            return false;
        }
        String invoice = invoiceOf(reminder);
        String text = "Services destroyed for non-payment of " + invoice + ".";
        engine.apply(reminderId, DunningWorkflows.DESTROY_SERVICES, Actor.system(), text);
        mail(reminder.getCustomerId(), referenceOf(reminderId), "Services destroyed: invoice " + invoice
                + " is unpaid", text);
        return true;
    }

    /**
     * Settles the reminder once its invoice is no longer issued (paid, or credited): its effect starts the
     * services again. It runs after the paying transaction committed, so in a transaction of its own; it waits
     * for a step another thread is taking on the reminder, so that a stop in progress is undone.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    boolean settle(long reminderId) {
        db.select(REMINDER.ID).from(REMINDER).where(REMINDER.ID.eq(reminderId)).forUpdate().fetchOne();
        ReminderRecord reminder = db.selectFrom(REMINDER).where(REMINDER.ID.eq(reminderId).and(paidButOpen()))
                .fetchOne();
        if (reminder == null) {
            return false;
        }
        String state = db.select(DOCUMENT.STATE).from(DOCUMENT).where(DOCUMENT.ID.eq(reminder.getInvoiceId()))
                .fetchSingle(DOCUMENT.STATE);
        engine.apply(reminderId, DunningWorkflows.SETTLE, Actor.system(), invoiceOf(reminder) + " is " + state + ".");
        return true;
    }

    private Condition overdue(LocalDate today) {
        return DOCUMENT.DOC_TYPE.eq(InvoiceStates.INVOICE).and(DOCUMENT.STATE.eq(InvoiceStates.ISSUED))
                .and(INVOICE.DUE_ON.lt(today))
                .andNotExists(DSL.selectOne().from(REMINDER).where(REMINDER.INVOICE_ID.eq(INVOICE.ID)
                        .and(REMINDER.CLOSED_AT.isNull())));
    }

    private static Condition paidButOpen() {
        return REMINDER.CLOSED_AT.isNull().andExists(DSL.selectOne().from(INVOICE_DOCUMENT)
                .where(INVOICE_DOCUMENT.ID.eq(REMINDER.INVOICE_ID).and(INVOICE_DOCUMENT.STATE.ne(InvoiceStates.ISSUED))));
    }

    private Condition stopNoticeDue(OffsetDateTime now) {
        return in(DunningWorkflows.REMINDED).and(REMINDER.STOP_ANNOUNCED_AT.isNull())
                .and(REMINDER.STOP_AT.le(now.plus(settings.notice())));
    }

    private static Condition stopDue(OffsetDateTime now) {
        return in(DunningWorkflows.REMINDED).and(REMINDER.STOP_ANNOUNCED_AT.isNotNull()).and(REMINDER.STOP_AT.le(now));
    }

    private Condition destructionNoticeDue(OffsetDateTime now) {
        return in(DunningWorkflows.SERVICES_STOPPED).and(REMINDER.DESTROY_ANNOUNCED_AT.isNull())
                .and(REMINDER.DESTROY_AT.le(now.plus(settings.notice())));
    }

    private static Condition destructionDue(OffsetDateTime now) {
        return in(DunningWorkflows.SERVICES_STOPPED).and(REMINDER.DESTROY_ANNOUNCED_AT.isNotNull())
                .and(REMINDER.DESTROY_AT.le(now));
    }

    /** An open reminder in this state; the state is the reminder document's, read beside its row. */
    private static Condition in(String state) {
        return REMINDER.CLOSED_AT.isNull().andExists(DSL.selectOne().from(DOCUMENT)
                .where(DOCUMENT.ID.eq(REMINDER.ID).and(DOCUMENT.STATE.eq(state))));
    }

    private List<Long> reminders(Condition condition) {
        return db.select(REMINDER.ID).from(REMINDER).where(condition).orderBy(REMINDER.ID).fetch(REMINDER.ID);
    }

    /**
     * The reminder, locked, if it is still due for the step; null when another Master holds it or it is not.
     * The step is checked in a statement of its own once the row is held, so that it sees what the Master
     * that held it before did.
     */
    private ReminderRecord lock(long reminderId, Condition due) {
        if (db.select(REMINDER.ID).from(REMINDER).where(REMINDER.ID.eq(reminderId)).forUpdate().skipLocked()
                .fetchOne() == null) {
            return null;
        }
        return db.selectFrom(REMINDER).where(REMINDER.ID.eq(reminderId).and(due)).fetchOne();
    }

    private void announce(ReminderRecord reminder, String text) {
        engine.comment(reminder.getId(), text, Actor.system());
        String reference = referenceOf(reminder.getId());
        engine.comment(reminder.getCustomerId(), reference + ": " + text, Actor.system());
        mail(reminder.getCustomerId(), reference, "Reminder: invoice " + invoiceOf(reminder) + " is still unpaid", text);
    }

    private String referenceOf(long documentId) {
        return db.select(DOCUMENT.REFERENCE).from(DOCUMENT).where(DOCUMENT.ID.eq(documentId))
                .fetchSingle(DOCUMENT.REFERENCE);
    }

    /**
     * Tells the customer by e-mail, the unpaid invoice attached (printed when the mail is sent). A customer
     * without any address is told on their timeline only, as every step already is.
     */
    private void mail(long customerId, String reminderReference, String subject, String text) {
        for (String recipient : organisations.mailRecipients(customerId)) {
            outbox.queue(new Outbox.Mail(recipient, subject, "Hello,\n\n" + text + "\n\nIf you paid already, "
                    + "thank you, and please ignore this mail. The invoice is attached.\n",
                    Outbox.REMINDER, reminderReference));
        }
    }

    private String invoiceOf(ReminderRecord reminder) {
        return db.select(DOCUMENT.NUMBER, DOCUMENT.REFERENCE).from(DOCUMENT).where(DOCUMENT.ID.eq(reminder.getInvoiceId()))
                .fetchSingle(r -> r.value1() == null ? r.value2() : r.value1());
    }

    private String day(OffsetDateTime at) {
        return DAY.format(at.atZoneSameInstant(zone));
    }

    private static OffsetDateTime latest(OffsetDateTime a, OffsetDateTime b) {
        return a.isAfter(b) ? a : b;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}

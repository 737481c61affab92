package org.edgewise.dunning;

import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.DUNNING_STOPPED_TREE;
import static org.edgewise.jooq.Tables.REMINDER;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.edgewise.access.Actor;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.DocumentNotFoundException;
import org.edgewise.document.DocumentQueries;
import org.edgewise.document.PageRequest;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reminders as their list and page show them: the invoice, the customer, the dunning's dates, the trees held. */
@Service
public class Reminders {

    public record Row(long id, String reference, String title, String state, String invoice, String customerReference,
            String customerName, OffsetDateTime remindedAt, OffsetDateTime stopAt, OffsetDateTime stoppedAt,
            OffsetDateTime destroyAt, OffsetDateTime closedAt) { }

    /** A tree the reminder stopped, and what became of it. */
    public record HeldTree(String reference, String title, String state, OffsetDateTime stoppedAt, String outcome) { }

    private static final org.edgewise.jooq.tables.Document INVOICE = DOCUMENT.as("invoice");
    private static final org.edgewise.jooq.tables.Document CUSTOMER = DOCUMENT.as("customer");
    private static final Map<String, Field<?>> SORT = Map.of("reference", DOCUMENT.ID, "state", DOCUMENT.STATE,
            "customer", CUSTOMER.TITLE, "invoice", INVOICE.NUMBER, "reminded", REMINDER.REMINDED_AT,
            "stop", REMINDER.STOP_AT);

    private final DSLContext db;
    private final DocumentEngine engine;

    Reminders(DSLContext db, DocumentEngine engine) {
        this.db = db;
        this.engine = engine;
    }

    @Transactional(readOnly = true)
    public List<Row> page(PageRequest page, Actor actor) {
        engine.requireMayRead(DunningWorkflows.TYPE, actor);
        return select().where(visible(page, actor)).orderBy(page.sortFields(SORT, DOCUMENT.ID.desc()))
                .offset(page.offset()).limit(page.limit()).fetch(Reminders::toRow);
    }

    @Transactional(readOnly = true)
    public int count(PageRequest page, Actor actor) {
        engine.requireMayRead(DunningWorkflows.TYPE, actor);
        return db.fetchCount(select().where(visible(page, actor)));
    }

    @Transactional(readOnly = true)
    public Row get(String reference, Actor actor) {
        Document doc = engine.get(reference, actor);
        return select().where(DOCUMENT.ID.eq(doc.id())).fetchOptional(Reminders::toRow)
                .orElseThrow(() -> new DocumentNotFoundException(reference));
    }

    /** The trees the reminder stopped, whether they are held still, started again, destroyed or handed over. */
    @Transactional(readOnly = true)
    public List<HeldTree> heldTrees(long reminderId, Actor actor) {
        engine.get(reminderId, actor);
        return db.select(DOCUMENT.REFERENCE, DOCUMENT.TITLE, DOCUMENT.STATE, DUNNING_STOPPED_TREE.STOPPED_AT,
                        DUNNING_STOPPED_TREE.OUTCOME)
                .from(DUNNING_STOPPED_TREE).join(DOCUMENT).on(DOCUMENT.ID.eq(DUNNING_STOPPED_TREE.TREE_ID))
                .where(DUNNING_STOPPED_TREE.REMINDER_ID.eq(reminderId)).orderBy(DOCUMENT.ID)
                .fetch(r -> new HeldTree(r.value1(), r.value2(), r.value3(), r.value4(),
                        r.value5() == null ? "held" : r.value5().replace('_', ' ')));
    }

    private static Condition visible(PageRequest page, Actor actor) {
        return DocumentQueries.visibleList(DunningWorkflows.TYPE, actor, page, CUSTOMER.TITLE, INVOICE.NUMBER);
    }

    private SelectOnConditionStep<Record> select() {
        return db.select(List.of(DOCUMENT.ID, DOCUMENT.REFERENCE, DOCUMENT.TITLE, DOCUMENT.STATE, INVOICE.NUMBER,
                        INVOICE.REFERENCE, CUSTOMER.REFERENCE, CUSTOMER.TITLE, REMINDER.REMINDED_AT, REMINDER.STOP_AT,
                        REMINDER.STOPPED_AT, REMINDER.DESTROY_AT, REMINDER.CLOSED_AT))
                .from(DOCUMENT).join(REMINDER).on(REMINDER.ID.eq(DOCUMENT.ID))
                .join(INVOICE).on(INVOICE.ID.eq(REMINDER.INVOICE_ID))
                .join(CUSTOMER).on(CUSTOMER.ID.eq(REMINDER.CUSTOMER_ID));
    }

    private static Row toRow(Record r) {
        String invoice = r.get(INVOICE.NUMBER) == null ? r.get(INVOICE.REFERENCE) : r.get(INVOICE.NUMBER);
        return new Row(r.get(DOCUMENT.ID), r.get(DOCUMENT.REFERENCE), r.get(DOCUMENT.TITLE), r.get(DOCUMENT.STATE),
                invoice, r.get(CUSTOMER.REFERENCE), r.get(CUSTOMER.TITLE), r.get(REMINDER.REMINDED_AT),
                r.get(REMINDER.STOP_AT), r.get(REMINDER.STOPPED_AT), r.get(REMINDER.DESTROY_AT),
                r.get(REMINDER.CLOSED_AT));
    }
}

package org.edgewise.voucher;

import static org.edgewise.jooq.Tables.DOCUMENT;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.edgewise.access.Actor;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.DocumentNotFoundException;
import org.edgewise.document.DocumentQueries;
import org.edgewise.document.PageRequest;
import org.edgewise.document.ValidationException;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The voucher's own table beside its document row; every change goes through the engine. */
@Service
public class Vouchers {

    private static final Table<?> VOUCHER = DSL.table(DSL.name("voucher"));
    private static final Field<Long> ID = DSL.field(DSL.name("voucher", "id"), SQLDataType.BIGINT);
    private static final Field<Long> AMOUNT = DSL.field(DSL.name("amount_minor"), SQLDataType.BIGINT);
    private static final Field<String> CURRENCY = DSL.field(DSL.name("currency"), SQLDataType.CHAR(3));

    public record Voucher(String reference, String number, String state, long amountMinor, String currency) { }

    /** A voucher as its list shows it. */
    public record Row(long id, String reference, String number, String title, String state, long amountMinor,
            String currency) { }

    private static final Map<String, Field<?>> SORT = Map.of("reference", DOCUMENT.ID, "number", DOCUMENT.NUMBER,
            "name", DOCUMENT.TITLE, "state", DOCUMENT.STATE, "amount", AMOUNT);

    private final DSLContext db;
    private final DocumentEngine engine;

    Vouchers(DSLContext db, DocumentEngine engine) {
        this.db = db;
        this.engine = engine;
    }

    @Transactional
    public Document create(String title, long amountMinor, String currency, Actor actor) {
        engine.requireMayCreate(VoucherWorkflows.TYPE, null, actor);
        if (amountMinor <= 0) {
            throw new ValidationException("amountMinor", "An amount must be more than zero.");
        }
        Document doc = engine.create(VoucherWorkflows.TYPE, title, null, actor);
        db.insertInto(VOUCHER).set(ID, doc.id()).set(AMOUNT, amountMinor).set(CURRENCY, currency).execute();
        return doc;
    }

    @Transactional(readOnly = true)
    public List<Row> page(PageRequest page, Actor actor) {
        return select().where(DocumentQueries.visibleList(VoucherWorkflows.TYPE, actor, page))
                .orderBy(page.sortFields(SORT, DOCUMENT.ID.desc()))
                .offset(page.offset()).limit(page.limit())
                .fetch(Vouchers::toRow);
    }

    @Transactional(readOnly = true)
    public int count(PageRequest page, Actor actor) {
        return db.fetchCount(select().where(DocumentQueries.visibleList(VoucherWorkflows.TYPE, actor, page)));
    }

    @Transactional(readOnly = true)
    public Row get(String reference, Actor actor) {
        Document doc = engine.get(reference, actor);
        return select().where(DOCUMENT.ID.eq(doc.id())).fetchOptional(Vouchers::toRow)
                .orElseThrow(() -> new DocumentNotFoundException(reference));
    }

    private SelectOnConditionStep<Record> select() {
        return db.select(List.of(DOCUMENT.ID, DOCUMENT.REFERENCE, DOCUMENT.NUMBER, DOCUMENT.TITLE, DOCUMENT.STATE,
                AMOUNT, CURRENCY)).from(DOCUMENT).join(VOUCHER).on(ID.eq(DOCUMENT.ID));
    }

    private static Row toRow(Record r) {
        return new Row(r.get(DOCUMENT.ID), r.get(DOCUMENT.REFERENCE), r.get(DOCUMENT.NUMBER), r.get(DOCUMENT.TITLE),
                r.get(DOCUMENT.STATE), r.get(AMOUNT), r.get(CURRENCY));
    }

    @Transactional(readOnly = true)
    public Optional<Voucher> find(String reference, Actor actor) {
        Document doc = engine.get(reference, actor);
        return db.select(AMOUNT, CURRENCY).from(VOUCHER).where(ID.eq(doc.id()))
                .fetchOptional(r -> new Voucher(doc.reference(), doc.number(), doc.state(), r.value1(), r.value2()));
    }
}

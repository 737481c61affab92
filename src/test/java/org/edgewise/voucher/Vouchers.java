package org.edgewise.voucher;

import java.util.Optional;

import org.edgewise.access.Actor;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.ValidationException;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The voucher's own table beside its document row; every change goes through the engine. */
@Service
public class Vouchers {

    private static final Table<?> VOUCHER = DSL.table(DSL.name("voucher"));
    private static final Field<Long> ID = DSL.field(DSL.name("id"), SQLDataType.BIGINT);
    private static final Field<Long> AMOUNT = DSL.field(DSL.name("amount_minor"), SQLDataType.BIGINT);
    private static final Field<String> CURRENCY = DSL.field(DSL.name("currency"), SQLDataType.CHAR(3));

    public record Voucher(String reference, String number, String state, long amountMinor, String currency) { }

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
    public Optional<Voucher> find(String reference, Actor actor) {
        Document doc = engine.get(reference, actor);
        return db.select(AMOUNT, CURRENCY).from(VOUCHER).where(ID.eq(doc.id()))
                .fetchOptional(r -> new Voucher(doc.reference(), doc.number(), doc.state(), r.value1(), r.value2()));
    }
}

package org.edgewise.billing;

import static org.edgewise.jooq.Tables.CREDIT_NOTE;
import static org.edgewise.jooq.Tables.CREDIT_NOTE_LINE;
import static org.edgewise.jooq.Tables.CREDIT_NOTE_TAX;
import static org.edgewise.jooq.Tables.DOCUMENT;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStepN;
import org.jooq.Record3;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** The rows of a credit note, and what the credit notes of an invoice have credited so far. */
@Repository
class CreditNoteStore {

    record Header(long id, long invoiceId, long customerId, String currency, LocalDate issuedOn, String reason,
            BigDecimal net, BigDecimal tax, BigDecimal gross) { }

    record NoteLine(long invoiceLineId, int position, String description, BigDecimal quantity, String unit,
            BigDecimal unitPrice, BigDecimal net, BigDecimal taxRate) { }

    /** How much of an invoice line credit notes took: its quantity and its net. */
    record Credited(BigDecimal quantity, BigDecimal net) {
        static final Credited NOTHING = new Credited(BigDecimal.ZERO, BigDecimal.ZERO);
    }

    private final DSLContext db;

    CreditNoteStore(DSLContext db) {
        this.db = db;
    }

    void insert(long id, long invoiceId, long customerId, String currency, String reason) {
        db.insertInto(CREDIT_NOTE)
                .set(CREDIT_NOTE.ID, id)
                .set(CREDIT_NOTE.INVOICE_ID, invoiceId)
                .set(CREDIT_NOTE.CUSTOMER_ID, customerId)
                .set(CREDIT_NOTE.CURRENCY, currency)
                .set(CREDIT_NOTE.REASON, reason)
                .execute();
    }

    Optional<Header> header(long id) {
        return db.selectFrom(CREDIT_NOTE).where(CREDIT_NOTE.ID.eq(id)).fetchOptional(r -> new Header(r.getId(),
                r.getInvoiceId(), r.getCustomerId(), r.getCurrency(), r.getIssuedOn(), r.getReason(),
                r.getNetTotal(), r.getTaxTotal(), r.getGrossTotal()));
    }

    void insertLines(long creditNoteId, List<NoteLine> lines) {
        InsertValuesStepN<?> insert = db.insertInto(CREDIT_NOTE_LINE, List.of(CREDIT_NOTE_LINE.CREDIT_NOTE_ID,
                CREDIT_NOTE_LINE.INVOICE_LINE_ID, CREDIT_NOTE_LINE.POSITION, CREDIT_NOTE_LINE.DESCRIPTION,
                CREDIT_NOTE_LINE.QUANTITY, CREDIT_NOTE_LINE.UNIT, CREDIT_NOTE_LINE.UNIT_PRICE,
                CREDIT_NOTE_LINE.NET_AMOUNT, CREDIT_NOTE_LINE.TAX_RATE));
        for (NoteLine line : lines) {
            insert = insert.values(creditNoteId, line.invoiceLineId(), line.position(), line.description(),
                    line.quantity(), line.unit(), line.unitPrice(), line.net(), line.taxRate());
        }
        insert.execute();
    }

    List<NoteLine> lines(long creditNoteId) {
        return db.selectFrom(CREDIT_NOTE_LINE).where(CREDIT_NOTE_LINE.CREDIT_NOTE_ID.eq(creditNoteId))
                .orderBy(CREDIT_NOTE_LINE.POSITION)
                .fetch(r -> new NoteLine(r.getInvoiceLineId(), r.getPosition(), r.getDescription(), r.getQuantity(),
                        r.getUnit(), r.getUnitPrice(), r.getNetAmount(), InvoiceTotals.rate(r.getTaxRate())));
    }

    void writeTotals(long creditNoteId, InvoiceTotals.Totals totals) {
        db.deleteFrom(CREDIT_NOTE_TAX).where(CREDIT_NOTE_TAX.CREDIT_NOTE_ID.eq(creditNoteId)).execute();
        InsertValuesStepN<?> insert = db.insertInto(CREDIT_NOTE_TAX, List.of(CREDIT_NOTE_TAX.CREDIT_NOTE_ID,
                CREDIT_NOTE_TAX.TAX_RATE, CREDIT_NOTE_TAX.NET_AMOUNT, CREDIT_NOTE_TAX.TAX_AMOUNT));
        for (InvoiceTotals.RateTotal rate : totals.rates()) {
            insert = insert.values(creditNoteId, rate.taxRate(), rate.net(), rate.tax());
        }
        insert.execute();
        db.update(CREDIT_NOTE)
                .set(CREDIT_NOTE.NET_TOTAL, totals.net())
                .set(CREDIT_NOTE.TAX_TOTAL, totals.tax())
                .set(CREDIT_NOTE.GROSS_TOTAL, totals.gross())
                .where(CREDIT_NOTE.ID.eq(creditNoteId))
                .execute();
    }

    List<InvoiceTotals.RateTotal> taxes(long creditNoteId, String currency) {
        return db.selectFrom(CREDIT_NOTE_TAX).where(CREDIT_NOTE_TAX.CREDIT_NOTE_ID.eq(creditNoteId))
                .orderBy(CREDIT_NOTE_TAX.TAX_RATE)
                .fetch(r -> new InvoiceTotals.RateTotal(InvoiceTotals.rate(r.getTaxRate()),
                        InvoiceTotals.inMinorUnits(r.getNetAmount(), currency),
                        InvoiceTotals.inMinorUnits(r.getTaxAmount(), currency)));
    }

    void setIssuedOn(long creditNoteId, LocalDate issuedOn) {
        db.update(CREDIT_NOTE).set(CREDIT_NOTE.ISSUED_ON, issuedOn).where(CREDIT_NOTE.ID.eq(creditNoteId)).execute();
    }

    /** What the invoice's credit notes in these states, but {@code except}, credited of each of its lines. */
    Map<Long, Credited> credited(long invoiceId, List<String> states, long except) {
        return db.select(CREDIT_NOTE_LINE.INVOICE_LINE_ID, DSL.sum(CREDIT_NOTE_LINE.QUANTITY),
                        DSL.sum(CREDIT_NOTE_LINE.NET_AMOUNT))
                .from(CREDIT_NOTE_LINE)
                .join(CREDIT_NOTE).on(CREDIT_NOTE.ID.eq(CREDIT_NOTE_LINE.CREDIT_NOTE_ID))
                .join(DOCUMENT).on(DOCUMENT.ID.eq(CREDIT_NOTE.ID))
                .where(notes(invoiceId, states, except))
                .groupBy(CREDIT_NOTE_LINE.INVOICE_LINE_ID)
                .fetchMap(Record3::value1, r -> new Credited(r.value2(), r.value3()));
    }

    /** The tax per rate the invoice's credit notes in these states, but {@code except}, took. */
    Map<BigDecimal, BigDecimal> taxTaken(long invoiceId, List<String> states, long except) {
        return db.select(CREDIT_NOTE_TAX.TAX_RATE, DSL.sum(CREDIT_NOTE_TAX.TAX_AMOUNT))
                .from(CREDIT_NOTE_TAX)
                .join(CREDIT_NOTE).on(CREDIT_NOTE.ID.eq(CREDIT_NOTE_TAX.CREDIT_NOTE_ID))
                .join(DOCUMENT).on(DOCUMENT.ID.eq(CREDIT_NOTE.ID))
                .where(notes(invoiceId, states, except))
                .groupBy(CREDIT_NOTE_TAX.TAX_RATE)
                .fetchMap(r -> InvoiceTotals.rate(r.value1()), r -> r.value2());
    }

    /** The gross the invoice's credit notes in these states, but {@code except}, credited. */
    BigDecimal grossCredited(long invoiceId, List<String> states, long except) {
        BigDecimal sum = db.select(DSL.sum(CREDIT_NOTE.GROSS_TOTAL)).from(CREDIT_NOTE)
                .join(DOCUMENT).on(DOCUMENT.ID.eq(CREDIT_NOTE.ID))
                .where(notes(invoiceId, states, except))
                .fetchOne(0, BigDecimal.class);
        return sum == null ? BigDecimal.ZERO : sum;
    }

    private static Condition notes(long invoiceId, List<String> states, long except) {
        return CREDIT_NOTE.INVOICE_ID.eq(invoiceId).and(DOCUMENT.STATE.in(states)).and(CREDIT_NOTE.ID.ne(except));
    }
}

package org.edgewise.billing;

import static org.edgewise.jooq.Tables.INVOICE;
import static org.edgewise.jooq.Tables.INVOICE_CANDIDATE;
import static org.edgewise.jooq.Tables.INVOICE_LINE;
import static org.edgewise.jooq.Tables.INVOICE_TAX;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import org.edgewise.database.ArrayPairs;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** The rows of an invoice: its header, its lines, its tax per rate, and the candidates its lines charge. */
@Repository
class InvoiceStore {

    /** A line as it is written. */
    record NewLine(String description, Long subscriptionId, OffsetDateTime periodStart, OffsetDateTime periodEnd,
            BigDecimal quantity, String unit, BigDecimal unitPrice, BigDecimal net, BigDecimal taxRate) { }

    /** A line as it is stored, with whether an invoice candidate went into it. */
    record StoredLine(long id, int position, String description, Long subscriptionId, OffsetDateTime periodStart,
            OffsetDateTime periodEnd, BigDecimal quantity, String unit, BigDecimal unitPrice, BigDecimal net,
            BigDecimal taxRate, boolean charged) { }

    record Header(long id, long customerId, Long runId, String currency, OffsetDateTime periodStart,
            OffsetDateTime periodEnd, LocalDate issuedOn, LocalDate dueOn, String paymentReference, BigDecimal net,
            BigDecimal tax, BigDecimal gross) { }

    /** Whether a candidate went into the line. */
    private static final Field<Boolean> CHARGED = DSL.field(DSL.exists(DSL.selectOne().from(INVOICE_CANDIDATE)
            .where(INVOICE_CANDIDATE.INVOICE_LINE_ID.eq(INVOICE_LINE.ID)))).as("charged");

    private final DSLContext db;

    InvoiceStore(DSLContext db) {
        this.db = db;
    }

    void insertInvoice(long id, long customerId, Long runId, String currency, OffsetDateTime periodStart,
            OffsetDateTime periodEnd, String paymentReference) {
        db.insertInto(INVOICE)
                .set(INVOICE.ID, id)
                .set(INVOICE.CUSTOMER_ID, customerId)
                .set(INVOICE.RUN_ID, runId)
                .set(INVOICE.CURRENCY, currency)
                .set(INVOICE.PERIOD_START, periodStart)
                .set(INVOICE.PERIOD_END, periodEnd)
                .set(INVOICE.PAYMENT_REFERENCE, paymentReference)
                .execute();
    }

    Optional<Header> header(long id) {
        return db.selectFrom(INVOICE).where(INVOICE.ID.eq(id)).fetchOptional(r -> new Header(r.getId(),
                r.getCustomerId(), r.getRunId(), r.getCurrency(), r.getPeriodStart(), r.getPeriodEnd(),
                r.getIssuedOn(), r.getDueOn(), r.getPaymentReference(), r.getNetTotal(), r.getTaxTotal(),
                r.getGrossTotal()));
    }

    /** Locks the invoice's own row until the transaction ends: its credit notes are made and issued one at a time. */
    void lock(long id) {
        db.select(INVOICE.ID).from(INVOICE).where(INVOICE.ID.eq(id)).forUpdate().execute();
    }

    /** Writes the lines from position {@code first} on, in one statement; answers their ids in the same order. */
    List<Long> insertLines(long invoiceId, int first, List<NewLine> lines) {
        InsertValuesStepN<?> insert = db.insertInto(INVOICE_LINE, List.of(INVOICE_LINE.INVOICE_ID,
                INVOICE_LINE.POSITION, INVOICE_LINE.DESCRIPTION, INVOICE_LINE.SUBSCRIPTION_ID,
                INVOICE_LINE.PERIOD_START, INVOICE_LINE.PERIOD_END, INVOICE_LINE.QUANTITY, INVOICE_LINE.UNIT,
                INVOICE_LINE.UNIT_PRICE, INVOICE_LINE.NET_AMOUNT, INVOICE_LINE.TAX_RATE));
        int position = first;
        for (NewLine line : lines) {
            insert = insert.values(invoiceId, position++, line.description(), line.subscriptionId(),
                    line.periodStart(), line.periodEnd(), line.quantity(), line.unit(), line.unitPrice(), line.net(),
                    line.taxRate());
        }
        Map<Integer, Long> idByPosition = insert.returningResult(INVOICE_LINE.POSITION, INVOICE_LINE.ID)
                .fetchMap(INVOICE_LINE.POSITION, INVOICE_LINE.ID);
        return IntStream.range(first, first + lines.size()).mapToObj(idByPosition::get).toList();
    }

    /** Records which line each candidate went into, in one statement. */
    void charge(List<Long> candidateIds, List<Long> lineIds) {
        ArrayPairs pairs = new ArrayPairs("charged", "candidate_id", candidateIds.toArray(Long[]::new), "line_id",
                lineIds.toArray(Long[]::new));
        db.update(INVOICE_CANDIDATE)
                .set(INVOICE_CANDIDATE.INVOICE_LINE_ID, pairs.second(Long.class))
                .from(pairs.table())
                .where(INVOICE_CANDIDATE.ID.eq(pairs.first(Long.class)))
                .execute();
    }

    /** Gives the candidates of these lines back to the next run. */
    void freeCandidates(List<Long> lineIds) {
        db.update(INVOICE_CANDIDATE)
                .setNull(INVOICE_CANDIDATE.INVOICE_LINE_ID)
                .where(INVOICE_CANDIDATE.INVOICE_LINE_ID.eq(DSL.any(lineIds.toArray(Long[]::new))))
                .execute();
    }

    List<StoredLine> lines(long invoiceId) {
        return db.select(List.of(INVOICE_LINE.ID, INVOICE_LINE.POSITION, INVOICE_LINE.DESCRIPTION,
                        INVOICE_LINE.SUBSCRIPTION_ID, INVOICE_LINE.PERIOD_START, INVOICE_LINE.PERIOD_END,
                        INVOICE_LINE.QUANTITY, INVOICE_LINE.UNIT, INVOICE_LINE.UNIT_PRICE, INVOICE_LINE.NET_AMOUNT,
                        INVOICE_LINE.TAX_RATE, CHARGED))
                .from(INVOICE_LINE)
                .where(INVOICE_LINE.INVOICE_ID.eq(invoiceId))
                .orderBy(INVOICE_LINE.POSITION)
                .fetch(InvoiceStore::toLine);
    }

    Optional<StoredLine> line(long invoiceId, long lineId) {
        return db.select(List.of(INVOICE_LINE.ID, INVOICE_LINE.POSITION, INVOICE_LINE.DESCRIPTION,
                        INVOICE_LINE.SUBSCRIPTION_ID, INVOICE_LINE.PERIOD_START, INVOICE_LINE.PERIOD_END,
                        INVOICE_LINE.QUANTITY, INVOICE_LINE.UNIT, INVOICE_LINE.UNIT_PRICE, INVOICE_LINE.NET_AMOUNT,
                        INVOICE_LINE.TAX_RATE, CHARGED))
                .from(INVOICE_LINE)
                .where(INVOICE_LINE.INVOICE_ID.eq(invoiceId).and(INVOICE_LINE.ID.eq(lineId)))
                .fetchOptional(InvoiceStore::toLine);
    }

    int nextPosition(long invoiceId) {
        Integer last = db.select(DSL.max(INVOICE_LINE.POSITION)).from(INVOICE_LINE)
                .where(INVOICE_LINE.INVOICE_ID.eq(invoiceId)).fetchOne(0, Integer.class);
        return last == null ? 1 : last + 1;
    }

    void updateLine(long lineId, String description, BigDecimal quantity, BigDecimal unitPrice, BigDecimal net) {
        db.update(INVOICE_LINE)
                .set(INVOICE_LINE.DESCRIPTION, description)
                .set(INVOICE_LINE.QUANTITY, quantity)
                .set(INVOICE_LINE.UNIT_PRICE, unitPrice)
                .set(INVOICE_LINE.NET_AMOUNT, net)
                .where(INVOICE_LINE.ID.eq(lineId))
                .execute();
    }

    void deleteLine(long lineId) {
        db.deleteFrom(INVOICE_LINE).where(INVOICE_LINE.ID.eq(lineId)).execute();
    }

    /** Replaces the invoice's tax per rate and totals. */
    void writeTotals(long invoiceId, InvoiceTotals.Totals totals) {
        db.deleteFrom(INVOICE_TAX).where(INVOICE_TAX.INVOICE_ID.eq(invoiceId)).execute();
        if (!totals.rates().isEmpty()) {
            InsertValuesStepN<?> insert = db.insertInto(INVOICE_TAX, List.of(INVOICE_TAX.INVOICE_ID,
                    INVOICE_TAX.TAX_RATE, INVOICE_TAX.NET_AMOUNT, INVOICE_TAX.TAX_AMOUNT));
            for (InvoiceTotals.RateTotal rate : totals.rates()) {
                insert = insert.values(invoiceId, rate.taxRate(), rate.net(), rate.tax());
            }
            insert.execute();
        }
        db.update(INVOICE)
                .set(INVOICE.NET_TOTAL, totals.net())
                .set(INVOICE.TAX_TOTAL, totals.tax())
                .set(INVOICE.GROSS_TOTAL, totals.gross())
                .where(INVOICE.ID.eq(invoiceId))
                .execute();
    }

    List<InvoiceTotals.RateTotal> taxes(long invoiceId, String currency) {
        return db.selectFrom(INVOICE_TAX).where(INVOICE_TAX.INVOICE_ID.eq(invoiceId)).orderBy(INVOICE_TAX.TAX_RATE)
                .fetch(r -> new InvoiceTotals.RateTotal(InvoiceTotals.rate(r.getTaxRate()),
                        InvoiceTotals.inMinorUnits(r.getNetAmount(), currency),
                        InvoiceTotals.inMinorUnits(r.getTaxAmount(), currency)));
    }

    void setIssueDates(long invoiceId, LocalDate issuedOn, LocalDate dueOn) {
        db.update(INVOICE).set(INVOICE.ISSUED_ON, issuedOn).set(INVOICE.DUE_ON, dueOn)
                .where(INVOICE.ID.eq(invoiceId)).execute();
    }

    private static StoredLine toLine(Record r) {
        return new StoredLine(r.get(INVOICE_LINE.ID), r.get(INVOICE_LINE.POSITION), r.get(INVOICE_LINE.DESCRIPTION),
                r.get(INVOICE_LINE.SUBSCRIPTION_ID), r.get(INVOICE_LINE.PERIOD_START), r.get(INVOICE_LINE.PERIOD_END),
                r.get(INVOICE_LINE.QUANTITY), r.get(INVOICE_LINE.UNIT), r.get(INVOICE_LINE.UNIT_PRICE),
                r.get(INVOICE_LINE.NET_AMOUNT), InvoiceTotals.rate(r.get(INVOICE_LINE.TAX_RATE)), r.get(CHARGED));
    }
}

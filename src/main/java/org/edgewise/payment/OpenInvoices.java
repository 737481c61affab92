package org.edgewise.payment;

import static org.edgewise.jooq.Tables.CREDIT_NOTE;
import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.INVOICE;
import static org.edgewise.jooq.Tables.PAYMENT_ALLOCATION;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.edgewise.jooq.tables.Document;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issued invoices and what is still due of each: the gross total less the issued credit notes of the
 * invoice and what payments were allocated to it.
 */
@Repository
class OpenInvoices {

    /** An issued invoice with what is still due of it. */
    record OpenInvoice(long id, String number, long customerId, String currency, LocalDate dueOn, BigDecimal gross,
            BigDecimal due) { }

    private static final Document CREDIT_DOCUMENT = DOCUMENT.as("credit_document");

    private final DSLContext db;

    OpenInvoices(DSLContext db) {
        this.db = db;
    }

    /** What is still due of the invoice behind {@code INVOICE}, as a field of a query over it. */
    static Field<BigDecimal> due() {
        Field<BigDecimal> credited = DSL.select(DSL.coalesce(DSL.sum(CREDIT_NOTE.GROSS_TOTAL), BigDecimal.ZERO))
                .from(CREDIT_NOTE).join(CREDIT_DOCUMENT).on(CREDIT_DOCUMENT.ID.eq(CREDIT_NOTE.ID))
                .where(CREDIT_NOTE.INVOICE_ID.eq(INVOICE.ID).and(CREDIT_DOCUMENT.STATE.eq(InvoiceStates.ISSUED)))
                .asField();
        Field<BigDecimal> allocated = DSL.select(DSL.coalesce(DSL.sum(PAYMENT_ALLOCATION.AMOUNT), BigDecimal.ZERO))
                .from(PAYMENT_ALLOCATION).where(PAYMENT_ALLOCATION.INVOICE_ID.eq(INVOICE.ID)).asField();
        return INVOICE.GROSS_TOTAL.minus(credited).minus(allocated).as("due");
    }

    /**
     * Locks the customer's issued invoices in this currency until the transaction ends, so that two payments
     * of one customer are allocated one after the other and never both to what is due once. The dues are
     * read after the lock, in a statement of their own, so that they include what the payment before
     * allocated.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    List<OpenInvoice> lockOpen(long customerId, String currency) {
        Condition open = INVOICE.CUSTOMER_ID.eq(customerId).and(INVOICE.CURRENCY.eq(currency))
                .and(DOCUMENT.STATE.eq(InvoiceStates.ISSUED));
        List<Long> ids = db.select(INVOICE.ID).from(INVOICE).join(DOCUMENT).on(DOCUMENT.ID.eq(INVOICE.ID))
                .where(open).orderBy(INVOICE.ID).forUpdate().of(INVOICE).fetch(INVOICE.ID);
        return ids.isEmpty() ? List.of() : where(INVOICE.ID.in(ids));
    }

    /** The customer's issued invoices, oldest due first, what they owe included. */
    List<OpenInvoice> of(long customerId) {
        return where(INVOICE.CUSTOMER_ID.eq(customerId).and(DOCUMENT.STATE.eq(InvoiceStates.ISSUED)));
    }

    /** Every issued invoice of every customer. */
    List<OpenInvoice> all() {
        return where(DOCUMENT.STATE.eq(InvoiceStates.ISSUED));
    }

    private List<OpenInvoice> where(Condition condition) {
        return db.select(INVOICE.ID, DOCUMENT.NUMBER, DOCUMENT.REFERENCE, INVOICE.CUSTOMER_ID, INVOICE.CURRENCY,
                        INVOICE.DUE_ON, INVOICE.GROSS_TOTAL, due())
                .from(INVOICE).join(DOCUMENT).on(DOCUMENT.ID.eq(INVOICE.ID))
                .where(condition.and(DOCUMENT.DOC_TYPE.eq(InvoiceStates.INVOICE)))
                .orderBy(INVOICE.DUE_ON.asc().nullsLast(), INVOICE.ID)
                .fetch(r -> new OpenInvoice(r.value1(), r.value2() == null ? r.value3() : r.value2(), r.value4(),
                        r.value5(), r.value6(), r.value7(), r.value8()));
    }
}

package org.edgewise.payment;

import static org.edgewise.jooq.Tables.BILLING_ACCOUNT;
import static org.edgewise.jooq.Tables.CREDIT_NOTE;
import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.INVOICE;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.UUID;

import org.edgewise.Fixtures;
import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * The billing documents payment and dunning tests start from, written as billing leaves them: a customer
 * with a billing account and its payment reference, issued invoices with a number, a gross total, a due
 * date and the customer's payment reference, issued credit notes. Rows are written directly, as billing's
 * services are not what these tests are about.
 */
@Component
public class PaymentFixtures {

    public static final Actor BILLING = new Actor("bill", EnumSet.of(Role.BILLING), null);

    /** An issued invoice: its document id and legal number. */
    public record Invoice(long id, String number) { }

    private final DSLContext db;
    private final Fixtures fixtures;
    private final Clock clock;

    PaymentFixtures(DSLContext db, Fixtures fixtures, Clock clock) {
        this.db = db;
        this.fixtures = fixtures;
        this.clock = clock;
    }

    /** A new customer organisation with a billing account whose payment reference is unique. */
    public long customer(String paymentReference) {
        long customer = fixtures.organisation();
        db.insertInto(BILLING_ACCOUNT)
                .set(BILLING_ACCOUNT.CUSTOMER_ID, customer)
                .set(BILLING_ACCOUNT.PAYMENT_REFERENCE, paymentReference)
                .execute();
        return customer;
    }

    /** A payment reference no other customer has, e.g. {@code EW7K3Q9XA2}. */
    public static String uniqueReference() {
        return "EW" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
    }

    /** An issued invoice of the customer, due on that day. */
    public Invoice issuedInvoice(long customerId, String currency, String gross, LocalDate dueOn) {
        String suffix = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String number = "INV-T" + suffix;
        OffsetDateTime now = OffsetDateTime.now(clock);
        long id = db.insertInto(DOCUMENT)
                .set(DOCUMENT.DOC_TYPE, InvoiceStates.INVOICE)
                .set(DOCUMENT.REFERENCE, "INVD-T" + suffix)
                .set(DOCUMENT.NUMBER, number)
                .set(DOCUMENT.TITLE, "Invoice " + number)
                .set(DOCUMENT.STATE, InvoiceStates.ISSUED)
                .set(DOCUMENT.OWNER_ID, customerId)
                .set(DOCUMENT.CREATED_AT, now)
                .set(DOCUMENT.UPDATED_AT, now)
                .returningResult(DOCUMENT.ID).fetchSingle().value1();
        String reference = db.select(BILLING_ACCOUNT.PAYMENT_REFERENCE).from(BILLING_ACCOUNT)
                .where(BILLING_ACCOUNT.CUSTOMER_ID.eq(customerId)).fetchOptional(BILLING_ACCOUNT.PAYMENT_REFERENCE)
                .orElse("");
        db.insertInto(INVOICE)
                .set(INVOICE.ID, id)
                .set(INVOICE.CUSTOMER_ID, customerId)
                .set(INVOICE.CURRENCY, currency)
                .set(INVOICE.ISSUED_ON, dueOn.minusDays(30))
                .set(INVOICE.DUE_ON, dueOn)
                .set(INVOICE.PAYMENT_REFERENCE, reference)
                .set(INVOICE.NET_TOTAL, new BigDecimal(gross))
                .set(INVOICE.GROSS_TOTAL, new BigDecimal(gross))
                .execute();
        return new Invoice(id, number);
    }

    /** An issued credit note of the invoice, giving back this much. */
    public long issuedCreditNote(Invoice invoice, String gross) {
        String suffix = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        OffsetDateTime now = OffsetDateTime.now(clock);
        var row = db.select(INVOICE.CUSTOMER_ID, INVOICE.CURRENCY).from(INVOICE).where(INVOICE.ID.eq(invoice.id()))
                .fetchSingle();
        long id = db.insertInto(DOCUMENT)
                .set(DOCUMENT.DOC_TYPE, InvoiceStates.CREDIT_NOTE)
                .set(DOCUMENT.REFERENCE, "CND-T" + suffix)
                .set(DOCUMENT.NUMBER, "CN-T" + suffix)
                .set(DOCUMENT.TITLE, "Credit note of " + invoice.number())
                .set(DOCUMENT.STATE, InvoiceStates.ISSUED)
                .set(DOCUMENT.OWNER_ID, row.value1())
                .set(DOCUMENT.CREATED_AT, now)
                .set(DOCUMENT.UPDATED_AT, now)
                .returningResult(DOCUMENT.ID).fetchSingle().value1();
        db.insertInto(CREDIT_NOTE)
                .set(CREDIT_NOTE.ID, id)
                .set(CREDIT_NOTE.INVOICE_ID, invoice.id())
                .set(CREDIT_NOTE.CUSTOMER_ID, row.value1())
                .set(CREDIT_NOTE.CURRENCY, row.value2())
                .set(CREDIT_NOTE.GROSS_TOTAL, new BigDecimal(gross))
                .set(CREDIT_NOTE.NET_TOTAL, new BigDecimal(gross))
                .execute();
        return id;
    }

    /** The state of a document now. */
    public String state(long documentId) {
        return db.select(DOCUMENT.STATE).from(DOCUMENT).where(DOCUMENT.ID.eq(documentId)).fetchSingle(DOCUMENT.STATE);
    }
}

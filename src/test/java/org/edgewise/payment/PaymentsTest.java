package org.edgewise.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.edgewise.payment.PaymentFixtures.BILLING;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.edgewise.MasterTest;
import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.PageRequest;
import org.edgewise.document.TimelineEntry;
import org.edgewise.document.ValidationException;
import org.edgewise.payment.PaymentFixtures.Invoice;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/**
 * Payments are matched by the customer's payment reference anywhere in their text and paid to the
 * customer's issued invoices oldest due first, each up to what is still due; a payment nobody recognises
 * waits for a person.
 */
class PaymentsTest extends MasterTest {

    /** Sees payments, but does not handle them. */
    private static final Actor SUPPORT = new Actor("sue", EnumSet.of(Role.SUPPORT), null);

    @Autowired
    Payments payments;

    @Autowired
    Receivables receivables;

    @Autowired
    PaymentFixtures billing;

    @Autowired
    DocumentEngine engine;

    @Test
    void aPaymentNamingTheReferencePaysTheOldestInvoiceFirstAndLeavesThePartItCannotCoverDue() {
        String reference = PaymentFixtures.uniqueReference();
        long customer = billing.customer(reference);
        Invoice newest = billing.issuedInvoice(customer, "EUR", "50.00", LocalDate.of(2026, 10, 31));
        Invoice oldest = billing.issuedInvoice(customer, "EUR", "100.00", LocalDate.of(2026, 8, 31));
        Invoice middle = billing.issuedInvoice(customer, "EUR", "80.00", LocalDate.of(2026, 9, 30));
        String spaced = reference.substring(0, 4).toLowerCase() + " " + reference.substring(4);

        Document payment = payments.register(new Payments.NewPayment(new BigDecimal("150.00"), "EUR", received(),
                "Transfer for " + spaced + " thanks", null), BILLING);

        assertThat(payment.state()).isEqualTo(PaymentWorkflows.MATCHED);
        assertThat(payment.ownerId()).isEqualTo(customer);
        assertThat(billing.state(oldest.id())).isEqualTo(InvoiceStates.PAID);
        assertThat(billing.state(middle.id())).isEqualTo(InvoiceStates.ISSUED);
        assertThat(billing.state(newest.id())).isEqualTo(InvoiceStates.ISSUED);
        assertThat(receivables.stillDue(oldest.id())).isEqualByComparingTo("0");
        assertThat(receivables.stillDue(middle.id())).isEqualByComparingTo("30.00");
        assertThat(receivables.stillDue(newest.id())).isEqualByComparingTo("50.00");
        assertThat(payments.allocations(payment.id(), BILLING)).extracting(Payments.Allocation::invoice,
                a -> a.amount().toPlainString()).containsExactly(
                        tuple(oldest.number(), "100.0000"),
                        tuple(middle.number(), "50.0000"));
        assertThat(payments.get(payment.reference(), BILLING).unallocated()).isEqualByComparingTo("0");

        TimelineEntry settled = last(oldest.id());
        assertThat(settled.action()).isEqualTo(InvoiceStates.SETTLE);
        assertThat(settled.comment()).isEqualTo("Paid by " + payment.reference() + ".");
        assertThat(last(middle.id()).changes()).singleElement().satisfies(c -> {
            assertThat(c.field()).isEqualTo("still due");
            assertThat(c.oldValue()).isEqualTo("80.00 EUR");
            assertThat(c.newValue()).isEqualTo("30.00 EUR after " + payment.reference());
        });
        assertThat(last(payment.id()).comment()).contains("by the payment reference " + reference)
                .contains(oldest.number() + " paid (100.00 EUR)")
                .contains("50.00 EUR to " + middle.number() + " (30.00 EUR still due)")
                .contains("0.00 EUR left as credit");
    }

    @Test
    void whatNoInvoiceTakesIsTheCustomersCreditUntilItIsApplied() {
        String reference = PaymentFixtures.uniqueReference();
        long customer = billing.customer(reference);
        Invoice first = billing.issuedInvoice(customer, "EUR", "40.00", LocalDate.of(2026, 9, 30));

        Document payment = payments.register(new Payments.NewPayment(new BigDecimal("100"), "EUR", received(),
                reference, null), BILLING);
        assertThat(billing.state(first.id())).isEqualTo(InvoiceStates.PAID);
        assertThat(payments.get(payment.reference(), BILLING).unallocated()).isEqualByComparingTo("60.00");

        Invoice later = billing.issuedInvoice(customer, "EUR", "45.00", LocalDate.of(2026, 12, 31));
        payments.applyCredit(payment.id(), BILLING);

        assertThat(billing.state(later.id())).isEqualTo(InvoiceStates.PAID);
        assertThat(payments.get(payment.reference(), BILLING).unallocated()).isEqualByComparingTo("15.00");
        assertThatThrownBy(() -> payments.applyCredit(payment.id(), BILLING))
                .hasMessageContaining("has no invoice in EUR");
    }

    @Test
    void aPaymentNobodyRecognisesWaitsForAPersonWhoMatchesItToTheInvoicesTheyChoose() {
        String reference = PaymentFixtures.uniqueReference();
        long customer = billing.customer(reference);
        Invoice older = billing.issuedInvoice(customer, "EUR", "30.00", LocalDate.of(2026, 8, 31));
        Invoice chosen = billing.issuedInvoice(customer, "EUR", "70.00", LocalDate.of(2026, 9, 30));

        Document payment = payments.register(new Payments.NewPayment(new BigDecimal("70.00"), "EUR", received(),
                "see attached letter", null), BILLING);
        assertThat(payment.state()).isEqualTo(PaymentWorkflows.REGISTERED);
        assertThat(payment.ownerId()).isNull();
        assertThatThrownBy(() -> engine.apply(payment.id(), PaymentWorkflows.MATCH, BILLING, null))
                .isInstanceOf(ValidationException.class).hasMessageContaining("Choose the customer");
        assertThatThrownBy(() -> payments.matchByHand(payment.id(), customer, List.of(chosen.id()), SUPPORT))
                .isInstanceOf(AccessDeniedException.class);

        Document matched = payments.matchByHand(payment.id(), customer, List.of(chosen.id()), BILLING);

        assertThat(matched.state()).isEqualTo(PaymentWorkflows.MATCHED);
        assertThat(matched.ownerId()).isEqualTo(customer);
        assertThat(billing.state(chosen.id())).isEqualTo(InvoiceStates.PAID);
        assertThat(billing.state(older.id())).isEqualTo(InvoiceStates.ISSUED);
        assertThat(last(payment.id()).comment()).startsWith("Matched by hand to ");
        assertThat(payments.page(new PageRequest(null, null, List.of(), 0, 100),
                customerOf(customer))).extracting(Payments.Row::reference).containsExactly(payment.reference());
        assertThatThrownBy(() -> payments.matchByHand(payment.id(), customer, List.of(), BILLING))
                .hasMessageContaining("matched");
    }

    @Test
    void paymentsOfOneCustomerAtTheSameMomentNeverPayAnInvoiceTwice() throws Exception {
        long customer = billing.customer(PaymentFixtures.uniqueReference());
        List<Invoice> invoices = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            invoices.add(billing.issuedInvoice(customer, "EUR", "10.00", received().minusDays(30 - i)));
        }
        // registered first (a new document waits for the one before it to take its reference), matched at once
        int threads = 8;
        List<Document> waiting = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            waiting.add(payments.register(new Payments.NewPayment(new BigDecimal("10.00"), "EUR", received(),
                    "cash", null), BILLING));
        }
        CyclicBarrier together = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Document>> registered = new ArrayList<>();
        for (Document payment : waiting) {
            registered.add(pool.submit(() -> {
                together.await(30, TimeUnit.SECONDS);
                return payments.matchByHand(payment.id(), customer, List.of(), BILLING);
            }));
        }
        BigDecimal credit = BigDecimal.ZERO;
        for (Future<Document> payment : registered) {
            credit = credit.add(payments.get(payment.get(2, TimeUnit.MINUTES).reference(), BILLING).unallocated());
        }
        pool.shutdown();

        assertThat(credit).isEqualByComparingTo("30.00");
        for (Invoice invoice : invoices) {
            assertThat(billing.state(invoice.id())).isEqualTo(InvoiceStates.PAID);
            assertThat(receivables.stillDue(invoice.id())).isEqualByComparingTo("0");
            assertThat(engine.timeline(engine.get(invoice.id(), admin()), admin()))
                    .filteredOn(e -> InvoiceStates.SETTLE.equals(e.action())).hasSize(1);
        }
    }

    @Test
    void anAmountMustBePositiveInTheCurrencysMinorUnitAndReceivedByToday() {
        assertRefused(new Payments.NewPayment(BigDecimal.ZERO, "EUR", received(), "x", null), "amount");
        assertRefused(new Payments.NewPayment(new BigDecimal("-5"), "EUR", received(), "x", null), "amount");
        assertRefused(new Payments.NewPayment(new BigDecimal("12.345"), "EUR", received(), "x", null), "amount");
        assertRefused(new Payments.NewPayment(new BigDecimal("100.5"), "JPY", received(), "x", null), "amount");
        assertRefused(new Payments.NewPayment(BigDecimal.TEN, "EURO", received(), "x", null), "currency");
        assertRefused(new Payments.NewPayment(BigDecimal.TEN, "XAU", received(), "x", null), "currency");
        assertRefused(new Payments.NewPayment(BigDecimal.TEN, "EUR", receivables.today().plusDays(1), "x", null),
                "receivedOn");
        assertRefused(new Payments.NewPayment(BigDecimal.TEN, "EUR", received(), "x", 0L), "customer");
        assertThatThrownBy(() -> payments.register(new Payments.NewPayment(BigDecimal.TEN, "EUR", received(), "x", null),
                customerOf(billing.customer(PaymentFixtures.uniqueReference()))))
                .isInstanceOf(AccessDeniedException.class);

        Document yen = payments.register(new Payments.NewPayment(new BigDecimal("1500"), "JPY", received(), "", null),
                BILLING);
        assertThat(payments.get(yen.reference(), BILLING).amount()).isEqualByComparingTo("1500");
    }

    /** A day before today, whatever the day the tests run. */
    private LocalDate received() {
        return receivables.today().minusDays(3);
    }

    private void assertRefused(Payments.NewPayment payment, String field) {
        assertThatThrownBy(() -> payments.register(payment, BILLING)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }

    private TimelineEntry last(long documentId) {
        List<TimelineEntry> timeline = engine.timeline(engine.get(documentId, admin()), admin());
        return timeline.get(timeline.size() - 1);
    }
}

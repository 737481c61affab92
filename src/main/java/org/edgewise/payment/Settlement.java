package org.edgewise.payment;

import static org.edgewise.jooq.Tables.PAYMENT_ALLOCATION;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.edgewise.access.Actor;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.FieldChange;
import org.edgewise.document.ValidationException;
import org.edgewise.payment.OpenInvoices.OpenInvoice;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Allocates money of a payment to a customer's issued invoices, each up to what is still due of it: an
 * invoice covered in full is settled (issued → paid) and {@link InvoicePaid} is published; one covered in
 * part records on its timeline what is still due. What no invoice takes stays on the payment as the
 * customer's unallocated credit.
 */
@Component
class Settlement {

    /** What one invoice received. */
    record Allocated(OpenInvoice invoice, BigDecimal amount) {

        boolean paidInFull() {
            return amount.compareTo(invoice.due()) == 0;
        }
    }

    /** Where the money went, and what is left of it. */
    record Outcome(List<Allocated> allocations, BigDecimal left, String currency) {

        /** For the payment's timeline: "INV-2026-000001 paid (100.00 EUR); 20.00 EUR left as credit." */
        String describe() {
            List<String> parts = new ArrayList<>();
            for (Allocated a : allocations) {
                parts.add(a.paidInFull() ? a.invoice().number() + " paid (" + Money.format(a.amount(), currency) + ")"
                        : Money.format(a.amount(), currency) + " to " + a.invoice().number() + " ("
                                + Money.format(a.invoice().due().subtract(a.amount()), currency) + " still due)");
            }
            String allocated = parts.isEmpty() ? "No open invoice to pay" : String.join(", ", parts);
            return allocated + "; " + Money.format(left, currency) + " left as credit.";
        }
    }

    private final DSLContext db;
    private final OpenInvoices invoices;
    private final InvoiceStates states;
    private final DocumentEngine engine;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Settlement(DSLContext db, OpenInvoices invoices, InvoiceStates states, DocumentEngine engine,
            ApplicationEventPublisher events, Clock clock) {
        this.db = db;
        this.invoices = invoices;
        this.states = states;
        this.engine = engine;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Allocates up to {@code available} of the payment to the customer's issued invoices in its currency:
     * to {@code chosen} in that order when a person chose them, else oldest due first.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Outcome allocate(long paymentId, String paymentReference, long customerId, BigDecimal available, String currency,
            List<Long> chosen, Actor actor) {
        List<OpenInvoice> open = invoices.lockOpen(customerId, currency);
        List<OpenInvoice> order = chosen.isEmpty() ? open : chosenAmong(open, chosen, currency);
        OffsetDateTime now = OffsetDateTime.now(clock);
        BigDecimal left = available;
        List<Allocated> allocations = new ArrayList<>();
        for (OpenInvoice invoice : order) {
            if (left.signum() <= 0) {
                break;
            }
            if (invoice.due().signum() <= 0) {
                continue;
            }
            BigDecimal amount = left.min(invoice.due());
            db.insertInto(PAYMENT_ALLOCATION)
                    .set(PAYMENT_ALLOCATION.PAYMENT_ID, paymentId)
                    .set(PAYMENT_ALLOCATION.INVOICE_ID, invoice.id())
                    .set(PAYMENT_ALLOCATION.AMOUNT, amount)
                    .set(PAYMENT_ALLOCATION.ALLOCATED_AT, now)
                    .execute();
            left = left.subtract(amount);
            Allocated allocated = new Allocated(invoice, amount);
            allocations.add(allocated);
            if (allocated.paidInFull()) {
                states.settle(invoice.id(), "Paid by " + paymentReference + ".");
                events.publishEvent(new InvoicePaid(invoice.id(), customerId));
            } else {
                engine.recordObservation(invoice.id(), List.of(new FieldChange("still due",
                        Money.format(invoice.due(), currency),
                        Money.format(invoice.due().subtract(amount), currency) + " after " + paymentReference)), actor);
            }
        }
        return new Outcome(allocations, left, currency);
    }

    /** How much of the payment went to invoices so far. */
    BigDecimal allocatedOf(long paymentId) {
        return db.select(DSL.coalesce(DSL.sum(PAYMENT_ALLOCATION.AMOUNT), BigDecimal.ZERO))
                .from(PAYMENT_ALLOCATION).where(PAYMENT_ALLOCATION.PAYMENT_ID.eq(paymentId)).fetchSingle().value1();
    }

    private static List<OpenInvoice> chosenAmong(List<OpenInvoice> open, List<Long> chosen, String currency) {
        Map<Long, OpenInvoice> byId = open.stream().collect(Collectors.toMap(OpenInvoice::id, Function.identity()));
        List<OpenInvoice> order = new ArrayList<>();
        for (Long id : chosen) {
            OpenInvoice invoice = byId.get(id);
            if (invoice == null) {
                throw new ValidationException("invoices", "Only the customer's issued invoices in " + currency
                        + " can be paid by this payment; one of those chosen is not (any more).");
            }
            if (!order.contains(invoice)) {
                order.add(invoice);
            }
        }
        return order;
    }
}

package org.edgewise.portal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import org.edgewise.access.Actor;
import org.edgewise.billing.BillingWorkflows;
import org.edgewise.billing.CreditNotes;
import org.edgewise.billing.HowToPay;
import org.edgewise.billing.Invoices;
import org.edgewise.document.PageRequest;
import org.edgewise.payment.Receivables;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A customer's invoices and credit notes, what they still owe, and how to pay it. */
@Service
class MyInvoices {

    /** An invoice with what is still due of it ({@code null} for a draft, which nobody pays yet). */
    record MyInvoice(Invoices.Row invoice, BigDecimal due) { }

    private static final List<PageRequest.Sort> NEWEST_FIRST = List.of(new PageRequest.Sort("reference", false));

    private final Invoices invoices;
    private final CreditNotes creditNotes;
    private final Receivables receivables;
    private final HowToPay howToPay;

    MyInvoices(Invoices invoices, CreditNotes creditNotes, Receivables receivables, HowToPay howToPay) {
        this.invoices = invoices;
        this.creditNotes = creditNotes;
        this.receivables = receivables;
        this.howToPay = howToPay;
    }

    @Transactional(readOnly = true)
    List<MyInvoice> invoices(Actor actor, int offset, int limit) {
        return invoices.page(new PageRequest(null, null, NEWEST_FIRST, offset, limit), actor).stream()
                .map(row -> new MyInvoice(row, row.state().equals(BillingWorkflows.DRAFT) ? null
                        : receivables.stillDue(row.id())))
                .toList();
    }

    @Transactional(readOnly = true)
    int invoiceCount(Actor actor) {
        return invoices.count(new PageRequest(null, null, List.of(), 0, Integer.MAX_VALUE), actor);
    }

    @Transactional(readOnly = true)
    List<CreditNotes.Row> creditNotes(Actor actor, int offset, int limit) {
        return creditNotes.page(new PageRequest(null, null, NEWEST_FIRST, offset, limit), actor);
    }

    @Transactional(readOnly = true)
    int creditNoteCount(Actor actor) {
        return creditNotes.count(new PageRequest(null, null, List.of(), 0, Integer.MAX_VALUE), actor);
    }

    /** What the customer owes (or is owed) in each currency they were invoiced in. */
    List<Receivables.Balance> balances(Actor actor) {
        return receivables.balances(actor);
    }

    Optional<HowToPay.Instructions> howToPay(Actor actor) {
        return howToPay.of(actor);
    }
}

package org.edgewise.payment;

import org.edgewise.access.Actor;
import org.edgewise.billing.BillingWorkflows;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.springframework.stereotype.Component;

/**
 * What payments and dunning know of billing's invoices and credit notes: the names the billing contract
 * fixes, and the one place an invoice's state is changed from here.
 */
@Component
public class InvoiceStates {

    // billing's own names, under the names payments and dunning use
    public static final String INVOICE = BillingWorkflows.INVOICE;
    public static final String CREDIT_NOTE = BillingWorkflows.CREDIT_NOTE;

    public static final String ISSUED = BillingWorkflows.ISSUED;
    public static final String PAID = BillingWorkflows.PAID;
    public static final String CREDITED = BillingWorkflows.CREDITED;

    public static final String SETTLE = BillingWorkflows.SETTLE;

    private final DocumentEngine engine;

    InvoiceStates(DocumentEngine engine) {
        this.engine = engine;
    }

    /**
     * Issued → paid, in the caller's transaction. The Master takes the action, whoever registered the
     * payment: the comment says which payment paid it.
     */
    Document settle(long invoiceId, String comment) {
        return engine.apply(invoiceId, SETTLE, Actor.system(), comment);
    }
}

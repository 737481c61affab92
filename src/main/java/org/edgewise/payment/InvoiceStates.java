package org.edgewise.payment;

import org.edgewise.access.Actor;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.springframework.stereotype.Component;

/**
 * What payments and dunning know of billing's invoices and credit notes: the names the billing contract
 * fixes, and the one place an invoice's state is changed from here.
 */
@Component
public class InvoiceStates {

    public static final String INVOICE = "invoice";
    public static final String CREDIT_NOTE = "credit_note";

    public static final String ISSUED = "issued";
    public static final String PAID = "paid";
    public static final String CREDITED = "credited";

    public static final String SETTLE = "settle";

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

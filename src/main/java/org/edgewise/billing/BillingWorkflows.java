package org.edgewise.billing;

import static org.edgewise.access.RoleGroup.ADMINISTRATORS;
import static org.edgewise.access.RoleGroup.CUSTOMERS;
import static org.edgewise.access.RoleGroup.FINANCE;
import static org.edgewise.access.RoleGroup.SALES_TEAM;
import static org.edgewise.access.RoleGroup.SUPPORT_TEAM;

import java.util.EnumSet;

import org.edgewise.access.Role;
import org.edgewise.access.RoleGroup;
import org.edgewise.document.Effect;
import org.edgewise.document.Tone;
import org.edgewise.document.Workflow;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Invoices and credit notes, both owned by the customer they bill. A draft gets its legal number when it
 * is issued, from a gapless yearly series; an issued invoice is never changed again: a credit note reverses
 * it, and when the issued credit notes net it to zero it is credited.
 */
@Configuration(proxyBeanMethods = false)
public class BillingWorkflows {

    public static final String INVOICE = "invoice";
    public static final String CREDIT_NOTE = "credit_note";

    public static final String DRAFT = "draft";
    public static final String ISSUED = "issued";
    public static final String PAID = "paid";
    public static final String CREDITED = "credited";
    public static final String CANCELLED = "cancelled";

    public static final String ISSUE = "issue";
    public static final String CANCEL = "cancel";
    public static final String SETTLE = "settle";
    public static final String UNSETTLE = "unsettle";
    public static final String CREDIT = "credit";

    /**
     * Nobody but the Master itself, which is a member of every group: an invoice is credited by the credit
     * notes that net it to zero, never by a button.
     */
    private static final RoleGroup AUTOMATIC = new RoleGroup("the Master itself", EnumSet.noneOf(Role.class));

    @Bean
    Workflow invoiceWorkflow() {
        return Workflow.define(INVOICE, "Invoice")
                .series("INVD").gapsAllowed()
                .state(DRAFT, Tone.PROGRESS)
                .state(ISSUED, Tone.WARNING)
                .state(PAID, Tone.SUCCESS)
                .finalState(CREDITED, Tone.NEUTRAL)
                .finalState(CANCELLED, Tone.NEUTRAL)
                .initial(DRAFT)
                .createdBy(FINANCE)
                .editedBy(FINANCE)
                .readBy(CUSTOMERS, FINANCE, SALES_TEAM, SUPPORT_TEAM, ADMINISTRATORS)
                .editableIn(DRAFT)
                .transition(DRAFT, ISSUE, ISSUED, "Issue", FINANCE)
                .transition(DRAFT, CANCEL, CANCELLED, "Cancel", FINANCE)
                .transition(ISSUED, SETTLE, PAID, "Mark paid", FINANCE)
                .transition(PAID, UNSETTLE, ISSUED, "Mark unpaid", FINANCE)
                .transition(ISSUED, CREDIT, CREDITED, "Credit", AUTOMATIC)
                .numberedOn(ISSUE, "INV", "INV-{yyyy}-{000000}")
                .build();
    }

    @Bean
    Workflow creditNoteWorkflow() {
        return Workflow.define(CREDIT_NOTE, "Credit note")
                .series("CND").gapsAllowed()
                .state(DRAFT, Tone.PROGRESS)
                .state(ISSUED, Tone.SUCCESS)
                .finalState(CANCELLED, Tone.NEUTRAL)
                .initial(DRAFT)
                .createdBy(FINANCE)
                .editedBy(FINANCE)
                .readBy(CUSTOMERS, FINANCE, SALES_TEAM, SUPPORT_TEAM, ADMINISTRATORS)
                .editableIn(DRAFT)
                .transition(DRAFT, ISSUE, ISSUED, "Issue", FINANCE)
                .transition(DRAFT, CANCEL, CANCELLED, "Cancel", FINANCE)
                .numberedOn(ISSUE, "CN", "CN-{yyyy}-{000000}")
                .build();
    }

    @Bean
    Effect invoiceIssued(Invoices invoices) {
        return Effect.of(INVOICE, ISSUE).by((before, transition, actor) -> invoices.issued(before.id(), actor));
    }

    @Bean
    Effect invoiceCancelled(Invoices invoices) {
        return Effect.of(INVOICE, CANCEL).by((before, transition, actor) -> invoices.cancelled(before.id()));
    }

    @Bean
    Effect creditNoteIssued(CreditNotes creditNotes) {
        return Effect.of(CREDIT_NOTE, ISSUE).by((before, transition, actor) -> creditNotes.issued(before.id()));
    }
}

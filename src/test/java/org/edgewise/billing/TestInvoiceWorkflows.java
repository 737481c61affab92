package org.edgewise.billing;

import static org.edgewise.access.RoleGroup.ADMINISTRATORS;
import static org.edgewise.access.RoleGroup.CUSTOMERS;
import static org.edgewise.access.RoleGroup.FINANCE;
import static org.edgewise.access.RoleGroup.SALES_TEAM;
import static org.edgewise.access.RoleGroup.SUPPORT_TEAM;

import org.edgewise.document.Tone;
import org.edgewise.document.Workflow;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The invoice and credit note workflows exactly as the billing contract fixes them, for the tests of
 * payments and dunning while billing's own workflows are not part of this Master. Tests create issued
 * invoices by writing their rows; payments then settle them through these workflows.
 *
 * <p>Delete this file when billing's workflows arrive: they replace it. Until then it stands aside by
 * itself once billing is there ({@code InvoiceIssued} is billing's), so that two "invoice" types never
 * meet.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnMissingClass("org.edgewise.billing.InvoiceIssued")
public class TestInvoiceWorkflows {

    @Bean
    Workflow testInvoiceWorkflow() {
        return Workflow.define("invoice", "Invoice")
                .series("INVD")
                .state("draft", Tone.PROGRESS)
                .state("issued", Tone.WARNING)
                .state("paid", Tone.SUCCESS)
                .finalState("credited", Tone.NEUTRAL)
                .finalState("cancelled", Tone.NEUTRAL)
                .initial("draft")
                .createdBy(FINANCE, SALES_TEAM)
                .readBy(CUSTOMERS, FINANCE, SALES_TEAM, SUPPORT_TEAM, ADMINISTRATORS)
                .editableIn("draft")
                .transition("draft", "issue", "issued", "Issue", FINANCE, SALES_TEAM)
                .transition("draft", "cancel", "cancelled", "Cancel", FINANCE, SALES_TEAM)
                .transition("issued", "settle", "paid", "Settle", FINANCE)
                .transition("paid", "unsettle", "issued", "Unsettle", FINANCE)
                .transition("issued", "credit", "credited", "Credit", FINANCE)
                .numberedOn("issue", "INV", "INV-{yyyy}-{000000}")
                .build();
    }

    @Bean
    Workflow testCreditNoteWorkflow() {
        return Workflow.define("credit_note", "Credit note")
                .series("CND")
                .state("draft", Tone.PROGRESS)
                .state("issued", Tone.SUCCESS)
                .finalState("cancelled", Tone.NEUTRAL)
                .initial("draft")
                .createdBy(FINANCE, SALES_TEAM)
                .readBy(CUSTOMERS, FINANCE, SALES_TEAM, SUPPORT_TEAM, ADMINISTRATORS)
                .editableIn("draft")
                .transition("draft", "issue", "issued", "Issue", FINANCE, SALES_TEAM)
                .transition("draft", "cancel", "cancelled", "Cancel", FINANCE, SALES_TEAM)
                .numberedOn("issue", "CN", "CN-{yyyy}-{000000}")
                .build();
    }
}

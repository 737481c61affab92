package org.edgewise.billing;

import org.edgewise.access.Role;
import org.edgewise.document.DocumentEngine;
import org.edgewise.security.CurrentUser;
import org.edgewise.ui.DocumentListView;

import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

/** Credit notes; each is made from the invoice it credits, so there is no "New" here. */
@Route("credit-notes")
@PageTitle("Credit notes · Edgewise")
@Menu(order = 62, title = "Credit notes", icon = "vaadin:file-remove")
@RolesAllowed({ Role.CUSTOMER_NAME, Role.SALES_NAME, Role.BILLING_NAME, Role.SUPPORT_NAME, Role.ADMIN_NAME })
public class CreditNoteListView extends DocumentListView<CreditNotes.Row> {

    public CreditNoteListView(CreditNotes creditNotes, DocumentEngine engine, CurrentUser currentUser) {
        super("Credit notes", engine.workflow(BillingWorkflows.CREDIT_NOTE),
                p -> creditNotes.page(p, currentUser.actor()), p -> creditNotes.count(p, currentUser.actor()),
                row -> "credit-notes/" + row.reference(), false);
        column("Number", "number", CreditNotes.Row::number);
        column("Reference", "reference", CreditNotes.Row::reference);
        column("Invoice", "invoice", CreditNotes.Row::invoiceNumber);
        column("Customer", "customer", CreditNotes.Row::customerName);
        stateColumn(CreditNotes.Row::state);
        column("Issued on", "issuedOn", r -> Amounts.date(r.issuedOn()));
        column("Total", "gross", r -> Amounts.money(r.gross(), r.currency())).setTextAlign(ColumnTextAlign.END);
    }

    @Override
    protected void create() {
        throw new UnsupportedOperationException("A credit note is made from the invoice it credits");
    }
}

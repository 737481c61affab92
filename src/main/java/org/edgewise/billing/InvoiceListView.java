package org.edgewise.billing;

import org.edgewise.access.Role;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.party.Organisations;
import org.edgewise.security.CurrentUser;
import org.edgewise.ui.DocumentListView;
import org.edgewise.ui.FormDialog;
import org.edgewise.ui.Notifications;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

/** Invoices: customers see their own, billing and sales staff every customer's; staff may draft one by hand. */
@Route("invoices")
@PageTitle("Invoices · Edgewise")
@Menu(order = 61, title = "Invoices", icon = "vaadin:invoice")
@RolesAllowed({ Role.CUSTOMER_NAME, Role.SALES_NAME, Role.BILLING_NAME, Role.SUPPORT_NAME, Role.ADMIN_NAME })
public class InvoiceListView extends DocumentListView<Invoices.Row> {

    private final Invoices invoices;
    private final Organisations organisations;
    private final CurrentUser currentUser;

    public InvoiceListView(Invoices invoices, Organisations organisations, DocumentEngine engine,
            CurrentUser currentUser) {
        super("Invoices", engine.workflow(BillingWorkflows.INVOICE), p -> invoices.page(p, currentUser.actor()),
                p -> invoices.count(p, currentUser.actor()), row -> "invoices/" + row.reference(),
                engine.mayCreate(BillingWorkflows.INVOICE, currentUser.actor()));
        this.invoices = invoices;
        this.organisations = organisations;
        this.currentUser = currentUser;
        column("Number", "number", Invoices.Row::number);
        column("Reference", "reference", Invoices.Row::reference);
        column("Customer", "customer", Invoices.Row::customerName);
        column("Title", "title", Invoices.Row::title);
        column("Period", "period", r -> Amounts.period(r.periodFrom(), r.periodTo()));
        stateColumn(Invoices.Row::state);
        column("Issued on", "issuedOn", r -> Amounts.date(r.issuedOn()));
        column("Due on", "dueOn", r -> Amounts.date(r.dueOn()));
        column("Total", "gross", r -> Amounts.money(r.gross(), r.currency()))
                .setTextAlign(com.vaadin.flow.component.grid.ColumnTextAlign.END);
    }

    /** A draft by hand, for a customer, in a currency; its lines are added on its page. */
    @Override
    protected void create() {
        ComboBox<Organisations.Row> customer = new ComboBox<>("Customer");
        customer.setItems(organisations.active(currentUser.actor()));
        customer.setItemLabelGenerator(o -> o.name() + " (" + o.reference() + ")");
        customer.setId("invoice-customer");
        TextField title = new TextField("Title");
        title.setPlaceholder("e.g. On-site installation");
        title.setId("invoice-title");
        TextField currency = new TextField("Currency");
        currency.setValue("EUR");
        currency.setMaxLength(3);
        currency.setId("invoice-currency");
        new FormDialog("New invoice", new FormLayout(customer, title, currency), "Create", () -> {
            if (customer.getValue() == null) {
                customer.setInvalid(true);
                customer.setErrorMessage("Choose the customer to invoice.");
                return false;
            }
            Document[] created = new Document[1];
            boolean ok = Notifications.attempt(() -> created[0] = invoices.createDraft(customer.getValue().id(),
                    title.getValue(), currency.getValue(), currentUser.actor()));
            if (ok) {
                getUI().ifPresent(ui -> ui.navigate("invoices/" + created[0].reference()));
            }
            return ok;
        }).open();
    }
}

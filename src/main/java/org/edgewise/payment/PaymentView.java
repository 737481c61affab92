package org.edgewise.payment;

import java.util.ArrayList;
import java.util.List;

import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.security.CurrentUser;
import org.edgewise.ui.ReadOnlyField;
import org.edgewise.ui.DocumentPage;
import org.edgewise.ui.DocumentView;
import org.edgewise.ui.Formats;
import org.edgewise.ui.FormDialog;
import org.edgewise.ui.Notifications;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.PermitAll;

/**
 * One payment: what was received and from whom, the invoices it paid, and what is left as credit. A
 * payment nobody could place is matched here by a person, to a customer and the invoices they choose.
 */
@Route("payments/:reference")
@PermitAll
public class PaymentView extends DocumentView<Payments.Row> {

    private final Payments payments;

    public PaymentView(Payments payments, DocumentEngine engine, CurrentUser currentUser) {
        super(engine, currentUser, "Payment", "Payments", "payments", "Payments");
        this.payments = payments;
    }

    @Override
    protected Payments.Row find(String reference) {
        return payments.get(reference, actor);
    }

    @Override
    protected long idOf(Payments.Row row) {
        return row.id();
    }

    @Override
    protected void compose(DocumentPage page, Payments.Row row, Document doc) {
        FormLayout form = new FormLayout(
                ReadOnlyField.of("Amount", Money.format(row.amount(), row.currency()), "payment-amount"),
                ReadOnlyField.of("Received on", row.receivedOn().toString(), "payment-received"),
                ReadOnlyField.of("Customer", row.customerName() == null ? "not matched yet"
                        : row.customerName() + " · " + row.customerReference(), "payment-customer"),
                ReadOnlyField.of("From", row.debtorName(), "payment-debtor"),
                ReadOnlyField.of("Text of the transfer", row.referenceText(), "payment-text"),
                ReadOnlyField.of("Credit left", Money.format(row.unallocated(), row.currency()), "payment-credit"));
        VerticalLayout fields = new VerticalLayout(form);
        fields.setPadding(false);
        HorizontalLayout actions = new HorizontalLayout();
        if (row.state().equals(PaymentWorkflows.REGISTERED) && engine.canEdit(doc, actor)) {
            Button match = new Button("Match to a customer", e -> matchDialog(row));
            match.setId("payment-match");
            actions.add(match);
        }
        if (row.unallocated().signum() > 0 && engine.workflow(PaymentWorkflows.TYPE).mayEdit(actor)) {
            Button apply = new Button("Pay open invoices with the credit", e -> {
                if (Notifications.attempt(() -> payments.applyCredit(row.id(), actor))) {
                    Notifications.success("The credit of " + row.reference() + " was applied.");
                    load();
                }
            });
            apply.setId("payment-apply-credit");
            actions.add(apply);
        }
        fields.add(actions);
        page.setFields(fields);

        Grid<Payments.Allocation> allocations = new Grid<>();
        allocations.setId("payment-allocations");
        allocations.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        allocations.addColumn(Payments.Allocation::invoice).setHeader("Invoice").setAutoWidth(true);
        allocations.addColumn(a -> Money.format(a.amount(), a.currency())).setHeader("Paid").setAutoWidth(true);
        allocations.addColumn(a -> Formats.when(a.at(), "")).setHeader("When").setAutoWidth(true);
        allocations.setAllRowsVisible(true);
        allocations.setEmptyStateText("This payment paid no invoice yet.");
        allocations.setItems(payments.allocations(row.id(), actor));
        page.setLines(new VerticalLayout(new H3("Invoices paid"), allocations));
    }

    private void matchDialog(Payments.Row row) {
        CustomerPicker customer = new CustomerPicker("Customer", payments, actor);
        customer.setId("match-customer");
        MultiSelectComboBox<Payments.Invoice> invoices = new MultiSelectComboBox<>("Invoices to pay");
        invoices.setId("match-invoices");
        invoices.setItemLabelGenerator(i -> i.number() + " · due " + i.dueOn() + " · " + Money.format(i.due(),
                i.currency()) + " still due");
        invoices.setHelperText("Those chosen are paid oldest due first; none chosen: every open invoice is");
        invoices.setWidthFull();
        invoices.setEnabled(false);
        List<Payments.Invoice> open = new ArrayList<>();
        customer.addValueChangeListener(e -> {
            open.clear();
            if (e.getValue() != null) {
                open.addAll(payments.openInvoices(e.getValue().id(), actor).stream()
                        .filter(i -> i.currency().equals(row.currency())).toList());
            }
            invoices.clear();
            invoices.setItems(open);
            invoices.setEnabled(e.getValue() != null);
        });
        new FormDialog("Match " + row.reference() + " to a customer", new FormLayout(customer, invoices), "Match",
                () -> {
                    if (customer.getValue() == null) {
                        Notifications.error("Choose the customer this payment is from.");
                        return false;
                    }
                    List<Long> chosen = open.stream().filter(invoices.getSelectedItems()::contains)
                            .map(Payments.Invoice::id).toList();
                    boolean ok = Notifications.attempt(() -> payments.matchByHand(row.id(), customer.getValue().id(),
                            chosen, actor));
                    if (ok) {
                        Notifications.success(row.reference() + " is matched.");
                        load();
                    }
                    return ok;
                }).open();
    }
}

package org.edgewise.payment;

import java.time.LocalDate;

import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.security.CurrentUser;
import org.edgewise.ui.DocumentListView;
import org.edgewise.ui.FormDialog;
import org.edgewise.ui.Notifications;

import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

/** Every payment received, with whose it is and what of it is still credit; billing staff register new ones. */
@Route("payments")
@PageTitle("Payments · Edgewise")
@Menu(order = 40, title = "Payments", icon = "vaadin:money-deposit")
@RolesAllowed({ Role.SALES_NAME, Role.BILLING_NAME, Role.ADMIN_NAME })
public class PaymentListView extends DocumentListView<Payments.Row> {

    private final Payments payments;
    private final Receivables receivables;
    private final Actor actor;

    public PaymentListView(Payments payments, Receivables receivables, DocumentEngine engine, CurrentUser currentUser) {
        super("Payments", engine.workflow(PaymentWorkflows.TYPE), p -> payments.page(p, currentUser.actor()),
                p -> payments.count(p, currentUser.actor()), row -> "payments/" + row.reference(),
                engine.mayCreate(PaymentWorkflows.TYPE, currentUser.actor()));
        this.payments = payments;
        this.receivables = receivables;
        this.actor = currentUser.actor();
        setCreateText("Register a payment");
        column("Reference", "reference", Payments.Row::reference);
        column("Received", "received", Payments.Row::receivedOn);
        column("Amount", "amount", r -> Money.format(r.amount(), r.currency()));
        column("Customer", "customer", r -> r.customerName() == null ? "not matched yet" : r.customerName());
        column("From", "debtor", Payments.Row::debtorName);
        grid.addColumn(Payments.Row::referenceText).setHeader("Text").setKey("text").setResizable(true)
                .setFlexGrow(1);
        grid.addColumn(r -> Money.format(r.unallocated(), r.currency())).setHeader("Credit left").setKey("credit")
                .setAutoWidth(true);
        stateColumn(Payments.Row::state);
    }

    @Override
    protected void create() {
        BigDecimalField amount = new BigDecimalField("Amount");
        amount.setId("payment-amount");
        TextField currency = new TextField("Currency", "EUR", "");
        currency.setId("payment-currency");
        currency.setMaxLength(3);
        DatePicker received = new DatePicker("Received on", receivables.today());
        received.setId("payment-received");
        received.setMax(receivables.today());
        TextField text = new TextField("Text of the transfer");
        text.setId("payment-text");
        text.setMaxLength(Payments.MAX_REFERENCE_TEXT);
        text.setHelperText("A customer's payment reference in it matches the payment to that customer");
        CustomerPicker customer = new CustomerPicker("Customer, if you know", payments, actor);
        customer.setId("payment-customer");
        FormLayout form = new FormLayout(amount, currency, received, text, customer);
        form.setColspan(text, 2);
        form.setColspan(customer, 2);
        new FormDialog("Register a payment", form, "Register", () -> {
            Document[] created = new Document[1];
            LocalDate day = received.getValue();
            boolean ok = Notifications.attempt(() -> created[0] = payments.register(new Payments.NewPayment(
                    amount.getValue(), currency.getValue(), day, text.getValue(),
                    customer.getValue() == null ? null : customer.getValue().id()), actor));
            if (ok) {
                Notifications.success(created[0].reference() + " is " + created[0].state() + ".");
                getUI().ifPresent(ui -> ui.navigate("payments/" + created[0].reference()));
            }
            return ok;
        }).open();
    }
}

package org.edgewise.voucher;

import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.security.CurrentUser;
import org.edgewise.access.Role;
import org.edgewise.ui.DocumentListView;
import org.edgewise.ui.FormDialog;
import org.edgewise.ui.Notifications;

import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

/** The vouchers, with their legal number once issued; the menu entry comes from the annotation. */
@Route("vouchers")
@PageTitle("Vouchers · Edgewise")
@Menu(order = 90, title = "Vouchers", icon = "vaadin:ticket")
@RolesAllowed({ Role.SALES_NAME, Role.BILLING_NAME, Role.ADMIN_NAME })
public class VoucherListView extends DocumentListView<Vouchers.Row> {

    private final Vouchers vouchers;
    private final CurrentUser currentUser;

    public VoucherListView(Vouchers vouchers, DocumentEngine engine, CurrentUser currentUser) {
        super("Vouchers", engine.workflow(VoucherWorkflows.TYPE), p -> vouchers.page(p, currentUser.actor()),
                p -> vouchers.count(p, currentUser.actor()), row -> "vouchers/" + row.reference(),
                engine.mayCreate(VoucherWorkflows.TYPE, currentUser.actor()));
        this.vouchers = vouchers;
        this.currentUser = currentUser;
        column("Reference", "reference", Vouchers.Row::reference);
        column("Number", "number", Vouchers.Row::number);
        column("Name", "name", Vouchers.Row::title);
        stateColumn(Vouchers.Row::state);
        column("Amount", "amount", r -> r.amountMinor() + " " + r.currency());
    }

    @Override
    protected void create() {
        TextField title = new TextField("Name");
        IntegerField cents = new IntegerField("Amount in cents");
        new FormDialog("New voucher", new FormLayout(title, cents), "Create", () -> {
            Document[] created = new Document[1];
            boolean ok = Notifications.attempt(() -> created[0] = vouchers.create(title.getValue(),
                    cents.getValue() == null ? 0 : cents.getValue(), "EUR", currentUser.actor()));
            if (ok) {
                getUI().ifPresent(ui -> ui.navigate("vouchers/" + created[0].reference()));
            }
            return ok;
        }).open();
    }
}

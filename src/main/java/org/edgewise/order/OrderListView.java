package org.edgewise.order;

import org.edgewise.access.Role;
import org.edgewise.document.DocumentEngine;
import org.edgewise.party.Organisations;
import org.edgewise.security.CurrentUser;
import org.edgewise.ui.DocumentListView;
import org.edgewise.ui.FormDialog;
import org.edgewise.ui.Formats;
import org.edgewise.ui.Notifications;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;

import jakarta.annotation.security.RolesAllowed;

/**
 * Orders: a customer's own (also at {@code my/orders}), every customer's for staff. A customer's New opens the
 * shop; sales staff's New starts an order for a customer, to fill and send as a quotation.
 */
@Route("orders")
@RouteAlias("my/orders")
@PageTitle("Orders · Edgewise")
@Menu(order = 25, title = "Orders", icon = "vaadin:cart")
@RolesAllowed({ Role.CUSTOMER_NAME, Role.SALES_NAME, Role.BILLING_NAME, Role.SUPPORT_NAME, Role.ADMIN_NAME })
public class OrderListView extends DocumentListView<Orders.Row> {

    private final Orders orders;
    private final Organisations organisations;
    private final CurrentUser currentUser;

    public OrderListView(Orders orders, Organisations organisations, DocumentEngine engine, CurrentUser currentUser) {
        super("Orders", engine.workflow(OrderWorkflows.TYPE), p -> orders.page(p, currentUser.actor()),
                p -> orders.count(p, currentUser.actor()), row -> "orders/" + row.reference(),
                engine.mayCreate(OrderWorkflows.TYPE, currentUser.actor()));
        this.orders = orders;
        this.organisations = organisations;
        this.currentUser = currentUser;
        column("Reference", "reference", Orders.Row::reference);
        column("Title", "title", Orders.Row::title);
        if (currentUser.actor().isStaff()) {
            column("Customer", "customer", Orders.Row::customerName);
        }
        column("Services", "lines", Orders.Row::lines).setSortable(false);
        column("Created", "created", r -> Formats.when(r.createdAt(), ""));
        stateColumn(Orders.Row::state);
        if (!currentUser.actor().isStaff()) {
            setCreateText("Order in the shop");
        }
    }

    @Override
    protected void create() {
        if (!currentUser.actor().isStaff()) {
            getUI().ifPresent(ui -> ui.navigate("shop"));
            return;
        }
        ComboBox<Organisations.Row> customer = new ComboBox<>("Customer");
        customer.setId("order-customer");
        customer.setItems(organisations.active(currentUser.actor()));
        customer.setItemLabelGenerator(o -> o.name() + " · " + o.reference());
        customer.setRequiredIndicatorVisible(true);
        TextField title = new TextField("Title");
        title.setId("order-title");
        title.setHelperText("Optional, e.g. Edge sites for the spring campaign");
        FormLayout form = new FormLayout(customer, title);
        new FormDialog("New order for a customer", form, "Create", () -> {
            if (customer.getValue() == null) {
                customer.setErrorMessage("Choose the customer the order is for.");
                customer.setInvalid(true);
                return false;
            }
            return Notifications.attempt(() -> {
                var doc = orders.create(customer.getValue().id(), title.getValue(), currentUser.actor());
                getUI().ifPresent(ui -> ui.navigate("orders/" + doc.reference()));
            });
        }).open();
    }
}

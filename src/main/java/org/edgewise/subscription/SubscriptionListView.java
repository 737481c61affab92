package org.edgewise.subscription;

import java.time.Instant;
import java.time.ZoneOffset;

import org.edgewise.access.Role;
import org.edgewise.document.DocumentEngine;
import org.edgewise.pricing.Money;
import org.edgewise.security.CurrentUser;
import org.edgewise.ui.DocumentListView;
import org.edgewise.ui.Formats;

import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

/** Every customer's services as they are billed, with the monthly price in force now. */
@Route("subscriptions")
@PageTitle("Subscriptions · Edgewise")
@Menu(order = 30, title = "Subscriptions", icon = "vaadin:calendar-clock")
@RolesAllowed({ Role.CUSTOMER_NAME, Role.SALES_NAME, Role.BILLING_NAME, Role.SUPPORT_NAME, Role.ADMIN_NAME })
public class SubscriptionListView extends DocumentListView<Subscriptions.Row> {

    public SubscriptionListView(Subscriptions subscriptions, DocumentEngine engine, CurrentUser currentUser) {
        super("Subscriptions", engine.workflow(SubscriptionWorkflows.TYPE), p -> subscriptions.page(p, currentUser.actor()),
                p -> subscriptions.count(p, currentUser.actor()), row -> "subscriptions/" + row.reference(), false);
        column("Reference", "reference", Subscriptions.Row::reference);
        column("Customer", "customer", Subscriptions.Row::customerName);
        column("Service", "tree", r -> r.treeReference() + " " + r.treeTitle());
        column("Product", "product", Subscriptions.Row::product);
        column("Type", "softwareType", Subscriptions.Row::softwareType);
        column("Started", "startedAt", r -> when(r.startedAt()));
        column("Ended", "endedAt", r -> when(r.endedAt()));
        stateColumn(Subscriptions.Row::state);
        column("Monthly price now", "price", SubscriptionListView::monthly).setSortable(false);
    }

    static String when(Instant at) {
        return at == null ? "" : Formats.when(at.atOffset(ZoneOffset.UTC), "");
    }

    static String monthly(Subscriptions.Row row) {
        return row.monthlyPrice() == null ? "none in force" : Money.format(row.monthlyPrice(), row.currency()) + " / month";
    }

    /** Never called: subscriptions start with their services, so the list has no New button. */
    @Override
    protected void create() {
    }
}

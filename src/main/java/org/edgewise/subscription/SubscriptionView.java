package org.edgewise.subscription;

import java.util.List;

import org.edgewise.access.Role;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.pricing.Money;
import org.edgewise.security.CurrentUser;
import org.edgewise.ui.ReadOnlyField;
import org.edgewise.ui.DocumentPage;
import org.edgewise.ui.DocumentView;

import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

/**
 * One subscription: its service, product and time, the monthly price in force now, what it was charged
 * (each charge with the invoice it went on, or not invoiced yet), its usage without a price, and the
 * timeline with the suspend, resume and close actions.
 */
@Route("subscriptions/:reference")
@RolesAllowed({ Role.CUSTOMER_NAME, Role.SALES_NAME, Role.BILLING_NAME, Role.SUPPORT_NAME, Role.ADMIN_NAME })
public class SubscriptionView extends DocumentView<Subscriptions.Row> {

    private final Subscriptions subscriptions;

    public SubscriptionView(Subscriptions subscriptions, DocumentEngine engine, CurrentUser currentUser) {
        super(engine, currentUser, "Subscription", "Subscriptions", "subscriptions", "All subscriptions");
        this.subscriptions = subscriptions;
    }

    @Override
    protected Subscriptions.Row find(String reference) {
        return subscriptions.get(reference, actor);
    }

    @Override
    protected long idOf(Subscriptions.Row row) {
        return row.id();
    }

    @Override
    protected void compose(DocumentPage page, Subscriptions.Row row, Document doc) {
        FormLayout fields = new FormLayout();
        Anchor service = new Anchor("services/" + row.treeReference(), row.treeReference() + " " + row.treeTitle());
        service.setId("subscription-service");
        fields.add(new Div(new Span("Service: "), service),
                ReadOnlyField.of("Customer", row.customerName(), "subscription-customer"),
                ReadOnlyField.of("Product", row.product() + " (" + row.softwareType() + ")", "subscription-product"),
                ReadOnlyField.of("Monthly price now", SubscriptionListView.monthly(row), "subscription-price"),
                ReadOnlyField.of("Started", SubscriptionListView.when(row.startedAt()), "subscription-started"),
                ReadOnlyField.of("Ended", SubscriptionListView.when(row.endedAt()), "subscription-ended"),
                ReadOnlyField.of("Recurring price charged until", SubscriptionListView.when(row.billedUntil()),
                        "subscription-billed-until"));
        page.setFields(fields);
        page.confirmBefore(SubscriptionWorkflows.SUSPEND, "While " + row.reference() + " is suspended its monthly price"
                + " is not charged; its usage still is.");
        VerticalLayout lines = new VerticalLayout(new H3("Charges"), charges(row));
        lines.setPadding(false);
        List<Subscriptions.UnpricedUsage> unpriced = subscriptions.unpricedUsage(row.id(), actor);
        if (!unpriced.isEmpty()) {
            lines.add(new H3("Usage not charged"), unpriced(unpriced));
        }
        page.setLines(lines);
    }

    private Grid<Subscriptions.Candidate> charges(Subscriptions.Row row) {
        Grid<Subscriptions.Candidate> grid = new Grid<>();
        grid.setId("subscription-charges");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(Subscriptions.Candidate::description).setHeader("Charge").setFlexGrow(1);
        grid.addColumn(c -> Money.quantity(c.quantity()) + " " + c.unit()).setHeader("Quantity").setAutoWidth(true);
        grid.addColumn(c -> Money.format(c.unitPrice(), c.currency())).setHeader("Unit price").setAutoWidth(true);
        grid.addColumn(c -> Money.rounded(c.amount(), c.currency())).setHeader("Amount").setAutoWidth(true)
                .setTooltipGenerator(c -> "Exactly " + c.amount().stripTrailingZeros().toPlainString() + " "
                        + c.currency() + ", rounded once on the invoice line");
        grid.addColumn(c -> Money.percent(c.taxRate())).setHeader("Tax").setAutoWidth(true);
        grid.addColumn(c -> c.invoice() == null ? "not invoiced yet" : "on " + c.invoice()).setHeader("Invoice")
                .setAutoWidth(true);
        grid.setItems(subscriptions.candidates(row.id(), actor));
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText("Nothing charged yet: charges are made with each month's invoices.");
        return grid;
    }

    private static UnorderedList unpriced(List<Subscriptions.UnpricedUsage> unpriced) {
        UnorderedList list = new UnorderedList();
        list.setId("subscription-unpriced-usage");
        for (Subscriptions.UnpricedUsage u : unpriced) {
            String span = SubscriptionListView.when(u.from()) + " – " + SubscriptionListView.when(u.to());
            list.add(new ListItem(u.records() + " " + u.metric() + " record" + (u.records() == 1 ? "" : "s") + ", " + span
                    + (u.priceInForce() ? ": charged with the next invoices."
                            : ": no price was in force for them, so they are not charged.")));
        }
        return list;
    }
}

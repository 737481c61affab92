package org.edgewise.pricing;

import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.party.Organisations;
import org.edgewise.security.CurrentUser;
import org.edgewise.ui.DocumentListView;
import org.edgewise.ui.FormDialog;
import org.edgewise.ui.Notifications;

import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

/** The price lists: the general ones and each customer's own, with their validity. */
@Route("price-lists")
@PageTitle("Price lists · Edgewise")
@Menu(order = 31, title = "Price lists", icon = "vaadin:tags")
@RolesAllowed({ Role.CUSTOMER_NAME, Role.SALES_NAME, Role.BILLING_NAME, Role.SUPPORT_NAME, Role.OPERATOR_NAME,
        Role.ADMIN_NAME })
public class PriceListListView extends DocumentListView<PriceLists.Row> {

    private final PriceLists lists;
    private final Organisations organisations;
    private final Actor actor;

    public PriceListListView(PriceLists lists, Organisations organisations, DocumentEngine engine,
            CurrentUser currentUser) {
        super("Price lists", engine.workflow(PricingWorkflows.TYPE), p -> lists.page(p, currentUser.actor()),
                p -> lists.count(p, currentUser.actor()), row -> "price-lists/" + row.reference(),
                engine.mayCreate(PricingWorkflows.TYPE, currentUser.actor()));
        this.lists = lists;
        this.organisations = organisations;
        this.actor = currentUser.actor();
        column("Reference", "reference", PriceLists.Row::reference);
        column("Name", "name", PriceLists.Row::title);
        column("Customer", "customer", r -> r.customerName() == null ? "every customer" : r.customerName());
        column("Currency", "currency", PriceLists.Row::currency);
        column("Valid from", "validFrom", r -> lists.when(r.validFrom()));
        column("Valid to", "validTo", r -> r.validTo() == null ? "" : lists.when(r.validTo()));
        stateColumn(PriceLists.Row::state);
        column("Prices", "items", PriceLists.Row::items).setSortable(false);
    }

    @Override
    protected void create() {
        PriceListForm form = new PriceListForm(organisations.active(actor), lists.zone(), lists.nextMidnight());
        new FormDialog("New price list", form, "Create", () -> {
            Document[] created = new Document[1];
            boolean ok = Notifications.attempt(() -> created[0] = lists.create(form.details(), actor));
            if (ok) {
                Notifications.success("Price list " + created[0].reference() + " created: add its prices.");
                getUI().ifPresent(ui -> ui.navigate("price-lists/" + created[0].reference()));
            }
            return ok;
        }).open();
    }
}

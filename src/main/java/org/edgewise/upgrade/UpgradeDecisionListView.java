package org.edgewise.upgrade;

import org.edgewise.access.Role;
import org.edgewise.document.DocumentEngine;
import org.edgewise.security.CurrentUser;
import org.edgewise.ui.DocumentListView;
import org.edgewise.ui.Formats;

import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;

import jakarta.annotation.security.RolesAllowed;

/**
 * Upgrade decisions, newest first: every one for staff, those of their own services for a customer (also at
 * {@code my/upgrades}); {@code ?state=proposed} lists those waiting for an answer.
 */
@Route("upgrade-decisions")
@RouteAlias("my/upgrades")
@PageTitle("Upgrade decisions · Edgewise")
@Menu(order = 23, title = "Upgrade decisions", icon = "vaadin:arrow-circle-up-o")
@RolesAllowed({ Role.CUSTOMER_NAME, Role.OPERATOR_NAME, Role.ADMIN_NAME, Role.SUPPORT_NAME, Role.SALES_NAME,
        Role.BILLING_NAME })
public class UpgradeDecisionListView extends DocumentListView<Upgrades.Decision> {

    public UpgradeDecisionListView(Upgrades upgrades, DocumentEngine engine, CurrentUser currentUser) {
        super("Upgrade decisions", engine.workflow(UpgradeWorkflows.TYPE), p -> upgrades.page(p, currentUser.actor()),
                p -> upgrades.count(p, currentUser.actor()), row -> "upgrade-decisions/" + row.reference(), false);
        column("Reference", "reference", Upgrades.Decision::reference);
        column("Service", "tree", d -> d.treeTitle() + " · " + d.tree());
        column("Product", "product", Upgrades.Decision::product);
        column("From", "from", Upgrades.Decision::fromVersion).setSortable(false);
        column("To", "to", Upgrades.Decision::toVersion);
        stateColumn(Upgrades.Decision::state);
        column("Tests", "tests", Upgrades.Decision::testResult).setSortable(false);
        column("Proposed", "created", d -> Formats.when(d.createdAt(), ""));
        grid.setEmptyStateText("No upgrade yet: once a newer release of a service's product passes its tests, it is"
                + " proposed here.");
    }

    @Override
    protected void create() {
        throw new UnsupportedOperationException("The Master proposes upgrades once a newer release passes its tests");
    }
}

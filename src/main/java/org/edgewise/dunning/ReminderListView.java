package org.edgewise.dunning;

import org.edgewise.access.Role;
import org.edgewise.document.DocumentEngine;
import org.edgewise.security.CurrentUser;
import org.edgewise.ui.DocumentListView;
import org.edgewise.ui.Formats;

import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

/** The reminders of unpaid invoices and where each stands: when services stop, or stopped. */
@Route("reminders")
@PageTitle("Reminders · Edgewise")
@Menu(order = 44, title = "Reminders", icon = "vaadin:bell")
@RolesAllowed({ Role.SALES_NAME, Role.BILLING_NAME, Role.SUPPORT_NAME, Role.ADMIN_NAME })
public class ReminderListView extends DocumentListView<Reminders.Row> {

    public ReminderListView(Reminders reminders, DocumentEngine engine, CurrentUser currentUser) {
        super("Reminders", engine.workflow(DunningWorkflows.TYPE), p -> reminders.page(p, currentUser.actor()),
                p -> reminders.count(p, currentUser.actor()), row -> "reminders/" + row.reference(), false);
        column("Reference", "reference", Reminders.Row::reference);
        column("Invoice", "invoice", Reminders.Row::invoice);
        column("Customer", "customer", Reminders.Row::customerName);
        column("Reminded", "reminded", r -> Formats.when(r.remindedAt(), ""));
        column("Services stop", "stop", r -> Formats.when(r.stoppedAt() == null ? r.stopAt() : r.stoppedAt(), ""));
        column("Destroyed after", "destroy", r -> Formats.when(r.destroyAt(), ""));
        stateColumn(Reminders.Row::state);
    }

    @Override
    protected void create() {
        // reminders are opened by the Master when an invoice is overdue; nobody creates one
    }
}

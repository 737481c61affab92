package org.edgewise.dunning;

import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.security.CurrentUser;
import org.edgewise.ui.ReadOnlyField;
import org.edgewise.ui.DocumentPage;
import org.edgewise.ui.DocumentView;
import org.edgewise.ui.Formats;

import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.PermitAll;

/** One reminder: its invoice and customer, the dunning's dates, and the services it stopped. */
@Route("reminders/:reference")
@PermitAll
public class ReminderView extends DocumentView<Reminders.Row> {

    private final Reminders reminders;

    public ReminderView(Reminders reminders, DocumentEngine engine, CurrentUser currentUser) {
        super(engine, currentUser, "Reminder", "Reminders", "reminders", "Reminders");
        this.reminders = reminders;
    }

    @Override
    protected Reminders.Row find(String reference) {
        return reminders.get(reference, actor);
    }

    @Override
    protected long idOf(Reminders.Row row) {
        return row.id();
    }

    @Override
    protected void compose(DocumentPage page, Reminders.Row row, Document doc) {
        page.confirmBefore(DunningWorkflows.STOP_SERVICES, "Every started service of " + row.customerName()
                + " will be stopped now, without the notice the Master gives.");
        page.setFields(new FormLayout(
                ReadOnlyField.of("Invoice", row.invoice(), "reminder-invoice"),
                ReadOnlyField.of("Customer", row.customerName() + " · " + row.customerReference(), "reminder-customer"),
                ReadOnlyField.of("Reminded", Formats.when(row.remindedAt(), ""), "reminder-reminded"),
                ReadOnlyField.of(row.stoppedAt() == null ? "Services stop" : "Services stopped",
                        Formats.when(row.stoppedAt() == null ? row.stopAt() : row.stoppedAt(), ""), "reminder-stop"),
                ReadOnlyField.of("Services destroyed", Formats.when(row.destroyAt(), "not before their stop"),
                        "reminder-destroy")));
        Grid<Reminders.HeldTree> held = new Grid<>();
        held.setId("reminder-trees");
        held.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        held.addColumn(Reminders.HeldTree::reference).setHeader("Service").setAutoWidth(true);
        held.addColumn(Reminders.HeldTree::title).setHeader("Title").setFlexGrow(1);
        held.addColumn(Reminders.HeldTree::state).setHeader("State now").setAutoWidth(true);
        held.addColumn(t -> Formats.when(t.stoppedAt(), "")).setHeader("Stopped").setAutoWidth(true);
        held.addColumn(Reminders.HeldTree::outcome).setHeader("Then").setAutoWidth(true);
        held.setAllRowsVisible(true);
        held.setEmptyStateText("This reminder stopped no service.");
        held.setItems(reminders.heldTrees(row.id(), actor));
        page.setLines(new VerticalLayout(new H3("Services stopped"), held));
    }
}

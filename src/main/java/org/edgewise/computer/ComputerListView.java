package org.edgewise.computer;

import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.security.CurrentUser;
import org.edgewise.ui.DocumentListView;
import org.edgewise.ui.FormDialog;
import org.edgewise.ui.Formats;
import org.edgewise.ui.Notifications;

import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

@Route("computers")
@PageTitle("Computers · Edgewise")
@Menu(order = 10, title = "Computers", icon = "vaadin:server")
@RolesAllowed({ Role.OPERATOR_NAME, Role.ADMIN_NAME, Role.SUPPORT_NAME, Role.SALES_NAME, Role.BILLING_NAME })
public class ComputerListView extends DocumentListView<Computers.Row> {

    private final Computers computers;
    private final Actor actor;

    public ComputerListView(Computers computers, DocumentEngine engine, CurrentUser currentUser) {
        super("Computers", engine.workflow(ComputerWorkflows.TYPE), p -> computers.page(p, currentUser.actor()),
                p -> computers.count(p, currentUser.actor()), row -> "computers/" + row.reference(),
                engine.mayCreate(ComputerWorkflows.TYPE, currentUser.actor()));
        this.computers = computers;
        this.actor = currentUser.actor();
        column("Reference", "reference", Computers.Row::reference);
        column("Name", "name", Computers.Row::name);
        stateColumn(Computers.Row::state);
        column("Host name", "hostname", Computers.Row::hostname);
        column("Region", "region", Computers.Row::region);
        column("Capacity", "capacity", Computers.Row::capacity);
        column("Last contact", "lastContact", r -> Formats.when(r.lastContactAt(), "never"));
    }

    @Override
    protected void create() {
        ComputerForm form = new ComputerForm();
        new FormDialog("New computer", form, "Create", () -> {
            Document[] created = new Document[1];
            boolean ok = Notifications.attempt(() -> created[0] = computers.create(form.details(), actor));
            if (ok) {
                Notifications.success("Computer " + created[0].reference() + " created.");
                getUI().ifPresent(ui -> ui.navigate("computers/" + created[0].reference()));
            }
            return ok;
        }).open();
    }
}

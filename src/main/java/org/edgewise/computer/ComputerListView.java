package org.edgewise.computer;

import java.util.List;

import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.security.CurrentUser;
import org.edgewise.ui.DocumentListView;
import org.edgewise.ui.FormDialog;
import org.edgewise.ui.Notifications;
import org.edgewise.ui.StateBadge;
import org.springframework.beans.factory.annotation.Autowired;

import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

/**
 * Every computer with its state and what is true of its node (in contact, silent for how long, never seen),
 * filtered by either, also from a deep link such as {@code ?contact=silent}.
 */
@Route("computers")
@PageTitle("Computers · Edgewise")
@Menu(order = 10, title = "Computers", icon = "vaadin:server")
@RolesAllowed({ Role.OPERATOR_NAME, Role.ADMIN_NAME, Role.SUPPORT_NAME, Role.SALES_NAME, Role.BILLING_NAME })
public class ComputerListView extends DocumentListView<Computers.Row> {

    private final Computers computers;
    private final Actor actor;
    private final Select<Computers.Contact> contact;

    @Autowired
    public ComputerListView(Computers computers, DocumentEngine engine, CurrentUser currentUser) {
        this(computers, engine, currentUser, new Select<>());
    }

    /** The contact filter is made first, since the list's queries read it. */
    private ComputerListView(Computers computers, DocumentEngine engine, CurrentUser currentUser,
            Select<Computers.Contact> contact) {
        super("Computers", engine.workflow(ComputerWorkflows.TYPE),
                p -> computers.page(p, contact.getValue(), currentUser.actor()),
                p -> computers.count(p, contact.getValue(), currentUser.actor()), row -> "computers/" + row.reference(),
                engine.mayCreate(ComputerWorkflows.TYPE, currentUser.actor()));
        this.computers = computers;
        this.actor = currentUser.actor();
        this.contact = contact;
        contact.setPlaceholder("Any contact");
        contact.setEmptySelectionAllowed(true);
        contact.setEmptySelectionCaption("Any contact");
        contact.setItems(List.of(Computers.Contact.values()));
        contact.setItemLabelGenerator(c -> c == null ? "" : c.label());
        contact.setId("list-contact");
        contact.addValueChangeListener(e -> refresh());
        addFilter(contact);
        column("Reference", "reference", Computers.Row::reference);
        column("Name", "name", Computers.Row::name);
        stateColumn(Computers.Row::state);
        grid.addComponentColumn(row -> {
            StateBadge status = new StateBadge(computers.status(row));
            status.addClassName("computer-status");
            return status;
        }).setHeader("Status").setKey("status").setAutoWidth(true);
        column("Host name", "hostname", Computers.Row::hostname);
        column("Region", "region", Computers.Row::region);
        column("Capacity", "capacity", Computers.Row::capacity);
        column("Last contact", "lastContact", computers::lastContact);
        column("Use", "forTests", r -> r.forTests() ? "test computer" : "").setSortable(false);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        super.beforeEnter(event);
        List<String> wanted = event.getLocation().getQueryParameters().getParameters().get("contact");
        if (wanted != null && !wanted.isEmpty()) {
            Computers.Contact.ofParameter(wanted.get(0)).ifPresent(contact::setValue);
        }
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

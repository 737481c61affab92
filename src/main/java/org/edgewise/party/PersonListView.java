package org.edgewise.party;

import org.edgewise.access.Role;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.security.CurrentUser;
import org.edgewise.ui.DocumentListView;
import org.edgewise.ui.FormDialog;
import org.edgewise.ui.Notifications;

import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

@Route("persons")
@PageTitle("Persons · Edgewise")
@Menu(order = 51, title = "Persons", icon = "vaadin:user-card")
@RolesAllowed({ Role.ADMIN_NAME, Role.SALES_NAME, Role.BILLING_NAME, Role.SUPPORT_NAME })
public class PersonListView extends DocumentListView<Persons.Row> {

    private final Persons persons;
    private final Organisations organisations;
    private final CurrentUser currentUser;

    public PersonListView(Persons persons, Organisations organisations, DocumentEngine engine, CurrentUser currentUser) {
        super("Persons", engine.workflow(PartyWorkflows.PERSON), p -> persons.page(p, currentUser.actor()),
                p -> persons.count(p, currentUser.actor()), row -> "persons/" + row.reference(),
                engine.mayCreate(PartyWorkflows.PERSON, currentUser.actor()));
        this.persons = persons;
        this.organisations = organisations;
        this.currentUser = currentUser;
        column("Reference", "reference", Persons.Row::reference);
        column("Name", "name", Persons.Row::name);
        stateColumn(Persons.Row::state);
        column("E-mail", "email", Persons.Row::email);
        column("Phone", "phone", Persons.Row::phone).setSortable(false);
        column("Organisation", "organisation", Persons.Row::organisationName);
    }

    @Override
    protected void create() {
        PersonForm form = new PersonForm(organisations.active(currentUser.actor()));
        new FormDialog("New person", form, "Create", () -> {
            Document[] created = new Document[1];
            boolean ok = Notifications.attempt(() -> created[0] = persons.create(form.details(), currentUser.actor()));
            if (ok) {
                getUI().ifPresent(ui -> ui.navigate("persons/" + created[0].reference()));
            }
            return ok;
        }).open();
    }
}

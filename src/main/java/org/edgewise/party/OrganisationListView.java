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

@Route("organisations")
@PageTitle("Organisations · Edgewise")
@Menu(order = 50, title = "Organisations", icon = "vaadin:building")
@RolesAllowed({ Role.ADMIN_NAME, Role.SALES_NAME, Role.BILLING_NAME, Role.SUPPORT_NAME })
public class OrganisationListView extends DocumentListView<Organisations.Row> {

    private final Organisations organisations;
    private final CurrentUser currentUser;

    public OrganisationListView(Organisations organisations, DocumentEngine engine, CurrentUser currentUser) {
        super("Organisations", engine.workflow(PartyWorkflows.ORGANISATION),
                p -> organisations.page(p, currentUser.actor()), p -> organisations.count(p, currentUser.actor()),
                row -> "organisations/" + row.reference(),
                engine.mayCreate(PartyWorkflows.ORGANISATION, currentUser.actor()));
        this.organisations = organisations;
        this.currentUser = currentUser;
        column("Reference", "reference", Organisations.Row::reference);
        column("Name", "name", Organisations.Row::name);
        stateColumn(Organisations.Row::state);
        column("E-mail", "email", Organisations.Row::email);
        column("VAT number", "vat", Organisations.Row::vatNumber).setSortable(false);
    }

    @Override
    protected void create() {
        OrganisationForm form = new OrganisationForm();
        new FormDialog("New organisation", form, "Create", () -> {
            Document[] created = new Document[1];
            boolean ok = Notifications.attempt(() -> created[0] = organisations.create(form.details(), currentUser.actor()));
            if (ok) {
                getUI().ifPresent(ui -> ui.navigate("organisations/" + created[0].reference()));
            }
            return ok;
        }).open();
    }
}

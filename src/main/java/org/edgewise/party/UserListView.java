package org.edgewise.party;

import java.util.stream.Collectors;

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

@Route("users")
@PageTitle("Users · Edgewise")
@Menu(order = 52, title = "Users", icon = "vaadin:key")
@RolesAllowed(Role.ADMIN_NAME)
public class UserListView extends DocumentListView<Users.Row> {

    private final Users users;
    private final Organisations organisations;
    private final CurrentUser currentUser;

    public UserListView(Users users, Organisations organisations, DocumentEngine engine, CurrentUser currentUser) {
        super("Users", engine.workflow(PartyWorkflows.USER), p -> users.page(p, currentUser.actor()),
                p -> users.count(p, currentUser.actor()), row -> "users/" + row.reference(),
                engine.mayCreate(PartyWorkflows.USER, currentUser.actor()));
        this.users = users;
        this.organisations = organisations;
        this.currentUser = currentUser;
        column("Reference", "reference", Users.Row::reference);
        column("User name", "username", Users.Row::username);
        column("Name", "name", Users.Row::name);
        stateColumn(Users.Row::state);
        column("Roles", "roles", r -> r.roles().stream().map(Role::label).collect(Collectors.joining(", ")))
                .setSortable(false);
        column("Organisation", "organisation", Users.Row::organisationName);
    }

    @Override
    protected void create() {
        UserForm form = new UserForm(organisations.active(currentUser.actor()), true);
        new FormDialog("New user", form, "Create", () -> {
            Document[] created = new Document[1];
            boolean ok = Notifications.attempt(() -> created[0] = users.create(form.newUser(), currentUser.actor()));
            if (ok) {
                getUI().ifPresent(ui -> ui.navigate("users/" + created[0].reference()));
            }
            return ok;
        }).open();
    }
}

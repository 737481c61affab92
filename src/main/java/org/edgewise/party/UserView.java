package org.edgewise.party;

import org.edgewise.document.DocumentEngine;
import org.edgewise.document.DocumentNotFoundException;
import org.edgewise.document.PageRequest;
import org.edgewise.security.Actor;
import org.edgewise.security.CurrentUser;
import org.edgewise.security.Role;
import org.edgewise.ui.DocumentPage;
import org.edgewise.ui.EditableFields;
import org.edgewise.ui.FormDialog;
import org.edgewise.ui.NotFoundPanel;
import org.edgewise.ui.Notifications;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

@Route("users/:reference")
@RolesAllowed(Role.ADMIN_NAME)
public class UserView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final Users users;
    private final Organisations organisations;
    private final DocumentEngine engine;
    private final Actor actor;
    private String reference;

    public UserView(Users users, Organisations organisations, DocumentEngine engine, CurrentUser currentUser) {
        this.users = users;
        this.organisations = organisations;
        this.engine = engine;
        this.actor = currentUser.actor();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        reference = event.getRouteParameters().get("reference").orElse("");
        load();
    }

    @Override
    public String getPageTitle() {
        return reference + " · Users · Edgewise";
    }

    private void load() {
        removeAll();
        Users.Row row;
        try {
            row = users.get(reference, actor);
        } catch (DocumentNotFoundException e) {
            add(new NotFoundPanel("User", reference, "users", "All users"));
            return;
        }
        var doc = engine.get(row.id(), actor);
        UserForm form = new UserForm(organisations.page(PageRequest.all(), actor), false);
        form.setDetails(row);
        DocumentPage page = new DocumentPage(engine, actor, d -> load());
        VerticalLayout fields = new VerticalLayout(EditableFields.of(form, engine.canEdit(doc, actor),
                form::setEditable, () -> users.update(row.id(), form.details(), actor), reference, this::load));
        fields.setPadding(false);
        Button password = new Button("Set password…", e -> setPassword(row));
        password.setId("user-set-password");
        fields.add(password);
        page.setFields(fields);
        page.show(doc);
        add(page);
    }

    private void setPassword(Users.Row row) {
        PasswordField password = new PasswordField("New password");
        password.setId("new-password");
        password.setHelperText("At least " + Users.MIN_PASSWORD_LENGTH + " characters");
        password.setWidthFull();
        new FormDialog("Password of " + row.username(), password, "Set password", () -> {
            boolean ok = Notifications.attempt(() -> users.changePassword(row.id(), password.getValue(), actor));
            if (ok) {
                Notifications.success("The password of " + row.username() + " was changed.");
                load();
            }
            return ok;
        }).open();
    }
}

package org.edgewise.party;

import java.time.Duration;

import org.edgewise.access.Role;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.PageRequest;
import org.edgewise.security.CurrentUser;
import org.edgewise.security.SignInThrottle;
import org.edgewise.ui.DocumentPage;
import org.edgewise.ui.DocumentView;
import org.edgewise.ui.EditableFields;
import org.edgewise.ui.FormDialog;
import org.edgewise.ui.Notifications;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

@Route("users/:reference")
@RolesAllowed(Role.ADMIN_NAME)
public class UserView extends DocumentView<Users.Row> {

    private final Users users;
    private final Organisations organisations;

    public UserView(Users users, Organisations organisations, DocumentEngine engine, CurrentUser currentUser) {
        super(engine, currentUser, "User", "Users", "users", "All users");
        this.users = users;
        this.organisations = organisations;
    }

    @Override
    protected Users.Row find(String reference) {
        return users.get(reference, actor);
    }

    @Override
    protected long idOf(Users.Row row) {
        return row.id();
    }

    @Override
    protected void compose(DocumentPage page, Users.Row row, Document doc) {
        UserForm form = new UserForm(organisations.page(PageRequest.all(), actor), false);
        form.setDetails(row);
        VerticalLayout fields = new VerticalLayout(EditableFields.of(form, engine.canEdit(doc, actor),
                form::setEditable, () -> users.update(row.id(), form.details(), actor), reference, this::load));
        fields.setPadding(false);
        Button password = new Button("Set password…", e -> setPassword(row));
        password.setId("user-set-password");
        fields.add(password);
        users.signInLockedFor(row).ifPresent(wait -> fields.add(signInLock(row, wait)));
        page.setFields(fields);
    }

    /** Shown only while failed sign-ins keep the user out, with the one way in before the wait ends. */
    private Div signInLock(Users.Row row, Duration wait) {
        Span status = new Span("Sign-in locked after repeated failed sign-ins, for another "
                + SignInThrottle.inWords(wait) + ".");
        status.setId("user-sign-in-lock");
        Button unlock = new Button("Unlock sign-in", e -> {
            if (Notifications.attempt(() -> users.unlockSignIn(row.id(), actor))) {
                Notifications.success(row.username() + " may sign in again.");
                load();
            }
        });
        unlock.setId("user-unlock-sign-in");
        Div lock = new Div(status, unlock);
        lock.addClassName("sign-in-lock");
        return lock;
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

package org.edgewise.party;

import java.util.stream.Collectors;

import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.security.ApiTokens;
import org.edgewise.security.CurrentUser;
import org.edgewise.security.SignedInUser;
import org.edgewise.ui.Formats;
import org.edgewise.ui.Notifications;
import org.edgewise.document.State;
import org.edgewise.document.Tone;
import org.edgewise.ui.StateBadge;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.PermitAll;

/** Every signed-in user's own account: their password and their API tokens. */
@Route("account")
@PageTitle("Account · Edgewise")
@Menu(order = 90, title = "Account", icon = "vaadin:user")
@PermitAll
public class AccountView extends VerticalLayout {

    /** An API token works until it is revoked. */
    private static final State ACTIVE = State.of("active", Tone.SUCCESS);
    private static final State REVOKED = State.of("revoked", Tone.NEUTRAL);


    private final Users users;
    private final ApiTokens tokens;
    private final UserDetailsService accounts;
    private final PasswordEncoder passwords;
    private final SignedInUser user;
    private final Actor actor;
    private final Grid<ApiTokens.Token> tokenGrid = new Grid<>();

    public AccountView(Users users, ApiTokens tokens, UserDetailsService accounts, PasswordEncoder passwords,
            CurrentUser currentUser) {
        this.users = users;
        this.tokens = tokens;
        this.accounts = accounts;
        this.passwords = passwords;
        this.user = currentUser.user().orElseThrow();
        this.actor = currentUser.actor();
        addClassName("account");
        setMaxWidth("1100px");
        Paragraph who = new Paragraph(user.displayName() + " signs in as " + user.username() + " · "
                + user.roles().stream().sorted().map(Role::label).collect(Collectors.joining(", ")));
        who.setId("account-who");
        add(new H2("Your account"), who, passwordSection(), tokenSection());
    }

    private Component passwordSection() {
        PasswordField current = new PasswordField("Current password");
        current.setId("account-current-password");
        PasswordField fresh = new PasswordField("New password");
        fresh.setId("account-new-password");
        fresh.setHelperText("At least " + Users.MIN_PASSWORD_LENGTH + " characters");
        PasswordField repeat = new PasswordField("New password again");
        repeat.setId("account-repeat-password");
        Button change = new Button("Change password", e -> {
            if (!passwords.matches(current.getValue(), accounts.loadUserByUsername(user.username()).getPassword())) {
                Notifications.error("The current password is not right.");
                return;
            }
            if (!fresh.getValue().equals(repeat.getValue())) {
                Notifications.error("The new password and its repetition differ.");
                return;
            }
            if (Notifications.attempt(() -> users.changePassword(user.userId(), fresh.getValue(), actor))) {
                Notifications.success("Your password was changed.");
                current.clear();
                fresh.clear();
                repeat.clear();
            }
        });
        change.setId("account-change-password");
        FormLayout form = new FormLayout(current, fresh, repeat);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("600px", 3));
        VerticalLayout section = new VerticalLayout(new H3("Password"), form, change);
        section.setPadding(false);
        return section;
    }

    private Component tokenSection() {
        TextField name = new TextField("Name of a new token");
        name.setId("api-token-name");
        name.setPlaceholder("e.g. deploy script");
        name.setMaxLength(100);
        TextField created = new TextField("Your new token");
        created.setId("new-api-token");
        created.setReadOnly(true);
        created.setWidthFull();
        created.setHelperText("Copy it now: it is shown only once. Send it as \"Authorization: Bearer <token>\".");
        created.setVisible(false);
        Button create = new Button("Create token", VaadinIcon.PLUS.create(), e -> {
            String[] token = new String[1];
            if (Notifications.attempt(() -> token[0] = tokens.create(user.userId(), name.getValue(), actor))) {
                created.setValue(token[0]);
                created.setVisible(true);
                name.clear();
                refreshTokens();
            }
        });
        create.setId("create-api-token");
        HorizontalLayout creation = new HorizontalLayout(name, create);
        creation.setAlignItems(FlexComponent.Alignment.BASELINE);

        tokenGrid.setId("api-tokens-grid");
        tokenGrid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        tokenGrid.addColumn(ApiTokens.Token::name).setHeader("Name").setAutoWidth(true).setFlexGrow(1);
        tokenGrid.addColumn(t -> Formats.when(t.createdAt(), "")).setHeader("Created").setAutoWidth(true);
        tokenGrid.addColumn(t -> Formats.when(t.lastUsedAt(), "never")).setHeader("Last used").setAutoWidth(true);
        tokenGrid.addComponentColumn(t -> new StateBadge(t.revoked() ? REVOKED : ACTIVE)).setHeader("State")
                .setAutoWidth(true);
        tokenGrid.addComponentColumn(this::revokeButton).setAutoWidth(true).setFlexGrow(0);
        tokenGrid.setAllRowsVisible(true);
        tokenGrid.setEmptyStateText("You have no API token.");
        refreshTokens();
        VerticalLayout section = new VerticalLayout(new H3("API tokens"),
                new Paragraph("Scripts and the command line act as you with a token, with your roles, until you "
                        + "revoke it."), creation, created, tokenGrid);
        section.setPadding(false);
        return section;
    }

    private Component revokeButton(ApiTokens.Token token) {
        if (token.revoked()) {
            return new Span();
        }
        Button revoke = new Button("Revoke", e -> {
            ConfirmDialog confirm = new ConfirmDialog();
            confirm.setHeader("Revoke the token \"" + token.name() + "\"?");
            confirm.setText("Scripts that use it will be refused from now on. This cannot be undone.");
            confirm.setCancelable(true);
            confirm.setConfirmText("Revoke");
            confirm.setConfirmButtonTheme("error primary");
            confirm.addConfirmListener(c -> {
                if (Notifications.attempt(() -> tokens.revoke(user.userId(), token.id(), actor))) {
                    Notifications.success("The token \"" + token.name() + "\" is revoked.");
                    refreshTokens();
                }
            });
            confirm.open();
        });
        revoke.addClassName("api-token-revoke");
        revoke.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        return revoke;
    }

    private void refreshTokens() {
        tokenGrid.setItems(tokens.of(user.userId(), actor));
    }
}

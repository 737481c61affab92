package org.edgewise.portal;

import java.util.List;

import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.party.Organisations;
import org.edgewise.party.Persons;
import org.edgewise.party.Users;
import org.edgewise.security.ApiTokens;
import org.edgewise.security.CurrentUser;
import org.edgewise.security.SignedInUser;
import org.edgewise.ui.Formats;
import org.edgewise.ui.Notifications;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.DescriptionList;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

/**
 * My account: the organisation's details, its people, and the signed-in user's API tokens for the command
 * line (made with a name, shown once, revoked at will). The password is changed on the account page.
 */
@Route("my/account")
@PageTitle("My account · Edgewise")
@RolesAllowed(Role.CUSTOMER_NAME)
public class MyAccountView extends VerticalLayout {

    static final String ROUTE = "my/account";

    private final ApiTokens tokens;
    private final SignedInUser user;
    private final Actor actor;
    private final Div tokenList = new Div();

    public MyAccountView(MyAccount account, ApiTokens tokens, CurrentUser currentUser) {
        this.tokens = tokens;
        this.user = currentUser.user().orElseThrow();
        this.actor = currentUser.actor();
        addClassNames("portal", "my-account");
        add(new H2("My account"));
        account.organisation(actor).ifPresent(o -> add(organisation(o)));
        add(people(account.persons(actor), account.users(actor)), tokenSection());
        Anchor password = new Anchor("account", "Change your password");
        password.setId("my-account-password");
        add(password);
    }

    private static Component organisation(Organisations.Row organisation) {
        DescriptionList facts = new DescriptionList();
        facts.setId("my-organisation");
        facts.addClassName("my-facts");
        fact(facts, "Name", organisation.name());
        fact(facts, "Customer number", organisation.reference());
        fact(facts, "E-mail", organisation.email());
        fact(facts, "VAT number", organisation.vatNumber());
        fact(facts, "Address", organisation.address());
        Paragraph change = new Paragraph("To change these details, write to us: they are printed on your invoices.");
        Div section = new Div(new H3("Organisation"), facts, change);
        section.addClassName("my-section");
        return section;
    }

    private static void fact(DescriptionList list, String term, String value) {
        Span shown = new Span(value == null || value.isBlank() ? "—" : value);
        shown.addClassName("my-address-text");
        list.add(new DescriptionList.Term(term), new DescriptionList.Description(shown));
    }

    private static Component people(List<Persons.Row> persons, List<Users.Row> users) {
        UnorderedList contacts = new UnorderedList();
        contacts.setId("my-account-persons");
        contacts.addClassName("my-people");
        persons.forEach(p -> contacts.add(new ListItem(p.name() + (p.email() == null ? "" : " · " + p.email())
                + (p.phone() == null ? "" : " · " + p.phone()))));
        UnorderedList signIns = new UnorderedList();
        signIns.setId("my-account-users");
        signIns.addClassName("my-people");
        users.forEach(u -> signIns.add(new ListItem(u.name() + " signs in as " + u.username()
                + (u.state().equals("active") ? "" : " (" + u.state() + ")"))));
        Div section = new Div(new H3("People"), new Paragraph("Contacts"),
                persons.isEmpty() ? new Paragraph("No contact yet.") : contacts,
                new Paragraph("Who signs in"), users.isEmpty() ? new Paragraph("Nobody.") : signIns);
        section.addClassName("my-section");
        return section;
    }

    private Component tokenSection() {
        TextField name = new TextField("Name of a new token");
        name.setId("my-token-name");
        name.setPlaceholder("e.g. laptop");
        name.setMaxLength(100);
        TextField created = new TextField("Your new token");
        created.setId("my-token-new");
        created.setReadOnly(true);
        created.setWidthFull();
        created.setHelperText("Copy it now: it is shown only once.");
        created.setVisible(false);
        Pre example = new Pre();
        example.setId("my-token-command");
        example.addClassName("command");
        example.setText(command("<your token>"));
        Button create = new Button("Create token", VaadinIcon.PLUS.create(), e -> {
            String[] token = new String[1];
            if (Notifications.attempt(() -> token[0] = tokens.create(user.userId(), name.getValue(), actor))) {
                created.setValue(token[0]);
                created.setVisible(true);
                example.setText(command(token[0]));
                name.clear();
                refreshTokens();
            }
        });
        create.setId("my-token-create");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Div creation = new Div(name, create);
        creation.addClassName("my-token-creation");
        tokenList.setId("my-account-tokens");
        tokenList.addClassName("my-tokens");
        refreshTokens();
        Div section = new Div(new H3("Command line"),
                new Paragraph("The command line acts as you with a token, until you revoke it. List your services "
                        + "(add EDGEWISE_MASTER=<this console's address> when it is not on http://localhost:8080):"),
                example, creation, created, tokenList);
        section.addClassName("my-section");
        return section;
    }

    private static String command(String token) {
        return "EDGEWISE_TOKEN=" + token + " java -jar edgewise-node.jar list";
    }

    private void refreshTokens() {
        tokenList.removeAll();
        List<ApiTokens.Token> all = tokens.of(user.userId(), actor);
        if (all.isEmpty()) {
            tokenList.add(new Paragraph("You have no token."));
        }
        for (ApiTokens.Token token : all) {
            Span what = new Span(token.name());
            what.addClassName("my-token-title");
            Span when = new Span("made " + Formats.when(token.createdAt(), "") + ", last used "
                    + Formats.when(token.lastUsedAt(), "never") + (token.revoked() ? ", revoked" : ""));
            when.addClassName("my-token-when");
            Div row = new Div(what, when);
            row.addClassName("my-token");
            row.getElement().setAttribute("data-revoked", Boolean.toString(token.revoked()));
            if (!token.revoked()) {
                row.add(revokeButton(token));
            }
            tokenList.add(row);
        }
    }

    private Component revokeButton(ApiTokens.Token token) {
        Button revoke = new Button("Revoke", e -> {
            ConfirmDialog confirm = new ConfirmDialog();
            confirm.setId("confirm-action");
            confirm.setHeader("Revoke the token \"" + token.name() + "\"?");
            confirm.setText("The command line and scripts that use it are refused from now on. This cannot be undone.");
            confirm.setCancelable(true);
            Button ok = new Button("Revoke");
            ok.setId("confirm-action-confirm");
            ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
            ok.addClickListener(c -> {
                confirm.close();
                if (Notifications.attempt(() -> tokens.revoke(user.userId(), token.id(), actor))) {
                    Notifications.success("The token \"" + token.name() + "\" is revoked.");
                    refreshTokens();
                }
            });
            confirm.setConfirmButton(ok);
            Button cancel = new Button("Keep it", c -> confirm.close());
            cancel.setId("confirm-action-cancel");
            confirm.setCancelButton(cancel);
            confirm.open();
        });
        revoke.addClassName("my-token-revoke");
        revoke.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        return revoke;
    }
}

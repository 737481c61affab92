package org.edgewise.account;

import org.edgewise.document.ValidationException;
import org.edgewise.party.Users;

import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.shared.HasValidationProperties;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/** A stranger opens an account for their organisation; the account works once the mailed link is followed. */
@Route(value = "sign-up", autoLayout = false)
@PageTitle("Create an account · Edgewise")
@AnonymousAllowed
public class SignUpView extends PublicPage {

    private final TextField organisation = new TextField("Organisation");
    private final TextField name = new TextField("Your name");
    private final EmailField email = new EmailField("E-mail address");
    private final TextField username = new TextField("User name");
    private final PasswordField password = new PasswordField("Password");

    public SignUpView(SignUps signUps) {
        super("Create an account");
        organisation.setId("sign-up-organisation");
        organisation.setHelperText("The company or team you order for; a person alone may give their own name.");
        name.setId("sign-up-name");
        email.setId("sign-up-email");
        email.setHelperText("We send a link to confirm it, and your invoices.");
        username.setId("sign-up-username");
        username.setHelperText("Lower-case letters, digits, dots, dashes or underscores.");
        password.setId("sign-up-password");
        password.setHelperText("At least " + Users.MIN_PASSWORD_LENGTH + " characters.");
        for (HasValue<?, ?> field : new HasValue<?, ?>[] { organisation, name, email, username, password }) {
            field.setRequiredIndicatorVisible(true);
        }
        Button submit = new Button("Create account", e -> submit(signUps));
        submit.setId("sign-up-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        FormLayout form = new FormLayout(organisation, name, email, username, password);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        Anchor signIn = new Anchor("login", "I have an account: sign in");
        show(form, submit, signIn);
    }

    private void submit(SignUps signUps) {
        for (HasValidationProperties field : new HasValidationProperties[] { organisation, name, email, username,
                password }) {
            field.setInvalid(false);
        }
        try {
            signUps.signUp(new SignUps.SignUp(organisation.getValue(), name.getValue(), email.getValue(),
                    username.getValue(), password.getValue()), clientAddress());
        } catch (ValidationException e) {
            HasValidationProperties field = switch (e.field() == null ? "" : e.field()) {
                case "organisation" -> organisation;
                case "name" -> name;
                case "username" -> username;
                case "password" -> password;
                default -> email;
            };
            field.setErrorMessage(e.getMessage());
            field.setInvalid(true);
            return;
        }
        show(message("sign-up-done", "Almost there: we sent a link to " + email.getValue().strip()
                + ". Open it within 48 hours to confirm your address; then sign in."), signInLink());
    }
}

package org.edgewise.account;

import org.edgewise.document.ValidationException;
import org.edgewise.party.Users;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/** Where a password-reset link leads: a new password, with the rules of every password. */
@Route(value = "reset-password", autoLayout = false)
@PageTitle("Choose a new password · Edgewise")
@AnonymousAllowed
public class ResetPasswordView extends PublicPage implements BeforeEnterObserver {

    private final SignUps signUps;

    public ResetPasswordView(SignUps signUps) {
        super("Choose a new password");
        this.signUps = signUps;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String token = event.getLocation().getQueryParameters().getSingleParameter("token").orElse("");
        PasswordField password = new PasswordField("New password");
        password.setId("reset-password-password");
        password.setHelperText("At least " + Users.MIN_PASSWORD_LENGTH + " characters.");
        password.setWidthFull();
        Button submit = new Button("Set password", e -> {
            try {
                String username = signUps.resetPassword(token, password.getValue()).username();
                show(message("reset-password-done", "Your password is changed: sign in as " + username
                        + " with it now."), signInLink());
            } catch (ValidationException refused) {
                password.setErrorMessage(refused.getMessage());
                password.setInvalid(true);
            } catch (SignUps.InvalidLinkException invalid) {
                show(message("reset-password-done", invalid.getMessage()), signInLink());
            }
        });
        submit.setId("reset-password-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        show(password, submit);
    }
}

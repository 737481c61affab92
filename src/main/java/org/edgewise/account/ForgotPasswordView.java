package org.edgewise.account;

import org.edgewise.document.ValidationException;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/** Asks for a password-reset link; the answer is the same whether or not the account exists. */
@Route(value = "forgot-password", autoLayout = false)
@PageTitle("Forgot your password? · Edgewise")
@AnonymousAllowed
public class ForgotPasswordView extends PublicPage {

    public ForgotPasswordView(SignUps signUps) {
        super("Forgot your password?");
        TextField account = new TextField("User name or e-mail address");
        account.setId("forgot-password-account");
        account.setWidthFull();
        Button submit = new Button("Send me a link", e -> {
            try {
                signUps.requestPasswordReset(account.getValue(), clientAddress());
            } catch (ValidationException refused) {
                account.setErrorMessage(refused.getMessage());
                account.setInvalid(true);
                return;
            }
            show(message("forgot-password-done", "If an account has this user name or e-mail address, we sent a "
                    + "link to its e-mail address. Open it within one hour to choose a new password."),
                    signInLink());
        });
        submit.setId("forgot-password-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        show(account, submit, signInLink());
    }
}

package org.edgewise.account;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/** Where the link mailed at sign-up leads: the address is confirmed, and the user may sign in. */
@Route(value = "verify-email", autoLayout = false)
@PageTitle("Confirm your e-mail address · Edgewise")
@AnonymousAllowed
public class VerifyEmailView extends PublicPage implements BeforeEnterObserver {

    private final SignUps signUps;

    public VerifyEmailView(SignUps signUps) {
        super("Confirm your e-mail address");
        this.signUps = signUps;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String token = event.getLocation().getQueryParameters().getSingleParameter("token").orElse(null);
        try {
            String username = signUps.verify(token).username();
            show(message("verify-email-result", "Your e-mail address is confirmed: you can sign in now as "
                    + username + "."), signInLink());
        } catch (SignUps.InvalidLinkException e) {
            show(message("verify-email-result", e.getMessage()), signInLink());
        }
    }
}

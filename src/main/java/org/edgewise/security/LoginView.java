package org.edgewise.security;

import org.springframework.security.web.WebAttributes;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;

@Route(value = "login", autoLayout = false)
@PageTitle("Sign in · Edgewise")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    private final LoginForm form = new LoginForm();
    private final LoginI18n i18n = LoginI18n.createDefault();

    public LoginView() {
        addClassName("login-view");
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        i18n.getForm().setTitle("Sign in");
        i18n.getForm().setSubmit("Sign in");
        form.setAction("login");
        i18n.getForm().setForgotPassword("Forgot your password?");
        form.addForgotPasswordListener(e -> UI.getCurrent().navigate("forgot-password"));
        H1 brand = new H1("Edgewise");
        brand.addClassName("brand");
        Anchor signUp = new Anchor("sign-up", "Create an account");
        signUp.setId("create-account");
        add(brand, new Paragraph("Edge, cloud and vRAN infrastructure, from order to invoice."), form, signUp);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var parameters = event.getLocation().getQueryParameters().getParameters();
        if (parameters.containsKey("unconfirmed")) {
            i18n.getErrorMessage().setTitle("Confirm your e-mail address first");
            i18n.getErrorMessage().setMessage("Open the link in the mail we sent you when you signed up; "
                    + "then sign in here.");
        } else if (parameters.containsKey("locked")) {
            i18n.getErrorMessage().setTitle("Sign-in refused for now");
            i18n.getErrorMessage().setMessage(refusal());
        } else {
            i18n.getErrorMessage().setTitle("Wrong user name or password");
            i18n.getErrorMessage().setMessage(
                    "Check them and try again. Ask an administrator if your account was disabled.");
        }
        form.setI18n(i18n);
        form.setError(parameters.containsKey("error") || parameters.containsKey("locked")
                || parameters.containsKey("unconfirmed"));
    }

    /** Spring Security left the refusal, with how long to wait, in the session on its way here. */
    private static String refusal() {
        VaadinSession session = VaadinSession.getCurrent();
        Object last = session == null ? null : session.getSession().getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        return last instanceof TooManySignInsException refused ? refused.getMessage()
                : "Too many failed sign-ins: wait a few minutes before you try again, or ask an administrator.";
    }
}

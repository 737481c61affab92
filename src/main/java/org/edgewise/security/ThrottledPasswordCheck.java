package org.edgewise.security;

import java.util.LinkedHashMap;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.DelegatingAuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The console's sign-in: Spring's password check, asked only while the account and the address the
 * attempt comes from have not failed too often (see {@link SignInThrottle}).
 */
class ThrottledPasswordCheck implements AuthenticationProvider {

    /** Where the login page shows why a sign-in was refused without checking the password. */
    static final String LOCKED_URL = "/login?locked";
    /** Where the login page asks a signed-up user to confirm their e-mail address first. */
    static final String UNCONFIRMED_URL = "/login?unconfirmed";

    private final DaoAuthenticationProvider passwords;
    private final UserAccounts accounts;
    private final PasswordEncoder encoder;
    private final SignInThrottle throttle;

    ThrottledPasswordCheck(UserAccounts accounts, PasswordEncoder encoder, SignInThrottle throttle) {
        this.passwords = new DaoAuthenticationProvider(accounts);
        this.passwords.setPasswordEncoder(encoder);
        this.accounts = accounts;
        this.encoder = encoder;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String username = attempt.getName();
        String address = attempt.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : null;
        throttle.startPasswordAttempt(username, address);
        Authentication signedIn;
        try {
            signedIn = passwords.authenticate(attempt);
        } catch (DisabledException e) {
            throttle.passwordFailed(address);
            if (accounts.awaitsConfirmation(username, attempt.getCredentials(), encoder)) {
                throw new EmailNotConfirmedException();
            }
            throw e;
        } catch (AuthenticationException e) {
            throttle.passwordFailed(address);
            throw e;
        }
        throttle.passwordAccepted(username);
        return signedIn;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return passwords.supports(authentication);
    }

    /**
     * Back to the login page, as before, but to {@link #LOCKED_URL} for a refusal; both keep the
     * exception in the session, where the login page reads the refusal's wait.
     */
    static AuthenticationFailureHandler failureHandler() {
        var handlers = new LinkedHashMap<Class<? extends AuthenticationException>, AuthenticationFailureHandler>();
        handlers.put(TooManySignInsException.class, new SimpleUrlAuthenticationFailureHandler(LOCKED_URL));
        handlers.put(EmailNotConfirmedException.class, new SimpleUrlAuthenticationFailureHandler(UNCONFIRMED_URL));
        return new DelegatingAuthenticationFailureHandler(handlers,
                new SimpleUrlAuthenticationFailureHandler("/login?error"));
    }
}

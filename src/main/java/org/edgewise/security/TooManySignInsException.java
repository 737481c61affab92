package org.edgewise.security;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/**
 * A sign-in refused without looking at the password, because the account or the address it came from
 * failed too often lately. The message is written for the person at the login page.
 */
class TooManySignInsException extends AuthenticationException {

    private TooManySignInsException(String message) {
        super(message);
    }

    static TooManySignInsException forAccount(Duration wait) {
        return new TooManySignInsException("Too many failed sign-ins for this account: try again in "
                + SignInThrottle.inWords(wait) + ", or ask an administrator to unlock it.");
    }

    static TooManySignInsException fromAddress(Duration wait) {
        return new TooManySignInsException("Too many failed sign-ins from your network address: try again in "
                + SignInThrottle.inWords(wait) + ".");
    }
}

package org.edgewise.security;

import org.springframework.security.core.AuthenticationException;

/**
 * The right password of a user who signed up and has not yet followed the link mailed to them. Told only
 * after the password was checked, so that it says nothing of an account to whoever does not know it.
 */
class EmailNotConfirmedException extends AuthenticationException {

    EmailNotConfirmedException() {
        super("Confirm your e-mail address first: open the link in the mail we sent you when you signed up.");
    }
}

package org.edgewise.security;

import java.util.Optional;

import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

import com.vaadin.flow.spring.security.AuthenticationContext;

/** The signed-in user of the current request or console session. */
@Component
public class CurrentUser {

    private final AuthenticationContext authentication;

    CurrentUser(AuthenticationContext authentication) {
        this.authentication = authentication;
    }

    public Optional<SignedInUser> user() {
        return authentication.getAuthenticatedUser(SignedInUser.class);
    }

    /** The actor for the document engine; refuses when nobody is signed in. */
    public Actor actor() {
        return user().map(SignedInUser::actor).orElseThrow(() -> new AccessDeniedException("Please sign in."));
    }

    public boolean has(Role role) {
        return user().map(u -> u.roles().contains(role)).orElse(false);
    }

    public void signOut() {
        authentication.logout();
    }
}

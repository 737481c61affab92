package org.edgewise.security;

import java.util.Collection;
import java.util.Set;

import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** A user as Spring Security holds it after sign-in. */
public record SignedInUser(long userId, String username, String displayName, String passwordHash, Set<Role> roles,
        Long organisationId, boolean active) implements UserDetails {

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return roles.stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r.name())).toList();
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isEnabled() {
        return active;
    }

    public Actor actor() {
        return new Actor(username, roles, organisationId);
    }

    @Override
    public String toString() {
        return "SignedInUser[" + username + "]";
    }
}

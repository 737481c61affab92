package org.edgewise.security;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who acts on a document: a signed-in user, or the Master itself for automatic work.
 *
 * @param name           shown in timelines
 * @param roles          what the actor may do
 * @param organisationId the customer organisation a customer acts for, or {@code null} for staff
 */
public record Actor(String name, Set<Role> roles, Long organisationId) {

    public Actor {
        roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    }

    /** The Master acting on its own (start-up tasks, periodic jobs). */
    public static Actor system() {
        return new Actor("system", EnumSet.of(Role.ADMIN), null);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean hasAny(Set<Role> wanted) {
        return wanted.stream().anyMatch(roles::contains);
    }

    /** Staff see every customer's documents; customers only their own organisation's. */
    public boolean isStaff() {
        return roles.stream().anyMatch(Role::isStaff);
    }
}

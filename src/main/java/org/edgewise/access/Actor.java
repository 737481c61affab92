package org.edgewise.access;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who acts on a document: a signed-in user, a node client, or the Master itself for automatic work.
 *
 * @param name           shown in timelines
 * @param roles          what the actor may do
 * @param organisationId the customer organisation a customer acts for, or {@code null} for staff
 */
public record Actor(String name, Set<Role> roles, Long organisationId) {

    private static final Actor SYSTEM = new Actor("system", EnumSet.of(Role.SYSTEM), null);

    public Actor {
        roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    }

    /** The Master acting on its own (start-up tasks, periodic jobs, effects of other actions). */
    public static Actor system() {
        return SYSTEM;
    }

    /** A node client acting with the credential of the computer of this reference. */
    public static Actor node(String computerReference) {
        return new Actor(computerReference, EnumSet.of(Role.NODE), null);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean hasAny(Set<Role> wanted) {
        return wanted.stream().anyMatch(roles::contains);
    }

    /** Whether this actor is a member of one of the groups; the system is a member of every one. */
    public boolean in(RoleGroup... groups) {
        if (isSystem()) {
            return true;
        }
        for (RoleGroup group : groups) {
            if (group.includes(this)) {
                return true;
            }
        }
        return false;
    }

    public boolean isSystem() {
        return roles.contains(Role.SYSTEM);
    }

    /** Staff (and the system) act for the provider; customers only for their own organisation. */
    public boolean isStaff() {
        return in(RoleGroup.STAFF);
    }

    /**
     * Whether documents of every owner are visible to this actor: staff's, the system's, and a node's (a
     * node reaches only its own partitions' instances, which the node API checks before it asks).
     */
    public boolean seesEveryOwner() {
        return isStaff() || has(Role.NODE);
    }
}

package org.edgewise.document;

import java.util.EnumSet;
import java.util.Set;

import org.edgewise.security.Actor;
import org.edgewise.security.Role;

/**
 * One allowed change of state: from {@code from}, the action {@code action} leads to {@code to}, and
 * only actors holding one of {@code roles} may take it.
 */
public record Transition(String from, String action, String to, String label, Set<Role> roles) {

    public Transition {
        roles = EnumSet.copyOf(roles);
    }

    public boolean allows(Actor actor) {
        return actor.hasAny(roles);
    }
}

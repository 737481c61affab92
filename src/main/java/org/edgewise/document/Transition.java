package org.edgewise.document;

import java.util.List;

import org.edgewise.access.Actor;
import org.edgewise.access.RoleGroup;

/**
 * One allowed change of state: from {@code from}, the action {@code action} leads to {@code to}, and
 * only members of one of {@code who} (or the system) may take it.
 */
public record Transition(String from, String action, String to, String label, List<RoleGroup> who) {

    public Transition {
        who = List.copyOf(who);
    }

    public boolean allows(Actor actor) {
        return actor.in(who.toArray(RoleGroup[]::new));
    }
}

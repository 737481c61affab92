package org.edgewise.upgrade;

import java.util.List;

import org.edgewise.access.Actor;
import org.edgewise.access.RoleGroup;
import org.edgewise.document.PageRequest;
import org.edgewise.ui.Attention;
import org.springframework.stereotype.Component;

/** Upgrades waiting for an answer: operations see every one, a customer those of their services. */
@Component
class UpgradeAttention implements Attention {

    private final Upgrades upgrades;

    UpgradeAttention(Upgrades upgrades) {
        this.upgrades = upgrades;
    }

    @Override
    public List<Item> itemsFor(Actor actor) {
        boolean customer = !actor.isStaff() && actor.organisationId() != null;
        if (!customer && !actor.in(RoleGroup.OPERATIONS)) {
            return List.of();
        }
        int proposed = upgrades.count(new PageRequest(null, UpgradeWorkflows.PROPOSED, List.of(), 0, Integer.MAX_VALUE),
                actor);
        return List.of(customer
                ? new Item("upgrades-proposed", "Upgrades proposed for your services", proposed,
                        "Newer versions that passed their tests: accept or reject each", "my/upgrades?state=proposed")
                : new Item("upgrades-proposed", "Upgrades proposed", proposed,
                        "Waiting for the service's owner or an operator", "upgrade-decisions?state=proposed"));
    }
}

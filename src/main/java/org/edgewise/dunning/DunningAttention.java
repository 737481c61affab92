package org.edgewise.dunning;

import java.util.List;

import org.edgewise.access.Actor;
import org.edgewise.access.RoleGroup;
import org.edgewise.document.DocumentEngine;
import org.edgewise.ui.Attention;
import org.springframework.stereotype.Component;

/** Billing staff see the customers reminded of unpaid invoices, and those whose services are stopped. */
@Component
class DunningAttention implements Attention {

    private final DocumentEngine engine;

    DunningAttention(DocumentEngine engine) {
        this.engine = engine;
    }

    @Override
    public List<Item> itemsFor(Actor actor) {
        if (!actor.in(RoleGroup.FINANCE)) {
            return List.of();
        }
        var counts = engine.countByState(DunningWorkflows.TYPE, actor);
        return List.of(
                new Item("reminders-reminded", "Reminded", counts.getOrDefault(DunningWorkflows.REMINDED, 0),
                        "Invoices past due; services stop unless paid", "reminders?state=" + DunningWorkflows.REMINDED),
                new Item("reminders-stopped", "Services stopped", counts.getOrDefault(
                        DunningWorkflows.SERVICES_STOPPED, 0), "Stopped for non-payment; destroyed unless paid",
                        "reminders?state=" + DunningWorkflows.SERVICES_STOPPED));
    }
}

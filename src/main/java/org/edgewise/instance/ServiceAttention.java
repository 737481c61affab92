package org.edgewise.instance;

import java.util.ArrayList;
import java.util.List;

import org.edgewise.access.Actor;
import org.edgewise.access.RoleGroup;
import org.edgewise.document.DocumentEngine;
import org.edgewise.ui.Attention;
import org.springframework.stereotype.Component;

/**
 * Customers see their services that wait for a place and those started; operators see every service
 * waiting for a place, since only they can make room.
 */
@Component
class ServiceAttention implements Attention {

    private final Trees trees;
    private final DocumentEngine engine;

    ServiceAttention(Trees trees, DocumentEngine engine) {
        this.trees = trees;
        this.engine = engine;
    }

    @Override
    public List<Item> itemsFor(Actor actor) {
        boolean customer = !actor.isStaff() && actor.organisationId() != null;
        boolean operator = actor.in(RoleGroup.OPERATIONS);
        List<Item> items = new ArrayList<>();
        if (customer || operator) {
            items.add(new Item("services-pending", "Services waiting for a place", trees.countPending(actor),
                    customer ? "Requested, not running anywhere yet" : "No computer can take them yet: see why on each",
                    "services"));
        }
        if (customer) {
            items.add(new Item("services-started", "Started services",
                    engine.countByState(InstanceWorkflows.TREE, actor).getOrDefault(InstanceWorkflows.STARTED, 0),
                    "Your services that should be running", "services?state=started"));
        }
        return items;
    }
}

package org.edgewise.instance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.edgewise.access.Actor;
import org.edgewise.access.RoleGroup;
import org.edgewise.ui.Attention;
import org.springframework.stereotype.Component;

/**
 * Services counted by what is true of them, the same status their lists show: customers see theirs waiting for
 * a place, failing and running; operators every service waiting for a place, since only they can make room, and
 * every failing one.
 */
@Component
class ServiceAttention implements Attention {

    private final Trees trees;

    ServiceAttention(Trees trees) {
        this.trees = trees;
    }

    @Override
    public List<Item> itemsFor(Actor actor) {
        boolean customer = !actor.isStaff() && actor.organisationId() != null;
        boolean operator = actor.in(RoleGroup.OPERATIONS);
        List<Item> items = new ArrayList<>();
        if (!customer && !operator) {
            return items;
        }
        Map<ServiceTruth.Kind, Integer> counts = trees.countByStatus(actor);
        items.add(new Item("services-pending", "Services waiting for a place", counts.get(ServiceTruth.Kind.WAITING),
                customer ? "Requested, not running anywhere yet" : "No computer can take them yet: see why on each",
                "services"));
        int failing = Arrays.stream(ServiceTruth.Kind.values()).filter(ServiceTruth.Kind::failing)
                .mapToInt(counts::get).sum();
        items.add(new Item("services-failing", "Failing services", failing,
                "A promise fails, the build failed or the node lost it: see why on each", "services"));
        if (customer) {
            items.add(new Item("services-started", "Running services", counts.get(ServiceTruth.Kind.RUNNING),
                    "Your services running as asked, every check passing", "services?state=started"));
        }
        return items;
    }
}

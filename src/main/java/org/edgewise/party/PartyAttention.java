package org.edgewise.party;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.edgewise.access.Actor;
import org.edgewise.access.RoleGroup;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.ui.Attention;
import org.springframework.stereotype.Component;

/** Administrators see users and customers; sales see customers; a customer sees its own organisation. */
@Component
class PartyAttention implements Attention {

    private final DocumentEngine engine;

    PartyAttention(DocumentEngine engine) {
        this.engine = engine;
    }

    @Override
    public List<Item> itemsFor(Actor actor) {
        List<Item> items = new ArrayList<>();
        if (actor.in(RoleGroup.SALES_TEAM)) {
            Map<String, Integer> orgs = engine.countByState(PartyWorkflows.ORGANISATION, actor);
            items.add(new Item("organisations-active", "Customers", orgs.getOrDefault(PartyWorkflows.ACTIVE, 0),
                    "Active customer organisations", "organisations?state=active"));
        }
        if (actor.in(RoleGroup.ADMINISTRATORS)) {
            Map<String, Integer> users = engine.countByState(PartyWorkflows.USER, actor);
            items.add(new Item("users-disabled", "Disabled users", users.getOrDefault(PartyWorkflows.DISABLED, 0),
                    "Cannot sign in until enabled again", "users?state=disabled"));
        }
        if (!actor.isStaff() && actor.organisationId() != null) {
            Document org = engine.get(actor.organisationId(), actor);
            items.add(new Item("my-organisation", org.title(), 1, "Your organisation " + org.reference(),
                    "organisations/" + org.reference()));
        }
        return items;
    }
}

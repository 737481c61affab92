package org.edgewise.support;

import java.util.ArrayList;
import java.util.List;

import org.edgewise.access.Actor;
import org.edgewise.access.RoleGroup;
import org.edgewise.ui.Attention;
import org.springframework.stereotype.Component;

/** Support sees the open tickets, the overdue ones and their own; a customer sees their open tickets. */
@Component
class TicketAttention implements Attention {

    private final Tickets tickets;

    TicketAttention(Tickets tickets) {
        this.tickets = tickets;
    }

    @Override
    public List<Item> itemsFor(Actor actor) {
        Tickets.Workload load = tickets.workload(actor);
        List<Item> items = new ArrayList<>();
        if (actor.in(RoleGroup.SUPPORT_TEAM)) {
            items.add(new Item("tickets-open", "Open tickets", load.open(), "Not resolved yet, soonest due first",
                    "tickets"));
            items.add(new Item("tickets-overdue", "Overdue tickets", load.overdue(),
                    "Past their first answer or resolution time", "tickets"));
            items.add(new Item("tickets-mine", "Assigned to me", load.mine(), "Tickets you have", "tickets?mine"));
        } else if (!actor.isStaff()) {
            items.add(new Item("tickets-open", "Your open tickets", load.open(), "Questions support is working on",
                    "my/tickets"));
        }
        return items;
    }
}

package org.edgewise.computer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.edgewise.access.Actor;
import org.edgewise.access.RoleGroup;
import org.edgewise.document.DocumentEngine;
import org.edgewise.ui.Attention;
import org.springframework.stereotype.Component;

/**
 * Operators see the computers whose node fell silent, those waiting to be opened, those closed for maintenance,
 * and those open.
 */
@Component
class ComputerAttention implements Attention {

    private final DocumentEngine engine;
    private final Computers computers;

    ComputerAttention(DocumentEngine engine, Computers computers) {
        this.engine = engine;
        this.computers = computers;
    }

    @Override
    public List<Item> itemsFor(Actor actor) {
        if (!actor.in(RoleGroup.OPERATIONS)) {
            return List.of();
        }
        Map<String, Integer> counts = engine.countByState(ComputerWorkflows.TYPE, actor);
        List<Item> items = new ArrayList<>();
        String silent = Computers.Contact.SILENT.parameter();
        items.add(new Item("computers-silent", "Silent computers",
                computers.countByContact(actor).get(Computers.Contact.SILENT),
                "Their node has not been in contact for a while", "computers?contact=" + silent));
        items.add(new Item("computers-draft", "Computers in draft", counts.getOrDefault(ComputerWorkflows.DRAFT, 0),
                "Enrolled but not open for allocation yet", "computers?state=draft"));
        items.add(new Item("computers-closed", "Closed for maintenance", counts.getOrDefault(ComputerWorkflows.CLOSED, 0),
                "Receive no new instances until reopened", "computers?state=closed"));
        items.add(new Item("computers-open", "Open computers", counts.getOrDefault(ComputerWorkflows.OPEN, 0),
                "Available for allocation", "computers?state=open"));
        return items;
    }
}

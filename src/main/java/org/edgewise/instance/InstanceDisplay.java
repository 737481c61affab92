package org.edgewise.instance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.edgewise.document.State;
import org.edgewise.ui.StateBadge;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.DescriptionList;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;

/** How the console writes an instance's place, SLA, parameters and published values, on every page alike. */
final class InstanceDisplay {

    private InstanceDisplay() {
    }

    /**
     * Where the instance runs (and, when it waits to move, why), or, for a customer, why it does not run
     * anywhere yet.
     */
    static String place(InstanceInfo instance) {
        if (instance.allocated()) {
            return (instance.shared() ? "shared, inside " + where(instance) : where(instance))
                    + placedNote(instance.allocationNote());
        }
        if (instance.requestedState().equals(InstanceWorkflows.DESTROYED)) {
            return "not placed";
        }
        return waiting(instance.allocationNote());
    }

    /**
     * What is true of a service or instance as a badge, with what was asked beside it where the two differ
     * ("asked: started").
     */
    static Component status(ServiceTruth.Status status) {
        StateBadge badge = new StateBadge(new State(status.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                status.text(), status.tone(), false));
        badge.addClassName("service-status");
        Span shown = new Span(badge);
        shown.addClassName("service-status-cell");
        if (!status.matchesAsked() && status.asked() != null) {
            Span asked = new Span("asked: " + InstanceWorkflows.requested(status.asked()).label());
            asked.addClassName("service-asked");
            shown.add(asked);
        }
        return shown;
    }

    /** The allocator's explanation, labelled for the person waiting. */
    static String waiting(String allocationNote) {
        return allocationNote == null || allocationNote.isBlank() ? "Waiting for a place."
                : "Waiting for a place: " + allocationNote;
    }

    /** What is said of a placed instance beside its place: that it waits to move, and why. */
    static String placedNote(String allocationNote) {
        return allocationNote == null || allocationNote.isBlank() ? "" : ": " + allocationNote;
    }

    /** The computer, partition and address of an allocated instance. */
    static String where(InstanceInfo instance) {
        return instance.computer() + " " + instance.partition()
                + (instance.address() == null ? "" : " (" + instance.address() + ")");
    }

    /**
     * What the instance publishes, with URLs as links; once it is destroyed (requested or reported), the
     * former values struck out and never as links, since its addresses may already serve another service.
     */
    static Component connection(InstanceInfo instance) {
        boolean former = instance.destroyed();
        JsonNode node = instance.connectionParameters();
        if (node == null || !node.isObject() || node.isEmpty()) {
            Paragraph none = new Paragraph(former ? "Nothing published." : "Nothing published yet.");
            none.addClassName("instance-connection");
            return none;
        }
        DescriptionList list = new DescriptionList();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String value = entry.getValue().isValueNode() ? entry.getValue().asText() : entry.getValue().toString();
            Component shownValue;
            if (former) {
                shownValue = formerValue(value);
            } else {
                shownValue = value.startsWith("http://") || value.startsWith("https://") ? new Anchor(value, value)
                        : new Span(value);
            }
            list.add(new DescriptionList.Term(entry.getKey()), new DescriptionList.Description(shownValue));
        }
        if (!former) {
            list.addClassName("instance-connection");
            return list;
        }
        Paragraph gone = new Paragraph("Destroyed: these values are no longer in use, and the addresses may already "
                + "serve another service.");
        gone.addClassName("instance-connection-gone");
        Div shown = new Div(gone, list);
        shown.addClassNames("instance-connection", "instance-connection-former");
        return shown;
    }

    /** A value no longer in use: said to be former, struck out, never a link. */
    private static Component formerValue(String value) {
        Span struck = new Span(value);
        struck.addClassName("former-value");
        struck.getStyle().set("text-decoration", "line-through");
        return new Span(new Span("was "), struck);
    }

    static String describeSla(JsonNode sla) {
        if (sla == null || !sla.isObject() || sla.isEmpty()) {
            return "anywhere the release is supplied";
        }
        List<String> parts = new ArrayList<>();
        sla.properties().forEach(e -> parts.add(e.getKey() + ": " + e.getValue().asText()));
        return String.join(", ", parts);
    }
}

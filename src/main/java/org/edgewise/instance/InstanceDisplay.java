package org.edgewise.instance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.DescriptionList;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;

/** How the console writes an instance's place, SLA, parameters and published values, on every page alike. */
final class InstanceDisplay {

    private final ObjectMapper json;

    InstanceDisplay(ObjectMapper json) {
        this.json = json;
    }

    /** Where the instance runs, or, for a customer, why it does not run anywhere yet. */
    static String place(InstanceInfo instance) {
        if (instance.allocated()) {
            return instance.shared() ? "shared, inside " + where(instance) : where(instance);
        }
        if (instance.requestedState().equals("destroyed")) {
            return "not placed";
        }
        return waiting(instance.allocationNote());
    }

    /** The allocator's explanation, labelled for the person waiting. */
    static String waiting(String allocationNote) {
        return allocationNote == null || allocationNote.isBlank() ? "Waiting for a place."
                : "Waiting for a place: " + allocationNote;
    }

    /** The computer, partition and address of an allocated instance. */
    static String where(InstanceInfo instance) {
        return instance.computer() + " " + instance.partition()
                + (instance.address() == null ? "" : " (" + instance.address() + ")");
    }

    /** What the instance publishes, with URLs as links. */
    Component connection(String parameters) {
        JsonNode node = read(parameters);
        if (node == null || !node.isObject() || node.isEmpty()) {
            Paragraph none = new Paragraph("Nothing published yet.");
            none.addClassName("instance-connection");
            return none;
        }
        DescriptionList list = new DescriptionList();
        list.addClassName("instance-connection");
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String value = entry.getValue().isValueNode() ? entry.getValue().asText() : entry.getValue().toString();
            Component shownValue = value.startsWith("http://") || value.startsWith("https://")
                    ? new Anchor(value, value) : new Span(value);
            list.add(new DescriptionList.Term(entry.getKey()), new DescriptionList.Description(shownValue));
        }
        return list;
    }

    String describeSla(String sla) {
        JsonNode node = read(sla);
        if (node == null || !node.isObject() || node.isEmpty()) {
            return "anywhere the release is supplied";
        }
        List<String> parts = new ArrayList<>();
        node.properties().forEach(e -> parts.add(e.getKey() + ": " + e.getValue().asText()));
        return String.join(", ", parts);
    }

    String pretty(String jsonText) {
        JsonNode node = read(jsonText);
        if (node == null) {
            return jsonText;
        }
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return jsonText;
        }
    }

    private JsonNode read(String jsonText) {
        try {
            return jsonText == null ? null : json.readTree(jsonText);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}

package org.edgewise.instance;

import java.util.List;
import java.util.Map;

import org.edgewise.document.DocumentEngine;
import org.edgewise.document.DocumentNotFoundException;
import org.edgewise.security.Actor;
import org.edgewise.security.CurrentUser;
import org.edgewise.security.Role;
import org.edgewise.ui.DocumentPage;
import org.edgewise.ui.NotFoundPanel;
import org.edgewise.ui.StateBadge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.DescriptionList;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;

import jakarta.annotation.security.RolesAllowed;

/**
 * One service (instance tree): its request, then every instance with its state, its place or why it
 * has none yet, what it publishes and its parameters. It refreshes itself while open, so a requester
 * sees the service go from pending to allocated to started.
 */
@Route("services/:reference")
@RolesAllowed({ Role.CUSTOMER_NAME, Role.OPERATOR_NAME, Role.ADMIN_NAME, Role.SUPPORT_NAME, Role.SALES_NAME,
        Role.BILLING_NAME })
public class ServiceView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    static final int REFRESH_MILLIS = 5000;

    private final Trees trees;
    private final DocumentEngine engine;
    private final ObjectMapper json;
    private final Actor actor;
    private final Div instances = new Div();
    private String reference;
    private Trees.Tree shown;
    private Registration polling;

    public ServiceView(Trees trees, DocumentEngine engine, ObjectMapper json, CurrentUser currentUser) {
        this.trees = trees;
        this.engine = engine;
        this.json = json;
        this.actor = currentUser.actor();
        instances.setId("service-instances");
        instances.addClassName("instance-cards");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        reference = event.getRouteParameters().get("reference").orElse("");
        load();
    }

    @Override
    public String getPageTitle() {
        return reference + " · Services · Edgewise";
    }

    @Override
    protected void onAttach(AttachEvent event) {
        event.getUI().setPollInterval(REFRESH_MILLIS);
        polling = event.getUI().addPollListener(e -> refreshInstances());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        event.getUI().setPollInterval(-1);
        if (polling != null) {
            polling.remove();
        }
    }

    private void load() {
        removeAll();
        Trees.Tree tree;
        try {
            tree = trees.get(reference, actor);
        } catch (DocumentNotFoundException e) {
            add(new NotFoundPanel("Service", reference, "services", "All services"));
            shown = null;
            return;
        }
        var doc = engine.get(reference, actor);
        DocumentPage page = new DocumentPage(engine, actor, d -> load());
        page.confirmBefore("destroy", "Every instance of \"" + tree.title() + "\" will be stopped and deleted with "
                + "its data, and " + tree.reference() + " cannot be started again.");
        page.setFields(fields(tree.root()));
        VerticalLayout lines = new VerticalLayout(new H3("Instances"), instances);
        lines.setPadding(false);
        page.setLines(lines);
        showInstances(tree);
        page.show(doc);
        add(page);
    }

    private void refreshInstances() {
        if (shown == null) {
            return;
        }
        try {
            Trees.Tree tree = trees.get(reference, actor);
            if (!tree.instances().equals(shown.instances())) {
                showInstances(tree);
            }
        } catch (DocumentNotFoundException e) {
            shown = null;
        }
    }

    private FormLayout fields(InstanceInfo root) {
        FormLayout form = new FormLayout();
        TextField release = readOnly("Release", root.releaseUrl(), "tree-release");
        form.add(release, readOnly("Software type", root.softwareType(), "tree-software-type"),
                readOnly("Where it runs", describeSla(root.sla()), "tree-sla"),
                readOnly("Shared", root.shared() ? "yes, inside another instance" : "no, in its own partition",
                        "tree-shared"));
        form.setColspan(release, 2);
        return form;
    }

    private void showInstances(Trees.Tree tree) {
        shown = tree;
        instances.removeAll();
        for (InstanceInfo instance : tree.instances()) {
            instances.add(card(instance));
        }
    }

    private Component card(InstanceInfo instance) {
        Span ref = new Span(instance.reference());
        ref.addClassName("document-reference");
        Span title = new Span(instance.title());
        title.addClassName("instance-title");
        Span reported = new Span("reported: "
                + (instance.reportedState() == null ? "nothing yet" : instance.reportedState()));
        reported.addClassName("instance-reported");
        Div header = new Div(ref, title, new StateBadge(instance.requestedState()), reported);
        header.addClassName("instance-header");
        Paragraph place = new Paragraph(place(instance));
        place.addClassName("instance-place");
        Div card = new Div(header, place);
        card.addClassName("instance-card");
        card.setId("instance-" + instance.reference());
        if (instance.errorLog() != null) {
            Pre error = new Pre(instance.errorLog());
            error.addClassNames("log", "instance-error");
            card.add(new H4("Error"), error);
        }
        card.add(new H4("Connection parameters"), connection(instance.connectionParameters()));
        Pre parameters = new Pre(pretty(instance.parameters()));
        parameters.addClassNames("log", "instance-parameters");
        card.add(new H4("Parameters"), parameters);
        return card;
    }

    static String place(InstanceInfo instance) {
        if (instance.allocated()) {
            String where = instance.computer() + " " + instance.partition()
                    + (instance.address() == null ? "" : " (" + instance.address() + ")");
            return instance.shared() ? "shared, inside " + where : where;
        }
        if (instance.requestedState().equals("destroyed")) {
            return "not placed";
        }
        return "pending: " + (instance.allocationNote() == null ? "waiting for a place" : instance.allocationNote());
    }

    private Component connection(String parameters) {
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

    private String describeSla(String sla) {
        JsonNode node = read(sla);
        if (node == null || !node.isObject() || node.isEmpty()) {
            return "anywhere the release is supplied";
        }
        List<String> parts = new java.util.ArrayList<>();
        node.properties().forEach(e -> parts.add(e.getKey() + ": " + e.getValue().asText()));
        return String.join(", ", parts);
    }

    private String pretty(String jsonText) {
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

    private static TextField readOnly(String label, String value, String id) {
        TextField field = new TextField(label);
        field.setValue(value == null ? "" : value);
        field.setReadOnly(true);
        field.setId(id);
        return field;
    }
}

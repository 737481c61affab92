package org.edgewise.instance;

import java.util.List;

import org.edgewise.ui.StateBadge;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;

/**
 * Instances, each with a link to its own page, its title, requested and reported state and its place: one
 * line each (the instances around an instance), or a card each that also shows what it publishes and its
 * parameters (the instances of a service). Shown again with {@link #show} when they change.
 */
final class InstanceList extends Div {

    enum Layout {
        /** One line per instance. */
        LINES("instance-list"),
        /** A card per instance, with its error, what it publishes and its parameters. */
        CARDS("instance-cards");

        private final String className;

        Layout(String className) {
            this.className = className;
        }
    }

    private final Layout layout;
    private final String empty;

    /** @param empty what is said when there is no instance */
    InstanceList(String id, Layout layout, String empty) {
        this.layout = layout;
        this.empty = empty;
        setId(id);
        addClassName(layout.className);
    }

    void show(List<InstanceInfo> instances) {
        removeAll();
        if (instances.isEmpty()) {
            add(new Paragraph(empty));
            return;
        }
        for (InstanceInfo instance : instances) {
            add(layout == Layout.LINES ? line(instance) : card(instance));
        }
    }

    private static Component line(InstanceInfo instance) {
        Div header = header(instance);
        Span place = new Span(InstanceDisplay.place(instance));
        place.addClassName("instance-place");
        header.add(place);
        return header;
    }

    private static Component card(InstanceInfo instance) {
        Paragraph place = new Paragraph(InstanceDisplay.place(instance));
        place.addClassName("instance-place");
        Div card = new Div(header(instance), place);
        card.addClassName("instance-card");
        card.setId("instance-" + instance.reference());
        if (instance.errorLog() != null) {
            Pre error = new Pre(instance.errorLog());
            error.addClassNames("log", "instance-error");
            card.add(new H4("Error"), error);
        }
        card.add(new H4("Connection parameters"), InstanceDisplay.connection(instance));
        Pre parameters = new Pre(instance.parameters().toPrettyString());
        parameters.addClassNames("log", "instance-parameters");
        card.add(new H4("Parameters"), parameters);
        return card;
    }

    private static Div header(InstanceInfo instance) {
        Anchor ref = new Anchor("instances/" + instance.reference(), instance.reference());
        ref.addClassNames("document-reference", "instance-link");
        ref.setTitle("Open instance " + instance.reference());
        Span title = new Span(instance.title());
        title.addClassName("instance-title");
        Span reported = new Span("reported: "
                + (instance.reportedState() == null ? "nothing yet" : instance.reportedState()));
        reported.addClassName("instance-reported");
        Div header = new Div(ref, title, new StateBadge(InstanceWorkflows.requested(instance.requestedState())), reported);
        header.addClassName("instance-header");
        return header;
    }
}

package org.edgewise.instance;

import java.util.List;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;

/**
 * Instances, each with a link to its own page, its title, what is true of it (with what was asked where that
 * differs), what its node reported, its place and, for staff, its owner: one
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
    private final boolean owners;

    /**
     * @param empty  what is said when there is no instance
     * @param owners whether each instance's owner is said (to staff, who see every customer's)
     */
    InstanceList(String id, Layout layout, String empty, boolean owners) {
        this.layout = layout;
        this.empty = empty;
        this.owners = owners;
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

    private Component line(InstanceInfo instance) {
        Div header = header(instance);
        Span place = new Span(InstanceDisplay.place(instance));
        place.addClassName("instance-place");
        header.add(place);
        return header;
    }

    private Component card(InstanceInfo instance) {
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

    private Div header(InstanceInfo instance) {
        Anchor ref = new Anchor("instances/" + instance.reference(), instance.reference());
        ref.addClassNames("document-reference", "instance-link");
        ref.setTitle("Open instance " + instance.reference());
        Span title = new Span(instance.title());
        title.addClassName("instance-title");
        Span reported = new Span("reported: "
                + (instance.reportedState() == null ? "nothing yet" : instance.reportedState()));
        reported.addClassName("instance-reported");
        Div header = new Div(ref, title, InstanceDisplay.status(instance.status()), reported);
        header.addClassName("instance-header");
        if (owners) {
            Span owner = new Span("owner: " + (instance.owner() == null ? "operator" : instance.owner()));
            owner.addClassName("instance-owner");
            header.add(owner);
        }
        return header;
    }
}

package org.edgewise.instance;

import org.edgewise.ui.Formats;
import org.edgewise.ui.StateBadge;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.DescriptionList;
import com.vaadin.flow.component.html.Span;

/**
 * The facts of an instance on its page: its service and requester, what was requested (release, software
 * type, SLA, sharing), its owner for staff, where it runs or why it does not yet, what is true of it, and its
 * requested and reported states.
 */
final class InstanceFacts extends DescriptionList {

    /**
     * @param ownedByCustomer whether the instance belongs to a customer (else to the operator)
     * @param staff           whether the reader may open the computer it runs on
     */
    InstanceFacts(Trees.InstanceDetails details, String release, boolean ownedByCustomer, boolean staff) {
        InstanceInfo instance = details.instance();
        addClassNames("instance-facts");
        setId("instance-facts");
        fact("Service", link("services/" + instance.tree(), instance.tree() + " " + details.treeTitle(),
                "instance-tree-link"));
        fact("Requested by", details.requester() == null
                ? text("the service's owner: this is the service's root instance", "instance-requester")
                : link("instances/" + details.requester().reference(), details.requester().reference() + " "
                        + details.requester().title(), "instance-requester-link"));
        fact("Release", text(release, "instance-release"));
        fact("Software type", text(instance.softwareType(), "instance-software-type"));
        fact("Where it may run", text(InstanceDisplay.describeSla(instance.sla()), "instance-sla"));
        fact("Shared", shared(details));
        if (!instance.shared()) {
            fact("Offered for sharing", text(offered(instance, ownedByCustomer), "instance-offered"));
        }
        if (staff) {
            fact("Owner", text(instance.owner() == null ? "operator" : instance.owner(), "instance-owner"));
        }
        fact("Place", place(instance, staff));
        Component status = InstanceDisplay.status(instance.status());
        status.setId("instance-status");
        fact("Status", status);
        fact("Requested state", new StateBadge(InstanceWorkflows.requested(instance.requestedState())));
        fact("Reported state", text(instance.reportedState() == null ? "nothing reported yet"
                : instance.reportedState() + ", at " + Formats.when(details.reportedAt(), "an unknown time"),
                "instance-reported"));
    }

    private static Component shared(Trees.InstanceDetails details) {
        if (!details.instance().shared()) {
            return text("no, in its own partition", "instance-shared");
        }
        if (details.host() == null) {
            return text("yes, once a host instance is found", "instance-shared");
        }
        Span shared = new Span("yes, inside ");
        shared.setId("instance-shared");
        shared.add(details.hostVisible()
                ? link("instances/" + details.host().reference(), details.host().reference() + " "
                        + details.host().title(), "instance-host-link")
                : new Span(details.host().reference()));
        return shared;
    }

    private static String offered(InstanceInfo instance, boolean ownedByCustomer) {
        if (!instance.offeredForSharing()) {
            return "no: it takes no new shared instance";
        }
        return "yes: it takes new shared instances of its release and software type, from "
                + (ownedByCustomer ? "its owner only" : "every customer");
    }

    /** Staff may open the computer; customers see where it runs. */
    private static Component place(InstanceInfo instance, boolean staff) {
        if (!instance.allocated()) {
            Span waiting = text(InstanceDisplay.place(instance), "instance-place");
            waiting.addClassName("instance-waiting");
            return waiting;
        }
        Span place = new Span();
        place.setId("instance-place");
        if (instance.shared()) {
            place.add("shared, inside ");
        }
        if (staff) {
            place.add(link("computers/" + instance.computer(), instance.computer(), "instance-computer-link"));
        } else {
            place.add(instance.computer());
        }
        place.add(" " + instance.partition() + (instance.address() == null ? "" : " (" + instance.address() + ")")
                + InstanceDisplay.placedNote(instance.allocationNote()));
        return place;
    }

    private void fact(String term, Component description) {
        add(new DescriptionList.Term(term), new DescriptionList.Description(description));
    }

    private static Anchor link(String href, String text, String id) {
        Anchor anchor = new Anchor(href, text);
        anchor.setId(id);
        return anchor;
    }

    private static Span text(String value, String id) {
        Span span = new Span(value);
        span.setId(id);
        return span;
    }
}

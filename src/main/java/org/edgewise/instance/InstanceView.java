package org.edgewise.instance;

import java.util.List;

import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.DocumentNotFoundException;
import org.edgewise.document.WorkflowException;
import org.edgewise.security.CurrentUser;
import org.edgewise.security.Role;
import org.edgewise.ui.DocumentPage;
import org.edgewise.ui.DocumentView;
import org.edgewise.ui.Formats;
import org.edgewise.ui.Notifications;
import org.edgewise.ui.StateBadge;
import org.springframework.security.access.AccessDeniedException;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.DescriptionList;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;

import jakarta.annotation.security.RolesAllowed;

/**
 * One instance of a service: what was requested (release, type, parameters, SLA), where it runs or why
 * it does not yet, what its node reported and what it publishes, the instances around it, and its
 * timeline. Its owner changes its parameters here, offers it for sharing and starts, stops or destroys it.
 * It refreshes itself while open, unless the parameters are being edited.
 */
@Route("instances/:reference")
@RolesAllowed({ Role.CUSTOMER_NAME, Role.OPERATOR_NAME, Role.ADMIN_NAME, Role.SUPPORT_NAME, Role.SALES_NAME,
        Role.BILLING_NAME })
public class InstanceView extends DocumentView<Trees.InstanceDetails> {

    static final int ERROR_LINES = 40;

    private final Trees trees;
    private final InstanceEdits edits;
    private final InstanceSharing sharing;
    private Trees.InstanceDetails shown;
    private TextArea parameters;
    private String shownParameters;
    private Registration polling;

    public InstanceView(Trees trees, InstanceEdits edits, InstanceSharing sharing, DocumentEngine engine,
            CurrentUser currentUser) {
        super(engine, currentUser, "Instance", "Services", "services", "All services");
        this.trees = trees;
        this.edits = edits;
        this.sharing = sharing;
    }

    @Override
    protected Trees.InstanceDetails find(String reference) {
        return trees.instanceDetails(reference, actor);
    }

    @Override
    protected long idOf(Trees.InstanceDetails details) {
        return details.instance().id();
    }

    @Override
    protected void compose(DocumentPage page, Trees.InstanceDetails details, Document doc) {
        shown = details;
        InstanceInfo instance = details.instance();
        if (details.isRoot()) {
            Document tree = engine.get(instance.treeId(), actor);
            page.takeActionsOn(tree, "The root instance is started, stopped and destroyed with its whole service "
                    + tree.reference());
            page.confirmBefore("destroy", "Every instance of the service \"" + tree.title() + "\" (" + tree.reference()
                    + ") will be stopped and deleted with its data, and it cannot be started again.");
        } else {
            page.confirmBefore("destroy", "The instance \"" + instance.title() + "\" and every instance it requested "
                    + "will be stopped and deleted with their data, and " + instance.reference()
                    + " cannot be started again.");
        }
        VerticalLayout fields = new VerticalLayout(facts(details));
        fields.setPadding(false);
        fields.setSpacing(false);
        if (!instance.shared() && !instance.destroyed() && sharing.mayOffer(doc, actor)) {
            fields.add(sharingControl(instance));
        }
        if (instance.errorLog() != null) {
            Pre error = new Pre(tail(instance.errorLog(), ERROR_LINES));
            error.addClassName("log");
            error.setId("instance-error");
            fields.add(new H4("Error reported by the node (last lines)"), error);
        }
        Component connection = InstanceDisplay.connection(instance);
        connection.setId("instance-connection");
        fields.add(new H4("Connection parameters"), connection);
        fields.add(new H4("Parameters"), parametersEditor(instance, engine.canEdit(doc, actor)
                && engine.workflow(InstanceWorkflows.TREE).isEditableIn(details.treeState())));
        fields.addClassName("instance-page-fields");
        page.setFields(fields);
        VerticalLayout lines = new VerticalLayout(new H3("Instances it requested"),
                list(details.children(), "instance-children", "It has requested no other instance."));
        lines.setPadding(false);
        if (!details.hosted().isEmpty()) {
            lines.add(new H3("Shared instances it hosts"),
                    list(details.hosted(), "instance-hosted", "It hosts no shared instance."));
        }
        page.setLines(lines);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        event.getUI().setPollInterval(ServiceView.REFRESH_MILLIS);
        polling = event.getUI().addPollListener(e -> refresh());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        event.getUI().setPollInterval(-1);
        if (polling != null) {
            polling.remove();
        }
    }

    /** Shows what changed since the page was drawn, but never under the hands of someone editing. */
    private void refresh() {
        if (shown == null || (parameters != null && !parameters.getValue().equals(shownParameters))) {
            return;
        }
        try {
            if (!find(reference).equals(shown)) {
                load();
            }
        } catch (DocumentNotFoundException e) {
            shown = null;
        }
    }

    private DescriptionList facts(Trees.InstanceDetails details) {
        InstanceInfo instance = details.instance();
        DescriptionList facts = new DescriptionList();
        facts.addClassNames("instance-facts");
        facts.setId("instance-facts");
        fact(facts, "Service", link("services/" + instance.tree(), instance.tree() + " " + details.treeTitle(),
                "instance-tree-link"));
        fact(facts, "Requested by", details.requester() == null
                ? text("the service's owner: this is the service's root instance", "instance-requester")
                : link("instances/" + details.requester().reference(), details.requester().reference() + " "
                        + details.requester().title(), "instance-requester-link"));
        fact(facts, "Release", text(instance.releaseUrl(), "instance-release"));
        fact(facts, "Software type", text(instance.softwareType(), "instance-software-type"));
        fact(facts, "Where it may run", text(InstanceDisplay.describeSla(instance.sla()), "instance-sla"));
        fact(facts, "Shared", shared(details));
        if (!instance.shared()) {
            fact(facts, "Offered for sharing", text(offered(instance), "instance-offered"));
        }
        fact(facts, "Place", place(instance));
        fact(facts, "Requested state", new StateBadge(instance.requestedState()));
        fact(facts, "Reported state", text(instance.reportedState() == null ? "nothing reported yet"
                : instance.reportedState() + ", at " + Formats.when(details.reportedAt(), "an unknown time"),
                "instance-reported"));
        return facts;
    }

    private Component shared(Trees.InstanceDetails details) {
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

    private String offered(InstanceInfo instance) {
        if (!instance.offeredForSharing()) {
            return "no: it takes no new shared instance";
        }
        return "yes: it takes new shared instances of its release and software type, from "
                + (engine.get(instance.id(), actor).ownerId() == null ? "every customer" : "its owner only");
    }

    /** Offers the instance for sharing, or withdraws the offer, saying what that does to those already inside. */
    private Component sharingControl(InstanceInfo instance) {
        boolean offered = instance.offeredForSharing();
        Button toggle = new Button(offered ? "Withdraw the sharing offer" : "Offer for sharing", e -> {
            try {
                sharing.offer(instance.reference(), !offered, actor);
            } catch (WorkflowException | DocumentNotFoundException | AccessDeniedException
                    | IllegalArgumentException ex) {
                Notifications.error(ex.getMessage());
                return;
            }
            Notifications.success(offered ? "The offer of " + instance.reference() + " is withdrawn: no new shared "
                    + "instance comes in, those already inside stay."
                    : instance.reference() + " is offered for sharing.");
            load();
        });
        toggle.setId("instance-sharing-toggle");
        Paragraph what = new Paragraph(offered
                ? "Withdrawing the offer stops new shared instances from coming in; the shared instances already "
                        + "inside stay until they or this instance are destroyed."
                : "Offering it lets shared instances of the same release and software type run inside it: "
                        + "other customers' too when it is the operator's, else only its owner's.");
        what.addClassName("instance-sharing-help");
        VerticalLayout control = new VerticalLayout(toggle, what);
        control.setPadding(false);
        control.setSpacing(false);
        control.addClassName("instance-sharing");
        return control;
    }

    /** Staff may open the computer; customers see where it runs. */
    private Component place(InstanceInfo instance) {
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
        if (actor.isStaff()) {
            place.add(link("computers/" + instance.computer(), instance.computer(), "instance-computer-link"));
        } else {
            place.add(instance.computer());
        }
        place.add(" " + instance.partition() + (instance.address() == null ? "" : " (" + instance.address() + ")")
                + InstanceDisplay.placedNote(instance.allocationNote()));
        return place;
    }

    private Component parametersEditor(InstanceInfo instance, boolean editable) {
        parameters = new TextArea();
        parameters.setId("instance-parameters");
        parameters.setWidthFull();
        parameters.setAriaLabel("Parameters");
        shownParameters = instance.parameters().toPrettyString();
        parameters.setValue(shownParameters);
        parameters.setReadOnly(!editable);
        parameters.addClassName("instance-parameters-editor");
        if (!editable) {
            return parameters;
        }
        parameters.setManualValidation(true);
        parameters.setMaxLength(InstanceRequests.MAX_PARAMETERS_BYTES);
        parameters.setHelperText("One JSON object, e.g. " + InstanceParameters.EXAMPLE
                + ". Saving sends the new parameters to the instance's node.");
        // the server learns of typing within a moment, so that a refresh never replaces what is being typed
        parameters.setValueChangeMode(ValueChangeMode.LAZY);
        parameters.addValueChangeListener(e -> parameters.setInvalid(false));
        Button save = new Button("Save parameters", e -> saveParameters(instance));
        save.setId("instance-save-parameters");
        save.addClickShortcut(Key.KEY_S, KeyModifier.ALT);
        save.setTooltipText("Alt+S");
        VerticalLayout editor = new VerticalLayout(parameters, save);
        editor.setPadding(false);
        return editor;
    }

    private void saveParameters(InstanceInfo instance) {
        boolean changed;
        try {
            changed = edits.changeParameters(instance.reference(), parameters.getValue(), actor);
        } catch (IllegalArgumentException e) {
            parameters.setErrorMessage(e.getMessage());
            parameters.setInvalid(true);
            return;
        } catch (WorkflowException | DocumentNotFoundException | AccessDeniedException e) {
            Notifications.error(e.getMessage());
            return;
        }
        if (changed) {
            Notifications.success("Parameters of " + instance.reference() + " saved"
                    + (instance.allocated() ? ": its node applies them on its next poll." : "."));
        } else {
            Notifications.success("These are already the parameters of " + instance.reference() + ".");
        }
        load();
    }

    private static Component list(List<InstanceInfo> instances, String id, String empty) {
        Div list = new Div();
        list.setId(id);
        list.addClassName("instance-list");
        if (instances.isEmpty()) {
            list.add(new Paragraph(empty));
            return list;
        }
        for (InstanceInfo i : instances) {
            Anchor ref = new Anchor("instances/" + i.reference(), i.reference());
            ref.addClassNames("document-reference", "instance-link");
            Span title = new Span(i.title());
            title.addClassName("instance-title");
            Span reported = new Span("reported: " + (i.reportedState() == null ? "nothing yet" : i.reportedState()));
            reported.addClassName("instance-reported");
            Span place = new Span(InstanceDisplay.place(i));
            place.addClassName("instance-place");
            Div row = new Div(ref, title, new StateBadge(i.requestedState()), reported, place);
            row.addClassName("instance-header");
            list.add(row);
        }
        return list;
    }

    /** The last {@code lines} lines of a log, saying when earlier ones are left out. */
    static String tail(String log, int lines) {
        List<String> all = log.strip().lines().toList();
        if (all.size() <= lines) {
            return String.join("\n", all);
        }
        return "… " + (all.size() - lines) + " earlier lines not shown\n"
                + String.join("\n", all.subList(all.size() - lines, all.size()));
    }

    private static void fact(DescriptionList facts, String term, Component description) {
        facts.add(new DescriptionList.Term(term), new DescriptionList.Description(description));
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

package org.edgewise.instance;

import java.util.List;

import org.edgewise.access.Role;
import org.edgewise.catalog.Catalog;
import org.edgewise.document.ValidationException;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.DocumentNotFoundException;
import org.edgewise.document.WorkflowException;
import org.edgewise.security.CurrentUser;
import org.edgewise.ui.DocumentPage;
import org.edgewise.ui.DocumentView;
import org.edgewise.ui.Notifications;
import org.springframework.security.access.AccessDeniedException;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
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
    private final List<ServiceSection> sections;
    private final Catalog catalog;
    private Trees.InstanceDetails shown;
    private ParametersEditor parameters;
    private Registration polling;

    public InstanceView(Trees trees, InstanceEdits edits, InstanceSharing sharing, List<ServiceSection> sections,
            DocumentEngine engine, CurrentUser currentUser, Catalog catalog) {
        super(engine, currentUser, "Instance", "Services", "services", "All services");
        this.catalog = catalog;
        this.trees = trees;
        this.edits = edits;
        this.sharing = sharing;
        this.sections = sections;
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
            page.confirmBefore(InstanceWorkflows.DESTROY, "Every instance of the service \"" + tree.title() + "\" (" + tree.reference()
                    + ") will be stopped and deleted with its data, and it cannot be started again.");
        } else {
            page.confirmBefore(InstanceWorkflows.DESTROY, "The instance \"" + instance.title() + "\" and every instance it requested "
                    + "will be stopped and deleted with their data, and " + instance.reference()
                    + " cannot be started again.");
        }
        VerticalLayout fields = new VerticalLayout(new InstanceFacts(details,
                catalog.shownTo(details.instance().releaseUrl(), actor), doc.ownerId() != null, actor.isStaff()));
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
        parameters = new ParametersEditor(instance.parameters(), engine.canEdit(doc, actor)
                && engine.workflow(InstanceWorkflows.TREE).isEditableIn(details.treeState()),
                text -> saveParameters(instance, text));
        fields.add(new H4("Parameters"), parameters);
        fields.addClassName("instance-page-fields");
        page.setFields(fields);
        InstanceList children = new InstanceList("instance-children", InstanceList.Layout.LINES,
                "It has requested no other instance.", false);
        children.show(details.children());
        VerticalLayout lines = new VerticalLayout(new H3("Instances it requested"), children);
        lines.setPadding(false);
        if (!details.hosted().isEmpty()) {
            InstanceList hosted = new InstanceList("instance-hosted", InstanceList.Layout.LINES,
                    "It hosts no shared instance.", actor.isStaff());
            hosted.show(details.hosted());
            lines.add(new H3("Shared instances it hosts"), hosted);
        }
        sections.forEach(section -> section.sectionFor(instance, actor).ifPresent(lines::add));
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
        if (shown == null || (parameters != null && parameters.isBeingEdited())) {
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

    /** Offers the instance for sharing, or withdraws the offer, saying what that does to those already inside. */
    private Component sharingControl(InstanceInfo instance) {
        boolean offered = instance.offeredForSharing();
        Button toggle = new Button(offered ? "Withdraw the sharing offer" : "Offer for sharing", e -> {
            try {
                sharing.offer(instance.reference(), !offered, actor);
            } catch (WorkflowException | DocumentNotFoundException | AccessDeniedException
                    | ValidationException ex) {
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

    private void saveParameters(InstanceInfo instance, String typed) {
        boolean changed;
        try {
            changed = edits.changeParameters(instance.reference(), typed, actor);
        } catch (ValidationException e) {
            parameters.showError(e.getMessage());
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

    /** The last {@code lines} lines of a log, saying when earlier ones are left out. */
    static String tail(String log, int lines) {
        List<String> all = log.strip().lines().toList();
        if (all.size() <= lines) {
            return String.join("\n", all);
        }
        return "… " + (all.size() - lines) + " earlier lines not shown\n"
                + String.join("\n", all.subList(all.size() - lines, all.size()));
    }
}

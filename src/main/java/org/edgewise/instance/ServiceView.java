package org.edgewise.instance;

import java.util.List;

import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.catalog.Catalog;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.DocumentNotFoundException;
import org.edgewise.security.CurrentUser;
import org.edgewise.ui.ReadOnlyField;
import org.edgewise.ui.DocumentPage;
import org.edgewise.ui.NotFoundPanel;
import org.springframework.beans.factory.ObjectProvider;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
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
 * One service (instance tree): what is true of it, its request (and its owner, for staff), then every instance with its state, its place or why it
 * has none yet, what it publishes and its parameters, and a link to the instance's own page. It
 * refreshes itself while open, so a requester sees the service go from pending to allocated to started.
 */
@Route("services/:reference")
@RolesAllowed({ Role.CUSTOMER_NAME, Role.OPERATOR_NAME, Role.ADMIN_NAME, Role.SUPPORT_NAME, Role.SALES_NAME,
        Role.BILLING_NAME })
public class ServiceView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    static final int REFRESH_MILLIS = 5000;

    private final Trees trees;
    private final DocumentEngine engine;
    private final Actor actor;
    private final ObjectProvider<TreeLinks> links;
    private final List<ServiceSection> sections;
    private final Catalog catalog;
    private final InstanceList instances;
    private String reference;
    private Trees.Tree shown;
    private Registration polling;

    public ServiceView(Trees trees, DocumentEngine engine, CurrentUser currentUser, ObjectProvider<TreeLinks> links,
            List<ServiceSection> sections, Catalog catalog) {
        this.catalog = catalog;
        this.trees = trees;
        this.engine = engine;
        this.sections = sections;
        this.actor = currentUser.actor();
        this.links = links;
        this.instances = new InstanceList("service-instances", InstanceList.Layout.CARDS,
                "This service has no instance.", false);
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
        page.confirmBefore(InstanceWorkflows.DESTROY, "Every instance of \"" + tree.title() + "\" will be stopped and deleted with "
                + "its data, and " + tree.reference() + " cannot be started again.");
        VerticalLayout top = new VerticalLayout();
        top.setPadding(false);
        sections.forEach(section -> section.bannerFor(tree, actor).ifPresent(top::add));
        top.add(fields(tree, engine.get(tree.reference(), actor).id()));
        page.setFields(top);
        VerticalLayout lines = new VerticalLayout(new H3("Instances"), instances);
        lines.setPadding(false);
        sections.forEach(section -> section.sectionFor(tree, actor).ifPresent(lines::add));
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
            if (!tree.status().equals(shown.status())) {
                load();
            } else if (!tree.instances().equals(shown.instances())) {
                showInstances(tree);
            }
        } catch (DocumentNotFoundException e) {
            shown = null;
        }
    }

    private FormLayout fields(Trees.Tree tree, long treeId) {
        InstanceInfo root = tree.root();
        FormLayout form = new FormLayout();
        Div status = new Div(new Span("Status: "), InstanceDisplay.status(tree.status()));
        status.setId("tree-status");
        form.add(status);
        form.setColspan(status, 2);
        if (actor.isStaff()) {
            form.add(ReadOnlyField.of("Owner", tree.owner() == null ? "operator" : tree.owner(), "tree-owner"));
        }
        TextField release = ReadOnlyField.of("Release", catalog.shownTo(root.releaseUrl(), actor), "tree-release");
        form.add(release, ReadOnlyField.of("Software type", root.softwareType(), "tree-software-type"),
                ReadOnlyField.of("Where it runs", InstanceDisplay.describeSla(root.sla()), "tree-sla"),
                ReadOnlyField.of("Shared", root.shared() ? "yes, inside another instance" : "no, in its own partition",
                        "tree-shared"));
        form.setColspan(release, 2);
        links.orderedStream().flatMap(l -> l.linkFor(treeId, actor).stream()).forEach(link -> {
            Span label = new Span(link.label() + ": ");
            Anchor target = new Anchor(link.href(), link.text());
            target.setId("tree-link-" + link.label().toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
            form.add(new Div(label, target));
        });
        return form;
    }

    private void showInstances(Trees.Tree tree) {
        shown = tree;
        instances.show(tree.instances());
    }
}

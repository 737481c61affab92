package org.edgewise.instance;

import java.util.List;
import java.util.Optional;

import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.catalog.Catalog;
import org.edgewise.catalog.ParameterSchemas;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.PageRequest;
import org.edgewise.document.ValidationException;
import org.edgewise.security.CurrentUser;
import org.edgewise.ui.DocumentListView;
import org.edgewise.ui.FormDialog;
import org.edgewise.ui.Notifications;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

/**
 * Instance trees as "services": customers see their own, staff see all with their owner. Each row says what is
 * true of the service beside what was asked.
 */
@Route("services")
@PageTitle("Services · Edgewise")
@Menu(order = 5, title = "Services", icon = "vaadin:cloud")
@RolesAllowed({ Role.CUSTOMER_NAME, Role.OPERATOR_NAME, Role.ADMIN_NAME, Role.SUPPORT_NAME, Role.SALES_NAME,
        Role.BILLING_NAME })
public class ServiceListView extends DocumentListView<Trees.Row> {

    private final Trees trees;
    private final InstanceRequests requests;
    private final Catalog catalog;
    private final ParameterSchemas schemas;
    private final ObjectMapper json;
    private final Actor actor;

    public ServiceListView(Trees trees, InstanceRequests requests, Catalog catalog, ParameterSchemas schemas,
            DocumentEngine engine, ObjectMapper json, CurrentUser currentUser) {
        super("Services", engine.workflow(InstanceWorkflows.TREE), p -> trees.page(p, currentUser.actor()),
                p -> trees.count(p, currentUser.actor()), row -> "services/" + row.reference(),
                engine.mayCreate(InstanceWorkflows.TREE, currentUser.actor()));
        this.trees = trees;
        this.requests = requests;
        this.catalog = catalog;
        this.schemas = schemas;
        this.json = json;
        this.actor = currentUser.actor();
        setCreateText("Request a service");
        column("Reference", "reference", Trees.Row::reference);
        column("Title", "title", Trees.Row::title);
        stateColumn(Trees.Row::state).setHeader("Asked");
        grid.addComponentColumn(row -> InstanceDisplay.status(row.status())).setHeader("Status").setKey("status")
                .setAutoWidth(true).setResizable(true);
        if (actor.isStaff()) {
            column("Owner", "owner", r -> r.owner() == null ? "operator" : r.owner()).setSortable(false);
        }
        column("Place", "place", ServiceListView::place).setSortable(false).setPartNameGenerator(
                r -> r.place() == null ? "pending-place" : null);
        column("Reported", "reported", r -> r.reportedState() == null ? "" : r.reportedState()).setSortable(false);
        column("Release", "release", r -> catalog.shownTo(r.releaseUrl(), actor)).setSortable(false);
    }

    /** Where the service runs (and, when it waits to move, why), or why it does not run anywhere yet. */
    static String place(Trees.Row row) {
        if (row.place() != null) {
            return row.place() + InstanceDisplay.placedNote(row.allocationNote());
        }
        if (row.state().equals(InstanceWorkflows.DESTROYED) || row.state().equals(InstanceWorkflows.ARCHIVED)) {
            return "";
        }
        return InstanceDisplay.waiting(row.allocationNote());
    }

    @Override
    protected void create() {
        RequestServiceForm form = new RequestServiceForm(catalog.published(), schemas, json);
        new FormDialog("Request a service", form, "Request", () -> {
            Optional<InstanceRequests.Request> request = form.request();
            if (request.isEmpty()) {
                return false;
            }
            Optional<Trees.Row> existing = sameTitle(form.title());
            if (existing.isPresent()) {
                form.titleTaken("You already have a service with this title (" + existing.get().reference()
                        + "): choose another one.");
                return false;
            }
            InstanceInfo[] root = new InstanceInfo[1];
            boolean ok = Notifications.attempt(() -> {
                try {
                    root[0] = requests.requestTree(request.get(), actor);
                } catch (ValidationException refused) {
                    form.showRefusal(refused);
                    throw refused;
                }
            });
            if (ok) {
                Notifications.success("Service " + root[0].tree() + " requested.");
                getUI().ifPresent(ui -> ui.navigate("services/" + root[0].tree()));
            }
            return ok;
        }).open();
    }

    /** The request of an existing title would change that service: the console asks for a new title instead. */
    private Optional<Trees.Row> sameTitle(String title) {
        if (title.isEmpty()) {
            return Optional.empty();
        }
        return trees.page(new PageRequest(title, null, List.of(), 0, 100), actor).stream()
                .filter(r -> r.title().equals(title) && !r.state().equals(InstanceWorkflows.ARCHIVED)).findFirst();
    }
}

package org.edgewise.catalog;

import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.document.DocumentEngine;
import org.edgewise.security.CurrentUser;
import org.edgewise.ui.DocumentListView;

import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

@Route("releases")
@PageTitle("Software releases · Edgewise")
@Menu(order = 21, title = "Software releases", icon = "vaadin:package")
@RolesAllowed({ Role.OPERATOR_NAME, Role.ADMIN_NAME })
public class ReleaseListView extends DocumentListView<Catalog.Release> {

    private final Catalog catalog;
    private final Actor actor;

    public ReleaseListView(Catalog catalog, DocumentEngine engine, CurrentUser currentUser) {
        super("Software releases", engine.workflow(CatalogWorkflows.RELEASE),
                p -> catalog.releasePage(p, currentUser.actor()), p -> catalog.releaseCount(p, currentUser.actor()),
                row -> "releases/" + row.reference(),
                engine.mayCreate(CatalogWorkflows.RELEASE, currentUser.actor()));
        this.catalog = catalog;
        this.actor = currentUser.actor();
        column("Reference", "reference", Catalog.Release::reference);
        column("Product", "product", Catalog.Release::productName);
        column("Version", "version", Catalog.Release::version);
        stateColumn(Catalog.Release::state);
        column("URL", "url", Catalog.Release::url);
        column("Software types", "softwareTypes", r -> String.join(", ", r.softwareTypes())).setSortable(false);
    }

    @Override
    protected void create() {
        NewReleaseDialog.open(catalog, actor, null);
    }
}

package org.edgewise.catalog;

import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.security.CurrentUser;
import org.edgewise.ui.DocumentListView;
import org.edgewise.ui.FormDialog;
import org.edgewise.ui.Notifications;

import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

@Route("products")
@PageTitle("Products · Edgewise")
@Menu(order = 20, title = "Products", icon = "vaadin:cubes")
@RolesAllowed({ Role.OPERATOR_NAME, Role.ADMIN_NAME, Role.SALES_NAME })
public class ProductListView extends DocumentListView<Catalog.Product> {

    private final Catalog catalog;
    private final Actor actor;

    public ProductListView(Catalog catalog, DocumentEngine engine, CurrentUser currentUser) {
        super("Products", engine.workflow(CatalogWorkflows.PRODUCT), p -> catalog.productPage(p, currentUser.actor()),
                p -> catalog.productCount(p, currentUser.actor()), row -> "products/" + row.reference(),
                engine.mayCreate(CatalogWorkflows.PRODUCT, currentUser.actor()));
        this.catalog = catalog;
        this.actor = currentUser.actor();
        column("Reference", "reference", Catalog.Product::reference);
        column("Name", "name", Catalog.Product::name);
        stateColumn(Catalog.Product::state);
        column("Description", "description", Catalog.Product::description).setSortable(false);
    }

    @Override
    protected void create() {
        ProductForm form = new ProductForm();
        new FormDialog("New product", form, "Create", () -> {
            Document[] created = new Document[1];
            boolean ok = Notifications.attempt(() -> created[0] = catalog.createProduct(form.name(), form.description(),
                    actor));
            if (ok) {
                Notifications.success("Product " + created[0].reference() + " created.");
                getUI().ifPresent(ui -> ui.navigate("products/" + created[0].reference()));
            }
            return ok;
        }).open();
    }
}

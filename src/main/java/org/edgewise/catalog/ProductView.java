package org.edgewise.catalog;

import java.util.List;

import org.edgewise.access.Role;
import org.edgewise.access.RoleGroup;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.security.CurrentUser;
import org.edgewise.ui.DocumentPage;
import org.edgewise.ui.DocumentView;
import org.edgewise.ui.EditableFields;
import org.edgewise.ui.StateBadge;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

/** A product with its releases. */
@Route("products/:reference")
@RolesAllowed({ Role.OPERATOR_NAME, Role.ADMIN_NAME, Role.SALES_NAME })
public class ProductView extends DocumentView<Catalog.Product> {

    private final Catalog catalog;
    private final List<ProductSection> sections;

    public ProductView(Catalog catalog, DocumentEngine engine, CurrentUser currentUser, List<ProductSection> sections) {
        super(engine, currentUser, "Product", "Products", "products", "All products");
        this.catalog = catalog;
        this.sections = sections;
    }

    @Override
    protected Catalog.Product find(String reference) {
        return catalog.product(reference, actor);
    }

    @Override
    protected long idOf(Catalog.Product product) {
        return product.id();
    }

    @Override
    protected void compose(DocumentPage page, Catalog.Product product, Document doc) {
        ProductForm form = new ProductForm();
        form.show(product);
        page.setFields(EditableFields.of(form, engine.canEdit(doc, actor), form::setEditable,
                () -> catalog.updateProduct(product.id(), form.description(), actor), reference, this::load));
        VerticalLayout lines = releases(product);
        sections.forEach(section -> section.sectionFor(product, actor).ifPresent(lines::add));
        page.setLines(lines);
    }

    private VerticalLayout releases(Catalog.Product product) {
        boolean mayOpen = actor.in(RoleGroup.OPERATIONS);
        Grid<Catalog.Release> grid = new Grid<>();
        grid.setId("product-releases");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(Catalog.Release::reference).setHeader("Reference").setAutoWidth(true);
        grid.addColumn(Catalog.Release::version).setHeader("Version").setAutoWidth(true);
        grid.addComponentColumn(r -> new StateBadge(engine.workflow(CatalogWorkflows.RELEASE).state(r.state()))).setHeader("State").setAutoWidth(true);
        grid.addColumn(Catalog.Release::url).setHeader("URL").setAutoWidth(true).setFlexGrow(1);
        grid.setItems(catalog.releasesOf(product.id(), actor));
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText("No release of this product yet.");
        if (mayOpen) {
            grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate("releases/" + e.getItem().reference())));
        }
        HorizontalLayout heading = new HorizontalLayout(new H3("Releases"));
        heading.setAlignItems(FlexComponent.Alignment.BASELINE);
        if (engine.mayCreate(CatalogWorkflows.RELEASE, actor)
                && product.state().equals(CatalogWorkflows.ACTIVE)) {
            Button create = new Button("New release", VaadinIcon.PLUS.create(),
                    e -> NewReleaseDialog.open(catalog, actor, product));
            create.setId("product-new-release");
            heading.add(create);
        }
        VerticalLayout section = new VerticalLayout(heading, grid);
        section.setPadding(false);
        return section;
    }
}

package org.edgewise.catalog;

import org.edgewise.document.DocumentEngine;
import org.edgewise.document.DocumentNotFoundException;
import org.edgewise.security.Actor;
import org.edgewise.security.CurrentUser;
import org.edgewise.security.Role;
import org.edgewise.ui.DocumentPage;
import org.edgewise.ui.NotFoundPanel;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

/** A software release: what nodes build, and what customers may order once it is published. */
@Route("releases/:reference")
@RolesAllowed({ Role.OPERATOR_NAME, Role.ADMIN_NAME })
public class ReleaseView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final Catalog catalog;
    private final DocumentEngine engine;
    private final Actor actor;
    private String reference;

    public ReleaseView(Catalog catalog, DocumentEngine engine, CurrentUser currentUser) {
        this.catalog = catalog;
        this.engine = engine;
        this.actor = currentUser.actor();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        reference = event.getRouteParameters().get("reference").orElse("");
        load();
    }

    @Override
    public String getPageTitle() {
        return reference + " · Software releases · Edgewise";
    }

    private void load() {
        removeAll();
        Catalog.Release release;
        try {
            release = catalog.release(reference, actor);
        } catch (DocumentNotFoundException e) {
            add(new NotFoundPanel("Software release", reference, "releases", "All software releases"));
            return;
        }
        var doc = engine.get(release.id(), actor);
        var product = engine.get(release.productId(), actor);
        Anchor productLink = new Anchor("products/" + product.reference(), "Product " + product.title() + " ("
                + product.reference() + ")");
        productLink.setId("release-product-link");
        VerticalLayout fields = new VerticalLayout(new ReleaseForm(release), productLink);
        fields.setPadding(false);
        DocumentPage page = new DocumentPage(engine, actor, d -> load());
        page.setFields(fields);
        page.show(doc);
        add(page);
    }
}

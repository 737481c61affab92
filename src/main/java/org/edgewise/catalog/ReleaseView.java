package org.edgewise.catalog;

import org.edgewise.access.Role;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.security.CurrentUser;
import org.edgewise.ui.DocumentPage;
import org.edgewise.ui.DocumentView;
import org.edgewise.ui.EditableFields;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

/**
 * A software release: what nodes build, and what customers may order once it is published. Its version,
 * software types and description may be corrected while it is a draft; its URL names it for good.
 */
@Route("releases/:reference")
@RolesAllowed({ Role.OPERATOR_NAME, Role.ADMIN_NAME })
public class ReleaseView extends DocumentView<Catalog.Release> {

    private final Catalog catalog;

    public ReleaseView(Catalog catalog, DocumentEngine engine, CurrentUser currentUser) {
        super(engine, currentUser, "Software release", "Software releases", "releases", "All software releases");
        this.catalog = catalog;
    }

    @Override
    protected Catalog.Release find(String reference) {
        return catalog.release(reference, actor);
    }

    @Override
    protected long idOf(Catalog.Release release) {
        return release.id();
    }

    @Override
    protected void compose(DocumentPage page, Catalog.Release release, Document doc) {
        var product = engine.get(release.productId(), actor);
        Anchor productLink = new Anchor("products/" + product.reference(), "Product " + product.title() + " ("
                + product.reference() + ")");
        productLink.setId("release-product-link");
        ReleaseForm form = new ReleaseForm(release);
        VerticalLayout fields = new VerticalLayout(EditableFields.of(form, engine.canEdit(doc, actor), form::setEditable,
                () -> catalog.updateRelease(release.id(), form.details(), actor), reference, this::load), productLink);
        fields.setPadding(false);
        page.setFields(fields);
    }
}

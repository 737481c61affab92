package org.edgewise.catalog;

import java.util.List;

import org.edgewise.access.Actor;
import org.edgewise.document.Document;
import org.edgewise.document.PageRequest;
import org.edgewise.ui.FormDialog;
import org.edgewise.ui.Notifications;

import com.vaadin.flow.component.UI;

/** Creates a release of an active product, then opens it. */
class NewReleaseDialog {

    private NewReleaseDialog() {
    }

    static void open(Catalog catalog, Actor actor, Catalog.Product preset) {
        List<Catalog.Product> products = catalog.productPage(
                new PageRequest(null, CatalogWorkflows.ACTIVE, List.of(), 0, Integer.MAX_VALUE), actor);
        ReleaseForm form = new ReleaseForm(products, preset);
        new FormDialog("New software release", form, "Create", () -> {
            Document[] created = new Document[1];
            boolean ok = Notifications.attempt(() -> created[0] = catalog.createRelease(form.newRelease(), actor));
            if (ok) {
                Notifications.success("Release " + created[0].reference() + " created as a draft: publish it when "
                        + "customers may order it.");
                UI.getCurrent().navigate("releases/" + created[0].reference());
            }
            return ok;
        }).open();
    }
}

package org.edgewise.party;

import org.edgewise.document.DocumentEngine;
import org.edgewise.document.DocumentNotFoundException;
import org.edgewise.security.Actor;
import org.edgewise.security.CurrentUser;
import org.edgewise.ui.DocumentPage;
import org.edgewise.ui.EditableFields;
import org.edgewise.ui.NotFoundPanel;

import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.PermitAll;

/** An organisation; customers may open their own, and only their own. */
@Route("organisations/:reference")
@PermitAll
public class OrganisationView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final Organisations organisations;
    private final DocumentEngine engine;
    private final Actor actor;
    private String reference;

    public OrganisationView(Organisations organisations, DocumentEngine engine, CurrentUser currentUser) {
        this.organisations = organisations;
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
        return reference + " · Organisations · Edgewise";
    }

    private void load() {
        removeAll();
        Organisations.Row row;
        try {
            row = organisations.get(reference, actor);
        } catch (DocumentNotFoundException e) {
            add(new NotFoundPanel("Organisation", reference, "", "Home"));
            return;
        }
        var doc = engine.get(row.id(), actor);
        OrganisationForm form = new OrganisationForm();
        form.setDetails(row);
        DocumentPage page = new DocumentPage(engine, actor, d -> load());
        page.setFields(EditableFields.of(form, engine.canEdit(doc, actor), form::setEditable,
                () -> organisations.update(row.id(), form.details(), actor), reference, this::load));
        page.show(doc);
        add(page);
    }
}

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

/** A person; customers may open the persons of their own organisation. */
@Route("persons/:reference")
@PermitAll
public class PersonView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final Persons persons;
    private final Organisations organisations;
    private final DocumentEngine engine;
    private final Actor actor;
    private String reference;

    public PersonView(Persons persons, Organisations organisations, DocumentEngine engine, CurrentUser currentUser) {
        this.persons = persons;
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
        return reference + " · Persons · Edgewise";
    }

    private void load() {
        removeAll();
        Persons.Row row;
        try {
            row = persons.get(reference, actor);
        } catch (DocumentNotFoundException e) {
            add(new NotFoundPanel("Person", reference, "", "Home"));
            return;
        }
        var doc = engine.get(row.id(), actor);
        PersonForm form = new PersonForm(organisations.page(org.edgewise.document.PageRequest.all(), actor));
        form.setDetails(row);
        DocumentPage page = new DocumentPage(engine, actor, d -> load());
        page.setFields(EditableFields.of(form, engine.canEdit(doc, actor), form::setEditable,
                () -> persons.update(row.id(), form.details(), actor), reference, this::load));
        page.show(doc);
        add(page);
    }
}

package org.edgewise.party;

import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.security.CurrentUser;
import org.edgewise.ui.DocumentPage;
import org.edgewise.ui.DocumentView;
import org.edgewise.ui.EditableFields;

import com.vaadin.flow.router.Route;

import jakarta.annotation.security.PermitAll;

/** A person; customers may open the persons of their own organisation. */
@Route("persons/:reference")
@PermitAll
public class PersonView extends DocumentView<Persons.Row> {

    private final Persons persons;
    private final Organisations organisations;

    public PersonView(Persons persons, Organisations organisations, DocumentEngine engine, CurrentUser currentUser) {
        super(engine, currentUser, "Person", "Persons", "", "Home");
        this.persons = persons;
        this.organisations = organisations;
    }

    @Override
    protected Persons.Row find(String reference) {
        return persons.get(reference, actor);
    }

    @Override
    protected long idOf(Persons.Row row) {
        return row.id();
    }

    @Override
    protected void compose(DocumentPage page, Persons.Row row, Document doc) {
        PersonForm form = new PersonForm(organisations.page(org.edgewise.document.PageRequest.all(), actor));
        form.setDetails(row);
        page.setFields(EditableFields.of(form, engine.canEdit(doc, actor), form::setEditable,
                () -> persons.update(row.id(), form.details(), actor), reference, this::load));
    }
}

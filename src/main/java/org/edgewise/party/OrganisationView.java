package org.edgewise.party;

import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.security.CurrentUser;
import org.edgewise.ui.DocumentPage;
import org.edgewise.ui.DocumentView;
import org.edgewise.ui.EditableFields;

import com.vaadin.flow.router.Route;

import jakarta.annotation.security.PermitAll;

/** An organisation; customers may open their own, and only their own. */
@Route("organisations/:reference")
@PermitAll
public class OrganisationView extends DocumentView<Organisations.Row> {

    private final Organisations organisations;

    public OrganisationView(Organisations organisations, DocumentEngine engine, CurrentUser currentUser) {
        super(engine, currentUser, "Organisation", "Organisations", "", "Home");
        this.organisations = organisations;
    }

    @Override
    protected Organisations.Row find(String reference) {
        return organisations.get(reference, actor);
    }

    @Override
    protected long idOf(Organisations.Row row) {
        return row.id();
    }

    @Override
    protected void compose(DocumentPage page, Organisations.Row row, Document doc) {
        OrganisationForm form = new OrganisationForm();
        form.setDetails(row);
        page.setFields(EditableFields.of(form, engine.canEdit(doc, actor), form::setEditable,
                () -> organisations.update(row.id(), form.details(), actor), reference, this::load));
    }
}

package org.edgewise.computer;

import org.edgewise.document.DocumentEngine;
import org.edgewise.document.DocumentNotFoundException;
import org.edgewise.security.Actor;
import org.edgewise.security.CurrentUser;
import org.edgewise.security.Role;
import org.edgewise.ui.DocumentPage;
import org.edgewise.ui.NotFoundPanel;
import org.edgewise.ui.EditableFields;
import org.edgewise.ui.Formats;

import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

@Route("computers/:reference")
@RolesAllowed({ Role.OPERATOR_NAME, Role.ADMIN_NAME, Role.SUPPORT_NAME, Role.SALES_NAME, Role.BILLING_NAME })
public class ComputerView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final Computers computers;
    private final DocumentEngine engine;
    private final Actor actor;
    private String reference;

    public ComputerView(Computers computers, DocumentEngine engine, CurrentUser currentUser) {
        this.computers = computers;
        this.engine = engine;
        this.actor = currentUser.actor();
        setSizeFull();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        reference = event.getRouteParameters().get("reference").orElse("");
        load();
    }

    @Override
    public String getPageTitle() {
        return reference + " · Computers · Edgewise";
    }

    private void load() {
        removeAll();
        Computers.Row row;
        try {
            row = computers.get(reference, actor);
        } catch (DocumentNotFoundException e) {
            add(new NotFoundPanel("Computer", reference, "computers", "All computers"));
            return;
        }
        var doc = engine.get(row.id(), actor);
        DocumentPage page = new DocumentPage(engine, actor, d -> load());
        ComputerForm form = new ComputerForm();
        form.setDetails(row);
        TextField lastContact = new TextField("Last contact");
        lastContact.setReadOnly(true);
        lastContact.setValue(Formats.when(row.lastContactAt(), "never"));
        form.add(lastContact);
        page.setFields(EditableFields.of(form, engine.canEdit(doc, actor), form::setEditable,
                () -> computers.update(row.id(), form.details(), actor), reference, this::load));
        page.show(doc);
        add(page);
    }
}

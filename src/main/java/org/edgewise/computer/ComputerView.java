package org.edgewise.computer;

import java.util.List;

import org.edgewise.document.DocumentEngine;
import org.edgewise.document.DocumentNotFoundException;
import org.edgewise.security.Actor;
import org.edgewise.security.CurrentUser;
import org.edgewise.security.Role;
import org.edgewise.ui.DocumentPage;
import org.edgewise.ui.EditableFields;
import org.edgewise.ui.Formats;
import org.edgewise.ui.NotFoundPanel;

import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

/** A computer: its fields, then the sections features contribute (software, partitions, enrolment). */
@Route("computers/:reference")
@RolesAllowed({ Role.OPERATOR_NAME, Role.ADMIN_NAME, Role.SUPPORT_NAME, Role.SALES_NAME, Role.BILLING_NAME })
public class ComputerView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final Computers computers;
    private final DocumentEngine engine;
    private final List<ComputerSection> sections;
    private final Actor actor;
    private String reference;

    public ComputerView(Computers computers, DocumentEngine engine, List<ComputerSection> sections,
            CurrentUser currentUser) {
        this.computers = computers;
        this.engine = engine;
        this.sections = sections;
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
        VerticalLayout lines = new VerticalLayout();
        lines.setPadding(false);
        for (ComputerSection section : sections) {
            section.sectionFor(row, actor, this::load).ifPresent(lines::add);
        }
        page.setLines(lines);
        page.show(doc);
        add(page);
    }
}

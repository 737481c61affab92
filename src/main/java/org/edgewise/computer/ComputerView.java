package org.edgewise.computer;

import java.util.List;

import org.edgewise.access.Role;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.security.CurrentUser;
import org.edgewise.ui.DocumentPage;
import org.edgewise.ui.DocumentView;
import org.edgewise.ui.EditableFields;
import org.edgewise.ui.Formats;
import org.edgewise.ui.StateBadge;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

/** A computer: its fields with what is true of its node (in contact, silent), then the sections features contribute (software, partitions, enrolment). */
@Route("computers/:reference")
@RolesAllowed({ Role.OPERATOR_NAME, Role.ADMIN_NAME, Role.SUPPORT_NAME, Role.SALES_NAME, Role.BILLING_NAME })
public class ComputerView extends DocumentView<Computers.Row> {

    private final Computers computers;
    private final List<ComputerSection> sections;

    public ComputerView(Computers computers, DocumentEngine engine, List<ComputerSection> sections,
            CurrentUser currentUser) {
        super(engine, currentUser, "Computer", "Computers", "computers", "All computers");
        this.computers = computers;
        this.sections = sections;
        setSizeFull();
    }

    @Override
    protected Computers.Row find(String reference) {
        return computers.get(reference, actor);
    }

    @Override
    protected long idOf(Computers.Row row) {
        return row.id();
    }

    @Override
    protected void compose(DocumentPage page, Computers.Row row, Document doc) {
        ComputerForm form = new ComputerForm();
        form.setDetails(row);
        TextField lastContact = new TextField("Last contact");
        lastContact.setReadOnly(true);
        lastContact.setId("computer-last-contact");
        lastContact.setValue(row.lastContactAt() == null ? computers.lastContact(row)
                : computers.lastContact(row) + " (" + Formats.when(row.lastContactAt(), "") + ")");
        StateBadge status = new StateBadge(computers.status(row));
        status.setId("computer-status");
        Div statusField = new Div(new Span("Status: "), status);
        statusField.addClassName("computer-status-field");
        form.add(lastContact, statusField);
        page.setFields(EditableFields.of(form, engine.canEdit(doc, actor), form::setEditable,
                () -> computers.update(row.id(), form.details(), actor), reference, this::load));
        VerticalLayout lines = new VerticalLayout();
        lines.setPadding(false);
        for (ComputerSection section : sections) {
            section.sectionFor(row, actor, this::load).ifPresent(lines::add);
        }
        page.setLines(lines);
        page.confirmBefore(ComputerWorkflows.CLOSE, "Closing takes no new instances here, and moves the instances "
                + "of releases that may move (those that keep no data) to other computers now; the others stay "
                + "until it is reopened.");
    }
}

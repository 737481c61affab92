package org.edgewise.computer;

import java.util.List;

import org.edgewise.access.Role;
import org.edgewise.access.RoleGroup;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.security.CurrentUser;
import org.edgewise.ui.DocumentPage;
import org.edgewise.ui.DocumentView;
import org.edgewise.ui.EditableFields;
import org.edgewise.ui.Formats;
import org.edgewise.ui.Notifications;
import org.edgewise.ui.ReadOnlyField;
import org.edgewise.ui.StateBadge;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

/**
 * A computer: its fields with what is true of its node (in contact, silent) and whether it is kept for test runs, then
 * the sections features contribute (software, partitions, enrolment).
 */
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
        TextField use = ReadOnlyField.of("Use", row.forTests() ? "Test computer: takes only test runs"
                : "Takes services", "computer-use");
        form.add(lastContact, statusField, use);
        VerticalLayout fields = new VerticalLayout(EditableFields.of(form, engine.canEdit(doc, actor), form::setEditable,
                () -> computers.update(row.id(), form.details(), actor), reference, this::load));
        fields.setPadding(false);
        if (actor.in(RoleGroup.OPERATIONS) && engine.canEdit(doc, actor)) {
            fields.add(testUse(row));
        }
        page.setFields(fields);
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

    /** Makes it a test computer or an ordinary one again, after saying what changes. */
    private Button testUse(Computers.Row row) {
        Button button = new Button(row.forTests() ? "Stop using for tests" : "Use for tests", e -> {
            ConfirmDialog confirm = new ConfirmDialog();
            confirm.setId("confirm-action");
            confirm.setHeader((row.forTests() ? "Stop using " : "Use ") + row.reference() + " for tests?");
            confirm.setText(row.forTests() ? "It takes customers' services again, and no test run anymore."
                    : "It takes only the scratch services of test runs from now on; the instances placed there already"
                            + " stay.");
            confirm.setCancelable(true);
            confirm.setConfirmText(row.forTests() ? "Stop using for tests" : "Use for tests");
            confirm.addConfirmListener(ok -> {
                if (Notifications.attempt(() -> computers.useForTests(row.id(), !row.forTests(), actor))) {
                    Notifications.success(row.reference() + (row.forTests() ? " takes services again."
                            : " takes only test runs now."));
                    load();
                }
            });
            confirm.open();
        });
        button.setId("computer-use-for-tests");
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        return button;
    }
}

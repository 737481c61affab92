package org.edgewise.support;

import java.time.Clock;
import java.time.OffsetDateTime;

import org.edgewise.access.Role;
import org.edgewise.access.RoleGroup;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.security.CurrentUser;
import org.edgewise.ui.DocumentPage;
import org.edgewise.ui.DocumentView;
import org.edgewise.ui.FormDialog;
import org.edgewise.ui.Formats;
import org.edgewise.ui.Notifications;
import org.edgewise.ui.ReadOnlyField;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

/**
 * One ticket: what it is about, how bad, who has it, what is due when (overdue in red), and the conversation on
 * its timeline; support assigns it, changes its severity, answers (or writes internal notes), asks the customer,
 * resolves; the customer answers, closes or reopens it.
 */
@Route("tickets/:reference")
@RolesAllowed({ Role.CUSTOMER_NAME, Role.SALES_NAME, Role.BILLING_NAME, Role.SUPPORT_NAME, Role.OPERATOR_NAME,
        Role.ADMIN_NAME })
public class TicketView extends DocumentView<Tickets.Ticket> {

    private final Tickets tickets;
    private final Clock clock;

    public TicketView(Tickets tickets, DocumentEngine engine, CurrentUser currentUser, Clock clock) {
        super(engine, currentUser, "Ticket", "Tickets", "tickets", "All tickets");
        this.tickets = tickets;
        this.clock = clock;
    }

    @Override
    protected Tickets.Ticket find(String reference) {
        return tickets.get(reference, actor);
    }

    @Override
    protected long idOf(Tickets.Ticket ticket) {
        return ticket.id();
    }

    @Override
    protected void compose(DocumentPage page, Tickets.Ticket ticket, Document doc) {
        FormLayout fields = new FormLayout();
        if (actor.isStaff()) {
            fields.add(ReadOnlyField.of("Customer", ticket.customerName() == null ? "(the provider's own)"
                    : ticket.customerName(), "ticket-customer"));
        }
        fields.add(ReadOnlyField.of("Severity", ticket.severity().stored(), "ticket-severity"),
                ReadOnlyField.of("Opened by", ticket.openedBy() + ", " + Formats.when(ticket.createdAt(), ""),
                        "ticket-opened-by"),
                ReadOnlyField.of("Assigned to", ticket.assignee() == null ? "nobody yet" : ticket.assignee(),
                        "ticket-assignee"),
                due("First answer", ticket.firstResponseDue(), ticket.firstResponseAt(), "ticket-first-response"),
                due("Resolution", ticket.resolutionDue(), ticket.resolvedAt(), "ticket-resolution"));
        VerticalLayout top = new VerticalLayout();
        top.setPadding(false);
        if (ticket.related() != null) {
            String label = "About " + ticket.related() + (ticket.relatedTitle() == null ? "" : " · " + ticket.relatedTitle());
            String pageOf = ticket.relatedPage();
            var about = pageOf == null ? new Span(label) : new Anchor(pageOf, label);
            about.setId("ticket-related");
            top.add(about);
        }
        top.add(fields);
        if (actor.in(RoleGroup.SUPPORT_TEAM) && !actor.isSystem()) {
            top.add(supportTools(ticket));
        }
        if (!actor.isStaff() && TicketWorkflows.WAITING.equals(ticket.state())) {
            Paragraph hint = new Paragraph("Support waits for your answer: write it below, under Timeline.");
            hint.addClassName("attention");
            hint.setId("ticket-waiting-hint");
            top.addComponentAsFirst(hint);
        }
        page.setFields(top);
    }

    /** "Due 12:00" while open, "overdue since 12:00" once late, "answered 11:42" once done. */
    private com.vaadin.flow.component.textfield.TextField due(String label, OffsetDateTime due, OffsetDateTime done,
            String id) {
        String text;
        if (done != null) {
            text = "done " + Formats.when(done, "") + (done.isAfter(due) ? " (late)" : "");
        } else if (OffsetDateTime.now(clock).isAfter(due)) {
            text = "overdue since " + Formats.when(due, "");
        } else {
            text = "due " + Formats.when(due, "");
        }
        var field = ReadOnlyField.of(label, text, id);
        if (done == null && OffsetDateTime.now(clock).isAfter(due)) {
            field.addClassName("overdue");
        }
        return field;
    }

    private HorizontalLayout supportTools(Tickets.Ticket ticket) {
        Button mine = new Button("Assign to me", e -> {
            if (Notifications.attempt(() -> tickets.assign(ticket.id(), actor.name(), actor))) {
                load();
            }
        });
        mine.setId("ticket-assign-me");
        mine.setVisible(!actor.name().equals(ticket.assignee()));
        Button someone = new Button("Assign to…", e -> assignDialog(ticket));
        someone.setId("ticket-assign");
        Select<Severity> severity = new Select<>();
        severity.setId("ticket-change-severity");
        severity.setItems(Severity.values());
        severity.setItemLabelGenerator(Severity::stored);
        severity.setValue(ticket.severity());
        severity.setAriaLabel("Severity");
        severity.addValueChangeListener(e -> {
            if (e.isFromClient() && Notifications.attempt(() -> tickets.changeSeverity(ticket.id(),
                    e.getValue().stored(), actor))) {
                load();
            }
        });
        HorizontalLayout tools = new HorizontalLayout(mine, someone, new Span("Severity"), severity);
        tools.setAlignItems(Alignment.BASELINE);
        tools.getChildren().filter(c -> c instanceof Button).forEach(c -> ((Button) c)
                .addThemeVariants(ButtonVariant.LUMO_TERTIARY));
        return tools;
    }

    private void assignDialog(Tickets.Ticket ticket) {
        ComboBox<String> who = new ComboBox<>("Assign to");
        who.setId("ticket-assignee-choice");
        who.setItems(tickets.supportPeople());
        who.setValue(ticket.assignee());
        new FormDialog("Assign " + ticket.reference(), new FormLayout(who), "Assign", () -> {
            if (who.getValue() == null) {
                who.setErrorMessage("Choose who takes it.");
                who.setInvalid(true);
                return false;
            }
            boolean done = Notifications.attempt(() -> tickets.assign(ticket.id(), who.getValue(), actor));
            if (done) {
                load();
            }
            return done;
        }).open();
    }
}

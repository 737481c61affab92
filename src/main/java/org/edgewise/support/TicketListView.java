package org.edgewise.support;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.edgewise.access.Role;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.ValidationException;
import org.edgewise.party.Organisations;
import org.edgewise.security.CurrentUser;
import org.edgewise.ui.DocumentListView;
import org.edgewise.ui.FormDialog;
import org.edgewise.ui.Formats;
import org.edgewise.ui.Notifications;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;

import jakarta.annotation.security.RolesAllowed;

/**
 * Tickets: support's queue (what is due soonest and most severe first, "assigned to me" at a click), a
 * customer's own tickets (also at {@code my/tickets}). {@code ?about=TREE-12} opens a new ticket about that
 * document, as the portal's "Ask for help" does.
 */
@Route("tickets")
@RouteAlias("my/tickets")
@PageTitle("Tickets · Edgewise")
@Menu(order = 27, title = "Tickets", icon = "vaadin:lifebuoy")
@RolesAllowed({ Role.CUSTOMER_NAME, Role.SALES_NAME, Role.BILLING_NAME, Role.SUPPORT_NAME, Role.OPERATOR_NAME,
        Role.ADMIN_NAME })
public class TicketListView extends DocumentListView<Tickets.Row> {

    private final Tickets tickets;
    private final Organisations organisations;
    private final CurrentUser currentUser;
    private final AtomicBoolean mine;
    private final Checkbox mineOnly = new Checkbox("Assigned to me");

    public TicketListView(Tickets tickets, Organisations organisations, DocumentEngine engine, CurrentUser currentUser) {
        this(tickets, organisations, engine, currentUser, new AtomicBoolean());
    }

    private TicketListView(Tickets tickets, Organisations organisations, DocumentEngine engine, CurrentUser currentUser,
            AtomicBoolean mine) {
        super("Tickets", engine.workflow(TicketWorkflows.TYPE), p -> tickets.page(p, currentUser.actor(), mine.get()),
                p -> tickets.count(p, currentUser.actor(), mine.get()), row -> "tickets/" + row.reference(),
                engine.mayCreate(TicketWorkflows.TYPE, currentUser.actor()));
        this.tickets = tickets;
        this.organisations = organisations;
        this.currentUser = currentUser;
        this.mine = mine;
        boolean staff = currentUser.actor().isStaff();
        column("Reference", "reference", Tickets.Row::reference);
        column("Subject", "title", Tickets.Row::title);
        if (staff) {
            column("Customer", "customer", r -> r.customerName() == null ? "(provider)" : r.customerName());
        }
        column("About", "related", r -> r.related() == null ? "" : r.related()).setSortable(false);
        column("Severity", "severity", r -> r.severity().stored());
        column("Due", "due", r -> r.due() == null ? "" : Formats.when(r.due(), ""));
        if (staff) {
            column("Assignee", "assignee", r -> r.assignee() == null ? "nobody yet" : r.assignee());
        }
        column("Opened", "created", r -> Formats.when(r.createdAt(), ""));
        stateColumn(Tickets.Row::state);
        setCreateText(staff ? "New ticket" : "Ask for help");
        mineOnly.setId("tickets-mine");
        mineOnly.setVisible(currentUser.actor().in(org.edgewise.access.RoleGroup.SUPPORT_TEAM));
        mineOnly.addValueChangeListener(e -> {
            mine.set(e.getValue());
            refresh();
        });
        addComponentAtIndex(1, mineOnly);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        super.beforeEnter(event);
        var parameters = event.getLocation().getQueryParameters().getParameters();
        if (parameters.containsKey("mine")) {
            mineOnly.setValue(true);
        }
        List<String> about = parameters.get("about");
        if (about != null && !about.isEmpty()) {
            open(about.get(0));
        }
    }

    @Override
    protected void create() {
        open(null);
    }

    private void open(String about) {
        boolean staff = currentUser.actor().isStaff();
        TextField title = new TextField("Subject");
        title.setId("ticket-title");
        title.setRequiredIndicatorVisible(true);
        title.setMaxLength(DocumentEngine.MAX_TITLE_LENGTH);
        TextArea message = new TextArea("What happened, or what do you need?");
        message.setId("ticket-message");
        message.setRequiredIndicatorVisible(true);
        message.setMaxLength(DocumentEngine.MAX_COMMENT_LENGTH);
        Select<Severity> severity = new Select<>();
        severity.setLabel("How bad is it?");
        severity.setId("ticket-severity");
        severity.setItems(Severity.values());
        severity.setItemLabelGenerator(s -> switch (s) {
            case LOW -> "Low: a question";
            case NORMAL -> "Normal: something does not work as it should";
            case HIGH -> "High: a service is impaired";
            case CRITICAL -> "Critical: a service is down";
        });
        severity.setValue(Severity.NORMAL);
        FormLayout form = new FormLayout(title, severity);
        TextField aboutReference = new TextField("About (a reference, e.g. TREE-12 or COMP-3)");
        ComboBox<Tickets.Subject> subject = new ComboBox<>("About");
        ComboBox<Organisations.Row> customer = new ComboBox<>("Customer");
        if (staff) {
            aboutReference.setId("ticket-about");
            aboutReference.setValue(about == null ? "" : about);
            customer.setId("ticket-customer");
            customer.setItems(organisations.active(currentUser.actor()));
            customer.setItemLabelGenerator(o -> o.name() + " · " + o.reference());
            customer.setHelperText("Optional: the customer of the document it is about, else the provider's own");
            form.add(aboutReference, customer);
        } else {
            subject.setId("ticket-about");
            List<Tickets.Subject> subjects = tickets.subjects(currentUser.actor());
            subject.setItems(subjects);
            subject.setItemLabelGenerator(Tickets.Subject::label);
            subject.setClearButtonVisible(true);
            subject.setHelperText("Optional: the service, invoice or order it is about");
            subjects.stream().filter(s -> s.reference().equals(about)).findFirst().ifPresent(subject::setValue);
            form.add(subject);
        }
        form.add(message);
        form.setColspan(message, 2);
        new FormDialog(staff ? "New ticket" : "Ask for help", form, "Open the ticket", () -> {
            String related = staff ? aboutReference.getValue()
                    : subject.getValue() == null ? null : subject.getValue().reference();
            Long customerId = staff && customer.getValue() != null ? customer.getValue().id() : null;
            try {
                var doc = tickets.open(new Tickets.NewTicket(title.getValue(), message.getValue(),
                        severity.getValue().stored(), related, customerId), currentUser.actor());
                getUI().ifPresent(ui -> ui.navigate("tickets/" + doc.reference()));
                return true;
            } catch (ValidationException e) {
                switch (String.valueOf(e.field())) {
                    case "title" -> {
                        title.setErrorMessage(e.getMessage());
                        title.setInvalid(true);
                    }
                    case "message" -> {
                        message.setErrorMessage(e.getMessage());
                        message.setInvalid(true);
                    }
                    case "related" -> {
                        aboutReference.setErrorMessage(e.getMessage());
                        aboutReference.setInvalid(true);
                        subject.setErrorMessage(e.getMessage());
                        subject.setInvalid(true);
                    }
                    default -> Notifications.error(e.getMessage());
                }
                return false;
            }
        }).open();
    }
}

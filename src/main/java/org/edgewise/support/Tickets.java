package org.edgewise.support;

import static org.edgewise.jooq.Tables.APP_USER;
import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.PERSON;
import static org.edgewise.jooq.Tables.TICKET;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.access.RoleGroup;
import org.edgewise.billing.BillingWorkflows;
import org.edgewise.catalog.CatalogWorkflows;
import org.edgewise.computer.ComputerWorkflows;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.DocumentNotFoundException;
import org.edgewise.document.DocumentQueries;
import org.edgewise.document.FieldChange;
import org.edgewise.document.PageRequest;
import org.edgewise.document.Transition;
import org.edgewise.document.ValidationException;
import org.edgewise.instance.InstanceWorkflows;
import org.edgewise.mail.Outbox;
import org.edgewise.mail.PublicLinks;
import org.edgewise.order.OrderWorkflows;
import org.edgewise.party.Organisations;
import org.edgewise.ui.Formats;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;
import org.jooq.impl.DSL;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Support requests. A customer opens a ticket about one of their services, invoices or orders; staff open one
 * for a customer or about anything; alarms open one per cause and resolve it when the cause clears. Due times
 * follow the severity. The conversation is the ticket's timeline, and each side is told by mail of what the
 * other wrote and of the ticket's changes, through the outbox.
 */
@Service
public class Tickets {

    /** What a ticket may be about, per document type: the console page that shows it. */
    static final Map<String, String> PAGES = Map.of(InstanceWorkflows.TREE, "services",
            InstanceWorkflows.INSTANCE, "instances", BillingWorkflows.INVOICE, "invoices",
            OrderWorkflows.TYPE, "orders", ComputerWorkflows.TYPE, "computers", CatalogWorkflows.RELEASE, "releases",
            CatalogWorkflows.INSTALLATION, "");
    /** What customers may open a ticket about: their own services, invoices and orders. */
    static final Set<String> CUSTOMER_SUBJECTS = Set.of(InstanceWorkflows.TREE, BillingWorkflows.INVOICE,
            OrderWorkflows.TYPE);

    public record NewTicket(String title, String message, String severity, String related, Long customerId) { }

    public record Ticket(long id, String reference, String title, String state, Severity severity, Long customerId,
            String customerName, String related, String relatedType, String relatedTitle, String assignee,
            String openedBy, OffsetDateTime createdAt, OffsetDateTime firstResponseDue,
            OffsetDateTime resolutionDue, OffsetDateTime firstResponseAt, OffsetDateTime resolvedAt) {

        /** The console page of the related document, or null when it has none. */
        public String relatedPage() {
            String page = related == null ? null : PAGES.get(relatedType);
            return page == null || page.isEmpty() ? null : page + "/" + related;
        }

        /** What is due next: the first answer until there is one, then the resolution; nothing once resolved. */
        public OffsetDateTime nextDue() {
            if (resolvedAt != null) {
                return null;
            }
            return firstResponseAt == null ? firstResponseDue : resolutionDue;
        }
    }

    public record Row(long id, String reference, String title, String state, Severity severity, String customerName,
            String related, String assignee, OffsetDateTime due, OffsetDateTime createdAt) { }

    private static final org.edgewise.jooq.tables.Document CUSTOMER = DOCUMENT.as("customer_doc");
    private static final org.edgewise.jooq.tables.Document RELATED = DOCUMENT.as("related_doc");
    /** The next thing due: the first answer, then the resolution; none once resolved. */
    private static final Field<OffsetDateTime> DUE = DSL.when(TICKET.RESOLVED_AT.isNotNull(), DSL.inline((OffsetDateTime) null))
            .when(TICKET.FIRST_RESPONSE_AT.isNull(), TICKET.FIRST_RESPONSE_DUE).otherwise(TICKET.RESOLUTION_DUE);
    private static final Field<Integer> SEVERITY_RANK = DSL.when(TICKET.SEVERITY.eq("critical"), 4)
            .when(TICKET.SEVERITY.eq("high"), 3).when(TICKET.SEVERITY.eq("normal"), 2).otherwise(1);
    /** Users who may be given a ticket: support staff and administrators. */
    private static final Condition SUPPORT_PEOPLE = APP_USER.ROLES.like("%" + Role.SUPPORT_NAME + "%")
            .or(APP_USER.ROLES.like("%" + Role.ADMIN_NAME + "%"));
    private static final Map<String, Field<?>> SORT = Map.of("reference", DOCUMENT.ID, "title", DOCUMENT.TITLE,
            "state", DOCUMENT.STATE, "customer", CUSTOMER.TITLE, "severity", SEVERITY_RANK, "due", DUE,
            "assignee", APP_USER.USERNAME, "created", DOCUMENT.CREATED_AT);

    private final DSLContext db;
    private final DocumentEngine engine;
    private final Organisations organisations;
    private final Outbox outbox;
    private final PublicLinks links;
    private final Clock clock;
    private final Duration reopenWithin;

    Tickets(DSLContext db, DocumentEngine engine, Organisations organisations, Outbox outbox, PublicLinks links,
            Clock clock, @Value("${edgewise.support.reopen-within:P14D}") Duration reopenWithin) {
        this.db = db;
        this.engine = engine;
        this.organisations = organisations;
        this.outbox = outbox;
        this.links = links;
        this.clock = clock;
        this.reopenWithin = reopenWithin;
    }

    /**
     * Opens a ticket. A customer's is about one of their own services, invoices or orders (or about nothing in
     * particular) and is theirs; staff name the customer, or a related document whose owner becomes the
     * customer, or neither for the provider's own tickets. The message is the conversation's first line.
     */
    @Transactional
    public Document open(NewTicket ticket, Actor actor) {
        return open(ticket, actor, true);
    }

    private Document open(NewTicket ticket, Actor actor, boolean customerOfRelated) {
        Severity severity = Severity.parse(ticket.severity());
        Document related = related(ticket.related(), actor);
        Long customer;
        if (actor.isStaff()) {
            customer = ticket.customerId() != null ? ticket.customerId()
                    : related == null || !customerOfRelated ? null : related.ownerId();
        } else {
            customer = actor.organisationId();
            if (customer == null) {
                throw new AccessDeniedException(actor.name() + " acts for no organisation and may not open tickets.");
            }
        }
        String message = ticket.message() == null ? "" : ticket.message().strip();
        if (message.isEmpty()) {
            throw new ValidationException("message", "Say what happened, or what you need.");
        }
        Document doc = engine.create(TicketWorkflows.TYPE, ticket.title(), customer, actor);
        // the opening message is written before the ticket's row exists, so it counts as no one's answer
        engine.comment(doc.id(), message, actor);
        OffsetDateTime now = doc.createdAt();
        db.insertInto(TICKET).set(TICKET.ID, doc.id()).set(TICKET.CUSTOMER_ID, customer)
                .set(TICKET.RELATED_ID, related == null ? null : related.id())
                .set(TICKET.SEVERITY, severity.stored()).set(TICKET.OPENED_BY, actor.name())
                .set(TICKET.FIRST_RESPONSE_DUE, now.plus(severity.firstResponse()))
                .set(TICKET.RESOLUTION_DUE, now.plus(severity.resolution())).execute();
        return doc;
    }

    private Document related(String reference, Actor actor) {
        if (reference == null || reference.isBlank()) {
            return null;
        }
        Document doc;
        try {
            doc = engine.get(reference.strip(), actor);
        } catch (DocumentNotFoundException e) {
            throw new ValidationException("related", "No document " + reference.strip() + " that you can see.");
        }
        Set<String> allowed = actor.isStaff() ? PAGES.keySet() : CUSTOMER_SUBJECTS;
        if (!allowed.contains(doc.docType())) {
            throw new ValidationException("related", "A ticket is about a service, an invoice or an order"
                    + (actor.isStaff() ? ", a computer, an instance, a release or an installation" : "") + ", not "
                    + engine.workflow(doc.docType()).label().toLowerCase() + " " + doc.reference() + ".");
        }
        return doc;
    }

    /** Opens the ticket of an alarm: the provider's own (staff only), about the document in trouble. */
    @Transactional
    public long openForAlarm(String title, String message, Severity severity, long subjectId) {
        Document subject = engine.get(subjectId, Actor.system());
        return open(new NewTicket(title, message, severity.stored(), subject.reference(), null), Actor.system(), false)
                .id();
    }

    /** Resolves an alarm's ticket, with the reason, unless support resolved or closed it already. */
    @Transactional
    public void resolveForAlarm(long ticketId, String why) {
        Document doc = engine.get(ticketId, Actor.system());
        engine.comment(ticketId, why, Actor.system());
        if (engine.workflow(TicketWorkflows.TYPE).find(doc.state(), TicketWorkflows.RESOLVE).isPresent()) {
            engine.apply(ticketId, TicketWorkflows.RESOLVE, Actor.system(), null);
        }
    }

    /** Gives the ticket to a member of support; a new ticket becomes assigned. */
    @Transactional
    public void assign(long ticketId, String username, Actor actor) {
        if (!actor.in(RoleGroup.SUPPORT_TEAM)) {
            throw new AccessDeniedException(actor.name() + " may not assign tickets: support does.");
        }
        Document doc = engine.get(ticketId, actor);
        Long userId = db.select(APP_USER.ID).from(APP_USER).where(APP_USER.USERNAME.eq(username))
                .and(SUPPORT_PEOPLE)
                .fetchOne(APP_USER.ID);
        if (userId == null) {
            throw new ValidationException("assignee", "No one of support is called " + username + ".");
        }
        String before = assigneeOf(ticketId);
        db.update(TICKET).set(TICKET.ASSIGNEE_ID, userId).where(TICKET.ID.eq(ticketId)).execute();
        if (doc.state().equals(TicketWorkflows.NEW)) {
            engine.apply(ticketId, TicketWorkflows.ASSIGN, actor, null);
        }
        if (!username.equals(before)) {
            engine.recordObservation(ticketId, List.of(new FieldChange("assignee", before, username)), actor);
            mailUser(username, "Ticket " + doc.reference() + " is yours: " + doc.title(),
                    actor.name() + " gave you ticket " + doc.reference() + ".\n\n" + links.to("tickets/" + doc.reference()));
        }
    }

    /** Changes how bad the problem is, and so its due times, counted from the ticket's opening. */
    @Transactional
    public void changeSeverity(long ticketId, String severity, Actor actor) {
        if (!actor.in(RoleGroup.SUPPORT_TEAM)) {
            throw new AccessDeniedException(actor.name() + " may not change a ticket's severity: support does.");
        }
        Severity next = Severity.parse(severity);
        Ticket ticket = get(engine.get(ticketId, actor).reference(), actor);
        if (ticket.severity() == next) {
            return;
        }
        db.update(TICKET).set(TICKET.SEVERITY, next.stored())
                .set(TICKET.FIRST_RESPONSE_DUE, ticket.createdAt().plus(next.firstResponse()))
                .set(TICKET.RESOLUTION_DUE, ticket.createdAt().plus(next.resolution()))
                .where(TICKET.ID.eq(ticketId)).execute();
        engine.recordObservation(ticketId, List.of(new FieldChange("severity", ticket.severity().stored(),
                next.stored())), actor);
    }

    /** Effect of assign and start: a ticket taken without a named assignee is the taker's. */
    void taken(Document before, Actor actor) {
        if (assigneeOf(before.id()) == null && !actor.isSystem()) {
            db.update(TICKET).set(TICKET.ASSIGNEE_ID, DSL.select(APP_USER.ID).from(APP_USER)
                    .where(APP_USER.USERNAME.eq(actor.name())).asField()).where(TICKET.ID.eq(before.id())).execute();
        }
    }

    void resolved(Document before, Actor actor) {
        db.update(TICKET).set(TICKET.RESOLVED_AT, OffsetDateTime.now(clock)).where(TICKET.ID.eq(before.id())).execute();
    }

    /** Effect of reopen: only within the period after the resolution; the resolution then no longer holds. */
    void reopened(Document before, Actor actor) {
        OffsetDateTime resolvedAt = db.select(TICKET.RESOLVED_AT).from(TICKET).where(TICKET.ID.eq(before.id()))
                .fetchOne(TICKET.RESOLVED_AT);
        if (resolvedAt != null && OffsetDateTime.now(clock).isAfter(resolvedAt.plus(reopenWithin))) {
            throw new ValidationException("state", before.reference() + " was resolved on " + Formats.when(resolvedAt, "")
                    + "; a ticket can be reopened within " + reopenWithin.toDays() + " days of its resolution. "
                    + "Open a new ticket instead.");
        }
        db.update(TICKET).setNull(TICKET.RESOLVED_AT).where(TICKET.ID.eq(before.id())).execute();
    }

    /** Tells the other side that the ticket changed: the customer what support did, support what the customer did. */
    void tellOfChange(Document before, Transition transition, Actor actor) {
        String what = switch (transition.action()) {
            case TicketWorkflows.ASK_CUSTOMER -> "is waiting for your answer";
            case TicketWorkflows.RESOLVE -> "is resolved";
            case TicketWorkflows.CLOSE -> "is closed";
            default -> "was reopened";
        };
        tell(before, actor, before.reference() + " " + what + ": " + before.title(),
                actor.name() + " changed ticket " + before.reference() + " (" + before.title() + "): it " + what + ".");
    }

    /** A comment on a ticket: the first answer of staff, a customer's reply to a waiting ticket, a mail to the other side. */
    void commented(DocumentEngine.Commented commented) {
        Document doc = commented.document();
        Actor actor = commented.actor();
        var row = db.select(TICKET.FIRST_RESPONSE_AT).from(TICKET).where(TICKET.ID.eq(doc.id())).forUpdate().fetchOne();
        if (row == null || commented.internal()) {
            return;
        }
        if (actor.isStaff() && !actor.isSystem() && row.value1() == null) {
            db.update(TICKET).set(TICKET.FIRST_RESPONSE_AT, OffsetDateTime.now(clock)).where(TICKET.ID.eq(doc.id())).execute();
        }
        if (!actor.isStaff() && doc.state().equals(TicketWorkflows.WAITING)) {
            engine.apply(doc.id(), TicketWorkflows.CUSTOMER_ANSWERED, actor, null);
        }
        tell(doc, actor, "New message on " + doc.reference() + ": " + doc.title(),
                actor.name() + " wrote on ticket " + doc.reference() + " (" + doc.title() + "):\n\n" + commented.text());
    }

    /** Mails the customer when staff (or an alarm) acted, the assignee when the customer did. */
    private void tell(Document doc, Actor actor, String subject, String text) {
        String body = "Hello,\n\n" + text + "\n\nRead and answer it here: " + links.to("tickets/" + doc.reference())
                + "\n";
        if (actor.isStaff()) {
            Long customer = db.select(TICKET.CUSTOMER_ID).from(TICKET).where(TICKET.ID.eq(doc.id())).fetchOne(TICKET.CUSTOMER_ID);
            if (customer != null) {
                organisations.mailRecipients(customer).forEach(to -> outbox.queue(new Outbox.Mail(to, subject, body)));
            }
        } else {
            String assignee = assigneeOf(doc.id());
            if (assignee != null) {
                mailUser(assignee, subject, body);
            }
        }
    }

    private void mailUser(String username, String subject, String text) {
        String email = db.select(PERSON.EMAIL).from(APP_USER).join(PERSON).on(PERSON.ID.eq(APP_USER.PERSON_ID))
                .where(APP_USER.USERNAME.eq(username)).fetchOne(PERSON.EMAIL);
        if (email != null && !email.isBlank()) {
            outbox.queue(new Outbox.Mail(email, subject, text));
        }
    }

    private String assigneeOf(long ticketId) {
        return db.select(APP_USER.USERNAME).from(TICKET).join(APP_USER).on(APP_USER.ID.eq(TICKET.ASSIGNEE_ID))
                .where(TICKET.ID.eq(ticketId)).fetchOne(APP_USER.USERNAME);
    }

    @Transactional(readOnly = true)
    public Ticket get(String reference, Actor actor) {
        Document doc = engine.get(reference, actor);
        if (!doc.docType().equals(TicketWorkflows.TYPE)) {
            throw new DocumentNotFoundException(reference);
        }
        return rows().where(DOCUMENT.ID.eq(doc.id())).fetchSingle(this::ticket);
    }

    /**
     * The queue: what is due soonest first, the most severe first among equals; resolved and closed tickets
     * last. {@code mine} keeps the tickets assigned to the actor.
     */
    @Transactional(readOnly = true)
    public List<Row> page(PageRequest page, Actor actor, boolean mine) {
        return page(page, actor, mine, null);
    }

    /** The queue, of the tickets about one document only when {@code about} names it. */
    @Transactional(readOnly = true)
    public List<Row> page(PageRequest page, Actor actor, boolean mine, String about) {
        List<org.jooq.SortField<?>> order = new ArrayList<>();
        if (page.sort().isEmpty()) {
            order.add(DUE.asc().nullsLast());
            order.add(SEVERITY_RANK.desc());
        }
        order.addAll(page.sortFields(SORT, DOCUMENT.ID.desc()));
        Condition which = about == null ? which(page, actor, mine) : which(page, actor, mine).and(RELATED.REFERENCE.eq(about));
        return rows().where(which).orderBy(order).offset(page.offset()).limit(page.limit())
                .fetch(this::row);
    }

    @Transactional(readOnly = true)
    public int count(PageRequest page, Actor actor, boolean mine) {
        return db.fetchCount(rows().where(which(page, actor, mine)));
    }

    /** Open tickets (not resolved or closed) this actor sees: all of them, the overdue, and those assigned to them. */
    public record Workload(int open, int overdue, int mine) { }

    @Transactional(readOnly = true)
    public Workload workload(Actor actor) {
        Condition open = DOCUMENT.STATE.notIn(TicketWorkflows.RESOLVED, TicketWorkflows.CLOSED)
                .and(DocumentQueries.visibleTo(actor)).and(DOCUMENT.DOC_TYPE.eq(TicketWorkflows.TYPE));
        var r = db.select(DSL.count(), DSL.count().filterWhere(DUE.lt(OffsetDateTime.now(clock))),
                        DSL.count().filterWhere(APP_USER.USERNAME.eq(actor.name())))
                .from(DOCUMENT).join(TICKET).on(TICKET.ID.eq(DOCUMENT.ID))
                .leftJoin(APP_USER).on(APP_USER.ID.eq(TICKET.ASSIGNEE_ID)).where(open).fetchSingle();
        return new Workload(r.value1(), r.value2(), r.value3());
    }

    /** A document a ticket may be about, as a choice in a form. */
    public record Subject(String reference, String label) { }

    /** What this customer may open a ticket about: their services, invoices and orders, newest first. */
    @Transactional(readOnly = true)
    public List<Subject> subjects(Actor actor) {
        return db.select(DOCUMENT.REFERENCE, DOCUMENT.TITLE, DOCUMENT.DOC_TYPE).from(DOCUMENT)
                .where(DOCUMENT.DOC_TYPE.in(CUSTOMER_SUBJECTS)).and(DocumentQueries.visibleTo(actor))
                .and(actor.isStaff() ? DSL.falseCondition() : DSL.trueCondition())
                .orderBy(DOCUMENT.ID.desc()).limit(500)
                .fetch(r -> new Subject(r.value1(), engine.workflow(r.value3()).label() + " " + r.value1() + " · "
                        + r.value2()));
    }

    /** Every user who may be given a ticket: support staff and administrators, by user name. */
    @Transactional(readOnly = true)
    public List<String> supportPeople() {
        return db.select(APP_USER.USERNAME).from(APP_USER).join(DOCUMENT).on(DOCUMENT.ID.eq(APP_USER.ID))
                .where(SUPPORT_PEOPLE)
                .and(DOCUMENT.STATE.eq("active")).orderBy(APP_USER.USERNAME).fetch(APP_USER.USERNAME);
    }

    /** The tickets about a document that this actor sees, newest first: what a service's page lists. */
    @Transactional(readOnly = true)
    public List<Row> about(long documentId, Actor actor) {
        return rows().where(TICKET.RELATED_ID.eq(documentId)).and(DocumentQueries.visibleTo(actor))
                .orderBy(DOCUMENT.ID.desc())
                .fetch(this::row);
    }

    private Condition which(PageRequest page, Actor actor, boolean mine) {
        Condition c = DocumentQueries.visibleList(TicketWorkflows.TYPE, actor, page, RELATED.REFERENCE);
        return mine ? c.and(APP_USER.USERNAME.eq(actor.name())) : c;
    }

    private SelectOnConditionStep<Record> rows() {
        return db.select(List.of(DOCUMENT.ID, DOCUMENT.REFERENCE, DOCUMENT.TITLE, DOCUMENT.STATE, DOCUMENT.CREATED_AT,
                        TICKET.SEVERITY, TICKET.CUSTOMER_ID, CUSTOMER.TITLE, RELATED.REFERENCE, RELATED.DOC_TYPE,
                        RELATED.TITLE, APP_USER.USERNAME, TICKET.OPENED_BY, TICKET.FIRST_RESPONSE_DUE,
                        TICKET.RESOLUTION_DUE, TICKET.FIRST_RESPONSE_AT, TICKET.RESOLVED_AT, DUE))
                .from(DOCUMENT).join(TICKET).on(TICKET.ID.eq(DOCUMENT.ID))
                .leftJoin(CUSTOMER).on(CUSTOMER.ID.eq(TICKET.CUSTOMER_ID))
                .leftJoin(RELATED).on(RELATED.ID.eq(TICKET.RELATED_ID))
                .leftJoin(APP_USER).on(APP_USER.ID.eq(TICKET.ASSIGNEE_ID));
    }

    private Row row(Record r) {
        return new Row(r.get(DOCUMENT.ID), r.get(DOCUMENT.REFERENCE), r.get(DOCUMENT.TITLE), r.get(DOCUMENT.STATE),
                Severity.parse(r.get(TICKET.SEVERITY)), r.get(CUSTOMER.TITLE), r.get(RELATED.REFERENCE),
                r.get(APP_USER.USERNAME), r.get(DUE), r.get(DOCUMENT.CREATED_AT));
    }

    private Ticket ticket(Record r) {
        return new Ticket(r.get(DOCUMENT.ID), r.get(DOCUMENT.REFERENCE), r.get(DOCUMENT.TITLE), r.get(DOCUMENT.STATE),
                Severity.parse(r.get(TICKET.SEVERITY)), r.get(TICKET.CUSTOMER_ID), r.get(CUSTOMER.TITLE),
                r.get(RELATED.REFERENCE), r.get(RELATED.DOC_TYPE), r.get(RELATED.TITLE), r.get(APP_USER.USERNAME),
                r.get(TICKET.OPENED_BY), r.get(DOCUMENT.CREATED_AT), r.get(TICKET.FIRST_RESPONSE_DUE),
                r.get(TICKET.RESOLUTION_DUE), r.get(TICKET.FIRST_RESPONSE_AT), r.get(TICKET.RESOLVED_AT));
    }
}

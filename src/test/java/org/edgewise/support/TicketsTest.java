package org.edgewise.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.edgewise.jooq.Tables.MAIL_OUTBOX;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.edgewise.Fixtures;
import org.edgewise.MasterTest;
import org.edgewise.TestClock;
import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.DocumentNotFoundException;
import org.edgewise.document.PageRequest;
import org.edgewise.document.TimelineEntry;
import org.edgewise.document.ValidationException;
import org.edgewise.instance.InstanceRequests;
import org.edgewise.party.Organisations;
import org.edgewise.party.Users;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class TicketsTest extends MasterTest {

    @Autowired
    Tickets tickets;
    @Autowired
    DocumentEngine engine;
    @Autowired
    Fixtures fixtures;
    @Autowired
    InstanceRequests requests;
    @Autowired
    Organisations organisations;
    @Autowired
    Users users;
    @Autowired
    DSLContext db;
    @Autowired
    TestClock clock;

    private Actor customer;
    private Actor stranger;
    private Actor support;
    private String service;
    private String customerMail;

    @BeforeEach
    void aCustomerWithAServiceAndSomeoneOfSupport() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        customerMail = "it-" + suffix + "@customer.example";
        Actor admin = new Actor("ada", EnumSet.of(Role.ADMIN), null);
        long organisation = organisations.create(new Organisations.Details("Customer " + suffix, customerMail, null,
                null), admin).id();
        customer = Fixtures.customer(organisation);
        stranger = Fixtures.customer(fixtures.organisation());
        String username = "sam-" + suffix;
        users.create(new Users.NewUser(username, "Sam " + suffix, "a-long-password-for-sam", EnumSet.of(Role.SUPPORT),
                null), admin);
        support = new Actor(username, EnumSet.of(Role.SUPPORT), null);
        service = requests.requestTree(Fixtures.request("shop " + suffix, fixtures.release(), Map.of()), customer)
                .tree();
    }

    @Test
    void aCustomersTicketAboutTheirServiceIsWorkedToTheEndAndTheConversationIsMailed() {
        Document doc = tickets.open(new Tickets.NewTicket("The shop is slow", "Pages take ten seconds.", "high", service,
                null), customer);
        Tickets.Ticket opened = tickets.get(doc.reference(), customer);
        assertThat(opened.related()).isEqualTo(service);
        assertThat(opened.customerId()).isEqualTo(customer.organisationId());
        assertThat(Duration.between(opened.createdAt(), opened.firstResponseDue())).isEqualTo(Severity.HIGH.firstResponse());
        assertThat(opened.nextDue()).isEqualTo(opened.firstResponseDue());

        tickets.assign(doc.id(), support.name(), support);
        assertThat(tickets.get(doc.reference(), support).state()).isEqualTo(TicketWorkflows.ASSIGNED);
        assertThat(tickets.page(PageRequest.all(), support, true)).extracting(Tickets.Row::reference)
                .contains(doc.reference());

        engine.note(doc.id(), "Probably the noisy neighbour on COMP-2.", support);
        assertThat(tickets.get(doc.reference(), support).firstResponseAt()).as("a note is no answer").isNull();
        engine.apply(doc.id(), TicketWorkflows.START, support, null);
        engine.comment(doc.id(), "Which page is slow?", support);
        engine.apply(doc.id(), TicketWorkflows.ASK_CUSTOMER, support, null);
        Tickets.Ticket answered = tickets.get(doc.reference(), support);
        assertThat(answered.firstResponseAt()).isNotNull();
        assertThat(answered.nextDue()).isEqualTo(answered.resolutionDue());

        assertThat(engine.timeline(engine.get(doc.id(), customer), customer)).extracting(TimelineEntry::comment)
                .contains("Which page is slow?").doesNotContain("Probably the noisy neighbour on COMP-2.");
        assertThat(engine.timeline(engine.get(doc.id(), support), support)).extracting(TimelineEntry::comment)
                .contains("Probably the noisy neighbour on COMP-2.");

        engine.comment(doc.id(), "The checkout page.", customer);
        assertThat(tickets.get(doc.reference(), support).state()).as("the customer's answer puts it back to work")
                .isEqualTo(TicketWorkflows.IN_PROGRESS);
        engine.apply(doc.id(), TicketWorkflows.RESOLVE, support, null);
        engine.apply(doc.id(), TicketWorkflows.CLOSE, customer, null);
        assertThat(tickets.get(doc.reference(), customer).state()).isEqualTo(TicketWorkflows.CLOSED);

        List<String> mailed = db.select(MAIL_OUTBOX.SUBJECT).from(MAIL_OUTBOX).where(MAIL_OUTBOX.RECIPIENT.eq(customerMail))
                .orderBy(MAIL_OUTBOX.ID).fetch(MAIL_OUTBOX.SUBJECT);
        assertThat(mailed).anyMatch(s -> s.startsWith("New message on " + doc.reference()))
                .anyMatch(s -> s.equals(doc.reference() + " is waiting for your answer: The shop is slow"))
                .anyMatch(s -> s.equals(doc.reference() + " is resolved: The shop is slow"))
                .noneMatch(s -> s.contains("noisy"));
        assertThat(db.fetchCount(MAIL_OUTBOX, MAIL_OUTBOX.BODY.contains("noisy neighbour"))).as("notes are never mailed")
                .isZero();
    }

    @Test
    void anotherCustomerNeitherSeesTheTicketNorOpensOneAboutSomeoneElsesService() {
        Document doc = tickets.open(new Tickets.NewTicket("Help", "Something broke.", null, service, null), customer);
        assertThatThrownBy(() -> tickets.get(doc.reference(), stranger)).isInstanceOf(DocumentNotFoundException.class);
        assertThat(tickets.page(PageRequest.all(), stranger, false)).extracting(Tickets.Row::reference)
                .doesNotContain(doc.reference());
        assertThatThrownBy(() -> engine.comment(doc.id(), "me too", stranger))
                .isInstanceOf(DocumentNotFoundException.class);
        assertThatThrownBy(() -> tickets.open(new Tickets.NewTicket("Mine now", "x", null, service, null), stranger))
                .isInstanceOf(ValidationException.class).hasMessageContaining("No document " + service);
        assertThatThrownBy(() -> engine.note(doc.id(), "hidden", customer))
                .hasMessageContaining("may not write internal notes");
    }

    @Test
    void aResolvedTicketReopensWithinItsPeriodOnly() {
        Document doc = tickets.open(new Tickets.NewTicket("Invoice question", "Why two lines?", "low", null, null),
                customer);
        engine.apply(doc.id(), TicketWorkflows.RESOLVE, support, null);
        engine.apply(doc.id(), TicketWorkflows.REOPEN, customer, null);
        assertThat(tickets.get(doc.reference(), customer).resolvedAt()).isNull();
        engine.apply(doc.id(), TicketWorkflows.RESOLVE, support, null);
        engine.apply(doc.id(), TicketWorkflows.CLOSE, customer, null);
        clock.advance(Duration.ofDays(15));
        assertThatThrownBy(() -> engine.apply(doc.id(), TicketWorkflows.REOPEN, customer, null))
                .isInstanceOf(ValidationException.class).hasMessageContaining("within 14 days");
        assertThat(tickets.get(doc.reference(), customer).state()).isEqualTo(TicketWorkflows.CLOSED);
    }

    @Test
    void badInputIsRefusedWithItsReason() {
        assertThatThrownBy(() -> tickets.open(new Tickets.NewTicket("x", "y", "urgent", null, null), customer))
                .isInstanceOf(ValidationException.class).hasMessageContaining("low, normal, high or critical");
        assertThatThrownBy(() -> tickets.open(new Tickets.NewTicket("x", " ", null, null, null), customer))
                .isInstanceOf(ValidationException.class).hasMessageContaining("Say what happened");
        assertThatThrownBy(() -> tickets.assign(
                tickets.open(new Tickets.NewTicket("x", "y", null, null, null), customer).id(), "nobody-at-all", support))
                .isInstanceOf(ValidationException.class).hasMessageContaining("No one of support");
    }
}

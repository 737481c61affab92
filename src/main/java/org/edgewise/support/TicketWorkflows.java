package org.edgewise.support;

import static org.edgewise.access.RoleGroup.CUSTOMERS;
import static org.edgewise.access.RoleGroup.STAFF;
import static org.edgewise.access.RoleGroup.SUPPORT_TEAM;

import org.edgewise.document.DocumentEngine;
import org.edgewise.document.Effect;
import org.edgewise.document.Tone;
import org.edgewise.document.Workflow;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * A ticket is new until support takes it (assigned), is worked on (in progress), may wait for the customer's
 * answer, and is resolved by support. The customer, or support, closes a resolved ticket; either may reopen it
 * within {@code edgewise.support.reopen-within} of its resolution.
 */
@Configuration(proxyBeanMethods = false)
public class TicketWorkflows {

    public static final String TYPE = "ticket";

    public static final String NEW = "new";
    public static final String ASSIGNED = "assigned";
    public static final String IN_PROGRESS = "in_progress";
    public static final String WAITING = "waiting_on_customer";
    public static final String RESOLVED = "resolved";
    public static final String CLOSED = "closed";

    public static final String ASSIGN = "assign";
    public static final String START = "start";
    public static final String ASK_CUSTOMER = "ask_customer";
    public static final String CUSTOMER_ANSWERED = "customer_answered";
    public static final String RESOLVE = "resolve";
    public static final String CLOSE = "close";
    public static final String REOPEN = "reopen";

    @Bean
    Workflow ticketWorkflow() {
        return Workflow.define(TYPE, "Ticket")
                .series("TCK").gapsAllowed()
                .state(NEW, "new", Tone.WARNING)
                .state(ASSIGNED, "assigned", Tone.PROGRESS)
                .state(IN_PROGRESS, "in progress", Tone.PROGRESS)
                .state(WAITING, "waiting on customer", Tone.WARNING)
                .state(RESOLVED, "resolved", Tone.SUCCESS)
                .state(CLOSED, "closed", Tone.NEUTRAL)
                .initial(NEW)
                .createdBy(CUSTOMERS, STAFF)
                .readBy(CUSTOMERS, STAFF)
                .transition(NEW, ASSIGN, ASSIGNED, "Assign", SUPPORT_TEAM)
                .transition(ASSIGNED, START, IN_PROGRESS, "Start work", SUPPORT_TEAM)
                .transition(NEW, START, IN_PROGRESS, "Start work", SUPPORT_TEAM)
                .transition(IN_PROGRESS, ASK_CUSTOMER, WAITING, "Wait for the customer", SUPPORT_TEAM)
                .transition(WAITING, CUSTOMER_ANSWERED, IN_PROGRESS, "Back to work", CUSTOMERS, SUPPORT_TEAM)
                .transition(NEW, RESOLVE, RESOLVED, "Resolve", SUPPORT_TEAM)
                .transition(ASSIGNED, RESOLVE, RESOLVED, "Resolve", SUPPORT_TEAM)
                .transition(IN_PROGRESS, RESOLVE, RESOLVED, "Resolve", SUPPORT_TEAM)
                .transition(WAITING, RESOLVE, RESOLVED, "Resolve", SUPPORT_TEAM)
                .transition(RESOLVED, CLOSE, CLOSED, "Close", CUSTOMERS, SUPPORT_TEAM)
                .transition(RESOLVED, REOPEN, IN_PROGRESS, "Reopen", CUSTOMERS, SUPPORT_TEAM)
                .transition(CLOSED, REOPEN, IN_PROGRESS, "Reopen", CUSTOMERS, SUPPORT_TEAM)
                .build();
    }

    @Bean
    Effect ticketAssigned(Tickets tickets) {
        return Effect.of(TYPE, ASSIGN, START).by((before, transition, actor) -> tickets.taken(before, actor));
    }

    @Bean
    Effect ticketResolved(Tickets tickets) {
        return Effect.of(TYPE, RESOLVE).by((before, transition, actor) -> tickets.resolved(before, actor));
    }

    @Bean
    Effect ticketReopened(Tickets tickets) {
        return Effect.of(TYPE, REOPEN).by((before, transition, actor) -> tickets.reopened(before, actor));
    }

    @Bean
    Effect ticketToldOfChange(Tickets tickets) {
        return Effect.of(TYPE, ASK_CUSTOMER, RESOLVE, CLOSE, REOPEN)
                .by((before, transition, actor) -> tickets.tellOfChange(before, transition, actor));
    }

    @Bean
    Conversation ticketConversation(Tickets tickets) {
        return new Conversation(tickets);
    }

    /** Comments on a ticket are its conversation: a first answer, a customer's reply, a mail to the other side. */
    static final class Conversation {
        private final Tickets tickets;

        Conversation(Tickets tickets) {
            this.tickets = tickets;
        }

        @EventListener
        void commented(DocumentEngine.Commented commented) {
            if (commented.document().docType().equals(TYPE)) {
                tickets.commented(commented);
            }
        }
    }
}

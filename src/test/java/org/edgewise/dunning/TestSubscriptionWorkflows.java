package org.edgewise.dunning;

import static org.edgewise.access.RoleGroup.ADMINISTRATORS;
import static org.edgewise.access.RoleGroup.CUSTOMERS;
import static org.edgewise.access.RoleGroup.FINANCE;
import static org.edgewise.access.RoleGroup.SALES_TEAM;
import static org.edgewise.access.RoleGroup.SUPPORT_TEAM;

import org.edgewise.document.Tone;
import org.edgewise.document.Workflow;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The subscription workflow as the billing contract fixes it, for the dunning tests while the subscription
 * package is not part of this Master: dunning suspends and resumes subscriptions through it.
 *
 * <p>Delete this file when the subscription package arrives: its workflow replaces this one. Until then it
 * stands aside by itself once that package is there ({@code Charges} is the subscription package's).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnMissingClass("org.edgewise.subscription.Charges")
public class TestSubscriptionWorkflows {

    @Bean
    Workflow testSubscriptionWorkflow() {
        return Workflow.define("subscription", "Subscription")
                .series("SUB")
                .state("active", Tone.SUCCESS)
                .state("suspended", Tone.WARNING)
                .finalState("closed", Tone.NEUTRAL)
                .initial("active")
                .createdBy(FINANCE)
                .readBy(CUSTOMERS, FINANCE, SALES_TEAM, SUPPORT_TEAM, ADMINISTRATORS)
                .transition("active", "suspend", "suspended", "Suspend", FINANCE)
                .transition("suspended", "resume", "active", "Resume", FINANCE)
                .transition("active", "close", "closed", "Close", FINANCE)
                .transition("suspended", "close", "closed", "Close", FINANCE)
                .build();
    }
}

package org.edgewise.pricing;

import static org.edgewise.access.RoleGroup.ADMINISTRATORS;
import static org.edgewise.access.RoleGroup.CUSTOMERS;
import static org.edgewise.access.RoleGroup.FINANCE;
import static org.edgewise.access.RoleGroup.SALES_TEAM;
import static org.edgewise.access.RoleGroup.STAFF;

import org.edgewise.document.Effect;
import org.edgewise.document.Tone;
import org.edgewise.document.Workflow;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A price list is drafted (its items editable), activated from its validity date on, and retired when it
 * no longer applies; a draft that is not wanted is discarded, and so is an active list withdrawn before
 * it came into force. What an action must check or change beside the state is an effect, so that the
 * console, the API and the local cloud all go through the same rules.
 */
@Configuration(proxyBeanMethods = false)
public class PricingWorkflows {

    public static final String TYPE = "price_list";

    public static final String DRAFT = "draft";
    public static final String ACTIVE = "active";
    public static final String RETIRED = "retired";
    public static final String DISCARDED = "discarded";

    public static final String ACTIVATE = "activate";
    public static final String RETIRE = "retire";
    public static final String DISCARD = "discard";

    @Bean
    Workflow priceListWorkflow() {
        return Workflow.define(TYPE, "Price list")
                .series("PL")
                .state(DRAFT, Tone.PROGRESS)
                .state(ACTIVE, Tone.SUCCESS)
                .finalState(RETIRED, Tone.NEUTRAL)
                .finalState(DISCARDED, Tone.NEUTRAL)
                .initial(DRAFT)
                .createdBy(SALES_TEAM, FINANCE, ADMINISTRATORS)
                .readBy(STAFF, CUSTOMERS)
                .editableIn(DRAFT)
                .transition(DRAFT, ACTIVATE, ACTIVE, "Activate", SALES_TEAM, FINANCE, ADMINISTRATORS)
                .transition(DRAFT, DISCARD, DISCARDED, "Discard", SALES_TEAM, FINANCE, ADMINISTRATORS)
                .transition(ACTIVE, RETIRE, RETIRED, "Retire", SALES_TEAM, FINANCE, ADMINISTRATORS)
                .transition(ACTIVE, DISCARD, DISCARDED, "Withdraw", SALES_TEAM, FINANCE, ADMINISTRATORS)
                .build();
    }

    @Bean
    Effect priceListActivation(PriceLists lists) {
        return Effect.of(TYPE, ACTIVATE).by((before, transition, actor) -> lists.checkActivation(before));
    }

    @Bean
    Effect priceListRetirement(PriceLists lists) {
        return Effect.of(TYPE, RETIRE).by((before, transition, actor) -> lists.endValidity(before, actor));
    }

    @Bean
    Effect priceListWithdrawal(PriceLists lists) {
        return Effect.of(TYPE, DISCARD).by((before, transition, actor) -> lists.checkWithdrawal(before));
    }
}

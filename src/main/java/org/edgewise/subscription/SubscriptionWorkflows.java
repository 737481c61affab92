package org.edgewise.subscription;

import static org.edgewise.access.RoleGroup.ADMINISTRATORS;
import static org.edgewise.access.RoleGroup.CUSTOMERS;
import static org.edgewise.access.RoleGroup.FINANCE;
import static org.edgewise.access.RoleGroup.SALES_TEAM;
import static org.edgewise.access.RoleGroup.SUPPORT_TEAM;

import org.edgewise.document.Effect;
import org.edgewise.document.Tone;
import org.edgewise.document.Workflow;
import org.edgewise.instance.InstanceWorkflows;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A customer's service as it is billed: a subscription starts active with its instance tree, is suspended
 * and resumed by finance (and by dunning, acting as the system), and is closed when its tree is destroyed.
 * Its recurring price is not charged while it is suspended.
 */
@Configuration(proxyBeanMethods = false)
public class SubscriptionWorkflows {

    public static final String TYPE = "subscription";

    public static final String ACTIVE = "active";
    public static final String SUSPENDED = "suspended";
    public static final String CLOSED = "closed";

    public static final String SUSPEND = "suspend";
    public static final String RESUME = "resume";
    public static final String CLOSE = "close";

    @Bean
    Workflow subscriptionWorkflow() {
        return Workflow.define(TYPE, "Subscription")
                .series("SUB").gapsAllowed()
                .state(ACTIVE, Tone.SUCCESS)
                .state(SUSPENDED, Tone.WARNING)
                .finalState(CLOSED, Tone.NEUTRAL)
                .initial(ACTIVE)
                // made by the system with the tree; finance is named because a workflow needs its creators
                .createdBy(FINANCE)
                .readBy(CUSTOMERS, SALES_TEAM, FINANCE, SUPPORT_TEAM, ADMINISTRATORS)
                .transition(ACTIVE, SUSPEND, SUSPENDED, "Suspend", FINANCE)
                .transition(SUSPENDED, RESUME, ACTIVE, "Resume", FINANCE)
                .transition(ACTIVE, CLOSE, CLOSED, "Close", FINANCE)
                .transition(SUSPENDED, CLOSE, CLOSED, "Close", FINANCE)
                .build();
    }

    /** A closed subscription ends now, whoever closed it. */
    @Bean
    Effect subscriptionEnd(Subscriptions subscriptions) {
        return Effect.of(TYPE, CLOSE).by((before, transition, actor) -> subscriptions.end(before));
    }

    /** Destroying a customer's tree closes its subscription in the same transaction. */
    @Bean
    Effect subscriptionOfDestroyedTree(Subscriptions subscriptions) {
        return Effect.of(InstanceWorkflows.TREE, InstanceWorkflows.DESTROY)
                .by((before, transition, actor) -> subscriptions.treeDestroyed(before));
    }
}

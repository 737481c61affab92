package org.edgewise.dunning;

import static org.edgewise.access.RoleGroup.ADMINISTRATORS;
import static org.edgewise.access.RoleGroup.CUSTOMERS;
import static org.edgewise.access.RoleGroup.FINANCE;
import static org.edgewise.access.RoleGroup.SALES_TEAM;
import static org.edgewise.access.RoleGroup.SUPPORT_TEAM;

import org.edgewise.document.Effect;
import org.edgewise.document.Tone;
import org.edgewise.document.Workflow;
import org.edgewise.instance.InstanceWorkflows;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A reminder follows one invoice left unpaid past its due date: opened and sent at once (reminded), then
 * the customer's services are stopped, then destroyed; paid before the destruction, it is settled and the
 * services it stopped start again. The Master takes these steps on time (see {@link DunningRun}); the
 * stop, the destruction and the settling do the same whoever takes them, since their work is the
 * actions' effects.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DunningSettings.class)
public class DunningWorkflows {

    public static final String TYPE = "reminder";

    public static final String OPENED = "opened";
    public static final String REMINDED = "reminded";
    public static final String SERVICES_STOPPED = "services_stopped";
    public static final String SERVICES_DESTROYED = "services_destroyed";
    public static final String SETTLED = "settled";

    public static final String REMIND = "remind";
    public static final String STOP_SERVICES = "stop_services";
    public static final String DESTROY_SERVICES = "destroy_services";
    public static final String SETTLE = "settle";

    @Bean
    Workflow reminderWorkflow() {
        return Workflow.define(TYPE, "Reminder")
                .series("REM")
                .state(OPENED, "opened", Tone.PROGRESS)
                .state(REMINDED, "reminded", Tone.WARNING)
                .state(SERVICES_STOPPED, "services stopped", Tone.DANGER)
                .finalState(SERVICES_DESTROYED, Tone.DANGER)
                .finalState(SETTLED, Tone.SUCCESS)
                .initial(OPENED)
                .createdBy(FINANCE)
                .readBy(CUSTOMERS, FINANCE, SALES_TEAM, SUPPORT_TEAM, ADMINISTRATORS)
                .transition(OPENED, REMIND, REMINDED, "Send reminder", ADMINISTRATORS)
                .transition(REMINDED, STOP_SERVICES, SERVICES_STOPPED, "Stop services", ADMINISTRATORS)
                .transition(SERVICES_STOPPED, DESTROY_SERVICES, SERVICES_DESTROYED, "Destroy services", ADMINISTRATORS)
                .transition(OPENED, SETTLE, SETTLED, "Settle", FINANCE)
                .transition(REMINDED, SETTLE, SETTLED, "Settle", FINANCE)
                .transition(SERVICES_STOPPED, SETTLE, SETTLED, "Settle and restart services", FINANCE)
                .build();
    }

    @Bean
    Effect servicesStoppedForNonPayment(ServiceHold hold) {
        return Effect.of(TYPE, STOP_SERVICES).by((reminder, transition, actor) -> hold.stop(reminder));
    }

    @Bean
    Effect servicesDestroyedForNonPayment(ServiceHold hold) {
        return Effect.of(TYPE, DESTROY_SERVICES).by((reminder, transition, actor) -> hold.destroy(reminder));
    }

    @Bean
    Effect servicesReleasedWhenSettled(ServiceHold hold) {
        return Effect.of(TYPE, SETTLE).by((reminder, transition, actor) -> hold.release(reminder));
    }

    /** A tree stopped for non-payment stays stopped for its customer until the invoice is paid. */
    @Bean
    Effect treesHeldForNonPaymentStayStopped(ServiceHold hold) {
        return Effect.of(InstanceWorkflows.TREE, InstanceWorkflows.START).by(hold::refuseStartWhileHeld);
    }
}

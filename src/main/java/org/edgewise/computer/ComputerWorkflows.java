package org.edgewise.computer;

import static org.edgewise.access.RoleGroup.OPERATIONS;
import static org.edgewise.access.RoleGroup.STAFF;

import org.edgewise.document.Effect;
import org.edgewise.document.State;
import org.edgewise.document.Tone;
import org.edgewise.document.Workflow;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A compute node: drafted by an operator, opened for allocation, closed for maintenance and reopened,
 * and finally decommissioned (closed forever).
 */
@Configuration(proxyBeanMethods = false)
public class ComputerWorkflows {

    public static final String TYPE = "computer";

    public static final String DRAFT = "draft";
    public static final String OPEN = "open";
    public static final String CLOSED = "closed";
    public static final String DECOMMISSIONED = "decommissioned";

    public static final String OPEN_ACTION = "open";
    public static final String CLOSE = "close";
    public static final String REOPEN = "reopen";
    public static final String DECOMMISSION = "decommission";

    /** A partition holds an instance or does not. */
    public static final State FREE = State.of("free", Tone.SUCCESS);
    public static final State BUSY = State.of("busy", Tone.PROGRESS);

    static State partitionState(String name) {
        return name.equals(FREE.name()) ? FREE : BUSY;
    }

    @Bean
    Workflow computerWorkflow() {
        return Workflow.define(TYPE, "Computer")
                .series("COMP")
                .state(DRAFT, Tone.PROGRESS)
                .state(OPEN, Tone.SUCCESS)
                .state(CLOSED, Tone.WARNING)
                .finalState(DECOMMISSIONED, Tone.NEUTRAL)
                .initial(DRAFT)
                .createdBy(OPERATIONS)
                .readBy(STAFF)
                .editableIn(DRAFT, OPEN, CLOSED)
                .transition(DRAFT, OPEN_ACTION, OPEN, "Open", OPERATIONS)
                .transition(OPEN, CLOSE, CLOSED, "Close for maintenance", OPERATIONS)
                .transition(CLOSED, REOPEN, OPEN, "Reopen", OPERATIONS)
                .transition(DRAFT, DECOMMISSION, DECOMMISSIONED, "Decommission", OPERATIONS)
                .transition(OPEN, DECOMMISSION, DECOMMISSIONED, "Decommission", OPERATIONS)
                .transition(CLOSED, DECOMMISSION, DECOMMISSIONED, "Decommission", OPERATIONS)
                .build();
    }

    /** Any change of a computer's state changes what its node is told. */
    @Bean
    Effect computerPlanChanges(PlanVersions plans) {
        return Effect.of(TYPE, OPEN_ACTION, CLOSE, REOPEN, DECOMMISSION)
                .by((before, transition, actor) -> plans.bump(before.id()));
    }
}

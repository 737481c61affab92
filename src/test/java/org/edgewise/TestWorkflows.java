package org.edgewise;

import static org.edgewise.access.RoleGroup.ADMINISTRATORS;
import static org.edgewise.access.RoleGroup.OPERATIONS;

import java.util.EnumSet;

import org.edgewise.access.Role;
import org.edgewise.access.RoleGroup;
import org.edgewise.document.Effect;
import org.edgewise.document.Tone;
import org.edgewise.document.Workflow;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** A document type that exists only in tests, with an action whose side effect always fails. */
@TestConfiguration(proxyBeanMethods = false)
public class TestWorkflows {

    public static final String PROBE = "probe";

    /** Operators without the administrators: to tell a refused action from an allowed one. */
    private static final RoleGroup OPERATORS_ONLY = new RoleGroup("operators", EnumSet.of(Role.OPERATOR));

    @Bean
    Workflow probeWorkflow() {
        return Workflow.define(PROBE, "Probe")
                .series("PRB")
                .state("new", Tone.PROGRESS)
                .finalState("done", Tone.SUCCESS)
                .finalState("exploded", Tone.DANGER)
                .finalState("approved", Tone.SUCCESS)
                .initial("new")
                .createdBy(OPERATIONS)
                .editableIn("new")
                .transition("new", "finish", "done", "Finish", OPERATORS_ONLY)
                .transition("new", "explode", "exploded", "Explode", OPERATIONS)
                .transition("new", "approve", "approved", "Approve", ADMINISTRATORS)
                .build();
    }

    @Bean
    Effect explodingEffect() {
        return Effect.of(PROBE, "explode").by((before, transition, actor) -> {
            throw new IllegalStateException("the effect of explode failed");
        });
    }
}

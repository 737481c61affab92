package org.edgewise;

import static org.edgewise.security.Role.ADMIN;
import static org.edgewise.security.Role.OPERATOR;

import org.edgewise.document.TransitionListener;
import org.edgewise.document.Workflow;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** A document type that exists only in tests, with an action whose side effect always fails. */
@TestConfiguration(proxyBeanMethods = false)
public class TestWorkflows {

    public static final String PROBE = "probe";

    @Bean
    Workflow probeWorkflow() {
        return Workflow.define(PROBE, "Probe")
                .series("PRB")
                .initial("new")
                .createdBy(OPERATOR, ADMIN)
                .editableIn("new")
                .transition("new", "finish", "done", "Finish", OPERATOR)
                .transition("new", "explode", "exploded", "Explode", OPERATOR, ADMIN)
                .transition("new", "approve", "approved", "Approve", ADMIN)
                .build();
    }

    @Bean
    TransitionListener explodingEffect() {
        return (before, transition, actor) -> {
            if (before.docType().equals(PROBE) && transition.action().equals("explode")) {
                throw new IllegalStateException("the effect of explode failed");
            }
        };
    }
}

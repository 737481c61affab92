package org.edgewise.computer;

import static org.edgewise.security.Role.ADMIN;
import static org.edgewise.security.Role.OPERATOR;

import org.edgewise.document.Workflow;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A compute node: drafted by an operator, opened for allocation, closed for maintenance and reopened,
 * and finally decommissioned (closed forever).
 */
@Configuration(proxyBeanMethods = false)
class ComputerWorkflows {

    static final String TYPE = "computer";

    @Bean
    Workflow computerWorkflow() {
        return Workflow.define(TYPE, "Computer")
                .series("COMP")
                .initial("draft")
                .createdBy(OPERATOR, ADMIN)
                .editableIn("draft", "open", "closed")
                .transition("draft", "open", "open", "Open", OPERATOR, ADMIN)
                .transition("open", "close", "closed", "Close for maintenance", OPERATOR, ADMIN)
                .transition("closed", "reopen", "open", "Reopen", OPERATOR, ADMIN)
                .transition("draft", "decommission", "decommissioned", "Decommission", OPERATOR, ADMIN)
                .transition("open", "decommission", "decommissioned", "Decommission", OPERATOR, ADMIN)
                .transition("closed", "decommission", "decommissioned", "Decommission", OPERATOR, ADMIN)
                .build();
    }
}

package org.edgewise.instance;

import static org.edgewise.security.Role.ADMIN;
import static org.edgewise.security.Role.CUSTOMER;
import static org.edgewise.security.Role.NODE;
import static org.edgewise.security.Role.OPERATOR;

import org.edgewise.document.Workflow;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An instance tree is what a customer orders; its instances are its nodes. Both carry the requested
 * state (started / stopped / destroyed); a tree whose instances are all destroyed is archived.
 */
@Configuration(proxyBeanMethods = false)
class InstanceWorkflows {

    static final String TREE = "tree";
    static final String INSTANCE = "instance";

    @Bean
    Workflow treeWorkflow() {
        return Workflow.define(TREE, "Instance tree")
                .series("TREE").gapsAllowed()
                .initial("started")
                .createdBy(CUSTOMER, OPERATOR, ADMIN)
                .editableIn("started", "stopped")
                .transition("started", "stop", "stopped", "Stop", CUSTOMER, OPERATOR, ADMIN)
                .transition("stopped", "start", "started", "Start", CUSTOMER, OPERATOR, ADMIN)
                .transition("started", "destroy", "destroyed", "Destroy", CUSTOMER, OPERATOR, ADMIN)
                .transition("stopped", "destroy", "destroyed", "Destroy", CUSTOMER, OPERATOR, ADMIN)
                .transition("destroyed", "archive", "archived", "Archive", ADMIN)
                .build();
    }

    @Bean
    Workflow instanceWorkflow() {
        return Workflow.define(INSTANCE, "Instance")
                .series("INST").gapsAllowed()
                .initial("started")
                .createdBy(CUSTOMER, OPERATOR, ADMIN, NODE)
                .editableIn("started", "stopped")
                .transition("started", "stop", "stopped", "Stop", CUSTOMER, OPERATOR, ADMIN, NODE)
                .transition("stopped", "start", "started", "Start", CUSTOMER, OPERATOR, ADMIN, NODE)
                .transition("started", "destroy", "destroyed", "Destroy", CUSTOMER, OPERATOR, ADMIN, NODE)
                .transition("stopped", "destroy", "destroyed", "Destroy", CUSTOMER, OPERATOR, ADMIN, NODE)
                .build();
    }

    /** The action that takes a document from one requested state to another, if any. */
    static String actionTowards(String from, String to) {
        if (from.equals(to)) {
            return null;
        }
        return switch (to) {
            case "started" -> "start";
            case "stopped" -> "stop";
            case "destroyed" -> "destroy";
            default -> throw new IllegalArgumentException("A requested state is started, stopped or destroyed, not \""
                    + to + "\".");
        };
    }
}

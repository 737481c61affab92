package org.edgewise.party;

import static org.edgewise.security.Role.ADMIN;
import static org.edgewise.security.Role.SALES;

import org.edgewise.document.Workflow;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Customers (organisations), their people, and the users who sign in. */
@Configuration(proxyBeanMethods = false)
class PartyWorkflows {

    static final String ORGANISATION = "organisation";
    static final String PERSON = "person";
    static final String USER = "user";

    @Bean
    Workflow organisationWorkflow() {
        return Workflow.define(ORGANISATION, "Organisation")
                .series("ORG")
                .initial("active")
                .createdBy(ADMIN, SALES)
                .ownedBySelf()
                .editableIn("active")
                .transition("active", "close", "closed", "Close", ADMIN, SALES)
                .transition("closed", "reopen", "active", "Reopen", ADMIN, SALES)
                .build();
    }

    @Bean
    Workflow personWorkflow() {
        return Workflow.define(PERSON, "Person")
                .series("PER")
                .initial("active")
                .createdBy(ADMIN, SALES)
                .editableIn("active")
                .transition("active", "archive", "archived", "Archive", ADMIN, SALES)
                .transition("archived", "restore", "active", "Restore", ADMIN, SALES)
                .build();
    }

    @Bean
    Workflow userWorkflow() {
        return Workflow.define(USER, "User")
                .series("USR")
                .initial("active")
                .createdBy(ADMIN)
                .editableIn("active", "disabled")
                .transition("active", "disable", "disabled", "Disable", ADMIN)
                .transition("disabled", "enable", "active", "Enable", ADMIN)
                .build();
    }
}

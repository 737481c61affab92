package org.edgewise.catalog;

import static org.edgewise.security.Role.ADMIN;
import static org.edgewise.security.Role.OPERATOR;
import static org.edgewise.security.Role.SALES;

import org.edgewise.document.Workflow;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Products, their releases, and the installations of releases on computers. */
@Configuration(proxyBeanMethods = false)
class CatalogWorkflows {

    static final String PRODUCT = "product";
    static final String RELEASE = "release";
    static final String INSTALLATION = "installation";

    @Bean
    Workflow productWorkflow() {
        return Workflow.define(PRODUCT, "Product")
                .series("PRD")
                .initial("active")
                .createdBy(OPERATOR, ADMIN, SALES)
                .editableIn("active")
                .transition("active", "retire", "retired", "Retire", OPERATOR, ADMIN, SALES)
                .transition("retired", "restore", "active", "Restore", OPERATOR, ADMIN, SALES)
                .build();
    }

    @Bean
    Workflow releaseWorkflow() {
        return Workflow.define(RELEASE, "Software release")
                .series("SR")
                .initial("draft")
                .createdBy(OPERATOR, ADMIN)
                .editableIn("draft")
                .transition("draft", "publish", "published", "Publish", OPERATOR, ADMIN)
                .transition("published", "deprecate", "deprecated", "Deprecate", OPERATOR, ADMIN)
                .build();
    }

    @Bean
    Workflow installationWorkflow() {
        return Workflow.define(INSTALLATION, "Software installation")
                .series("SI")
                .initial("available")
                .createdBy(OPERATOR, ADMIN)
                .transition("available", "remove", "destroyed", "Remove", OPERATOR, ADMIN)
                .transition("destroyed", "supply", "available", "Supply again", OPERATOR, ADMIN)
                .build();
    }
}

package org.edgewise.catalog;

import static org.edgewise.access.RoleGroup.OPERATIONS;
import static org.edgewise.access.RoleGroup.SALES_TEAM;

import java.util.List;

import org.edgewise.document.Effect;
import org.edgewise.document.State;
import org.edgewise.document.Tone;
import org.edgewise.document.Workflow;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Products, their releases, and the installations of releases on computers. */
@Configuration(proxyBeanMethods = false)
public class CatalogWorkflows {

    public static final String PRODUCT = "product";
    public static final String RELEASE = "release";
    public static final String INSTALLATION = "installation";

    /** Products. */
    public static final String ACTIVE = "active";
    public static final String RETIRED = "retired";
    /** Releases. */
    public static final String DRAFT = "draft";
    public static final String PUBLISHED = "published";
    public static final String DEPRECATED = "deprecated";
    /** Installations, as requested; a node reports {@link #REPORTED} states beside. */
    public static final String AVAILABLE = "available";
    public static final String DESTROYED = "destroyed";

    public static final String BUILDING = "building";
    public static final String ERROR = "error";
    public static final List<State> REPORTED = List.of(State.of(BUILDING, Tone.PROGRESS),
            State.of(AVAILABLE, Tone.SUCCESS), State.of(ERROR, Tone.DANGER), State.of(DESTROYED, Tone.NEUTRAL));

    @Bean
    Workflow productWorkflow() {
        return Workflow.define(PRODUCT, "Product")
                .series("PRD")
                .state(ACTIVE, Tone.SUCCESS)
                .state(RETIRED, Tone.NEUTRAL)
                .initial(ACTIVE)
                .createdBy(OPERATIONS, SALES_TEAM)
                .editableIn(ACTIVE)
                .transition(ACTIVE, "retire", RETIRED, "Retire", OPERATIONS, SALES_TEAM)
                .transition(RETIRED, "restore", ACTIVE, "Restore", OPERATIONS, SALES_TEAM)
                .build();
    }

    @Bean
    Workflow releaseWorkflow() {
        return Workflow.define(RELEASE, "Software release")
                .series("SR")
                .state(DRAFT, Tone.PROGRESS)
                .state(PUBLISHED, Tone.SUCCESS)
                .finalState(DEPRECATED, Tone.WARNING)
                .initial(DRAFT)
                .createdBy(OPERATIONS)
                .editableIn(DRAFT)
                .transition(DRAFT, "publish", PUBLISHED, "Publish", OPERATIONS)
                .transition(PUBLISHED, "deprecate", DEPRECATED, "Deprecate", OPERATIONS)
                .build();
    }

    @Bean
    Workflow installationWorkflow() {
        return Workflow.define(INSTALLATION, "Software installation")
                .series("SI")
                .state(AVAILABLE, Tone.SUCCESS)
                .state(DESTROYED, Tone.NEUTRAL)
                .initial(AVAILABLE)
                .createdBy(OPERATIONS)
                .transition(AVAILABLE, "remove", DESTROYED, "Remove", OPERATIONS)
                .transition(DESTROYED, "supply", AVAILABLE, "Supply again", OPERATIONS)
                .build();
    }

    @Bean
    Effect installationPlanChanges(Installations installations) {
        return Effect.of(INSTALLATION, "remove", "supply").by((before, transition, actor) -> installations.bumpPlanOf(before));
    }

    /** The reported state of an installation of this name, for its badge. */
    public static State reported(String name) {
        return REPORTED.stream().filter(s -> s.name().equals(name)).findFirst().orElse(State.of(name, Tone.NEUTRAL));
    }
}

package org.edgewise.instance;

import static org.edgewise.access.RoleGroup.ADMINISTRATORS;
import static org.edgewise.access.RoleGroup.CUSTOMERS;
import static org.edgewise.access.RoleGroup.NODES;
import static org.edgewise.access.RoleGroup.OPERATIONS;

import java.util.List;

import org.edgewise.document.Effect;
import org.edgewise.document.State;
import org.edgewise.document.Tone;
import org.edgewise.document.Workflow;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An instance tree is what a customer orders; its instances are its nodes. Both carry the requested
 * state (started / stopped / destroyed); a tree whose instances are all destroyed is archived. Beside
 * the requested state, a node reports the state it reached.
 */
@Configuration(proxyBeanMethods = false)
public class InstanceWorkflows {

    public static final String TREE = "tree";
    public static final String INSTANCE = "instance";

    public static final String STARTED = "started";
    public static final String STOPPED = "stopped";
    public static final String DESTROYED = "destroyed";
    public static final String ARCHIVED = "archived";

    public static final String START = "start";
    public static final String STOP = "stop";
    public static final String DESTROY = "destroy";
    public static final String ARCHIVE = "archive";

    /** What a node reports it reached: the requested states, or an error. */
    public static final String ERROR = "error";
    public static final List<State> REPORTED = List.of(State.of(STARTED, Tone.SUCCESS), State.of(STOPPED, Tone.WARNING),
            State.of(DESTROYED, Tone.NEUTRAL), State.of(ERROR, Tone.DANGER));

    @Bean
    Workflow treeWorkflow() {
        return Workflow.define(TREE, "Instance tree")
                .series("TREE").gapsAllowed()
                .state(STARTED, Tone.SUCCESS)
                .state(STOPPED, Tone.WARNING)
                .state(DESTROYED, Tone.NEUTRAL)
                .finalState(ARCHIVED, Tone.NEUTRAL)
                .initial(STARTED)
                .createdBy(CUSTOMERS, OPERATIONS)
                .editableIn(STARTED, STOPPED)
                .transition(STARTED, STOP, STOPPED, "Stop", CUSTOMERS, OPERATIONS)
                .transition(STOPPED, START, STARTED, "Start", CUSTOMERS, OPERATIONS)
                .transition(STARTED, DESTROY, DESTROYED, "Destroy", CUSTOMERS, OPERATIONS)
                .transition(STOPPED, DESTROY, DESTROYED, "Destroy", CUSTOMERS, OPERATIONS)
                .transition(DESTROYED, ARCHIVE, ARCHIVED, "Archive", ADMINISTRATORS)
                .build();
    }

    /** Held here as well as a bean, so that the views that show an instance's state need no engine. */
    private static final Workflow INSTANCE_WORKFLOW = Workflow.define(INSTANCE, "Instance")
            .series("INST").gapsAllowed()
            .state(STARTED, Tone.SUCCESS)
            .state(STOPPED, Tone.WARNING)
            .finalState(DESTROYED, Tone.NEUTRAL)
            .initial(STARTED)
            .createdBy(CUSTOMERS, OPERATIONS, NODES)
            .editableIn(STARTED, STOPPED)
            .transition(STARTED, STOP, STOPPED, "Stop", CUSTOMERS, OPERATIONS, NODES)
            .transition(STOPPED, START, STARTED, "Start", CUSTOMERS, OPERATIONS, NODES)
            .transition(STARTED, DESTROY, DESTROYED, "Destroy", CUSTOMERS, OPERATIONS, NODES)
            .transition(STOPPED, DESTROY, DESTROYED, "Destroy", CUSTOMERS, OPERATIONS, NODES)
            .build();

    @Bean
    Workflow instanceWorkflow() {
        return INSTANCE_WORKFLOW;
    }

    /** The requested state of an instance, for its badge. */
    static State requested(String name) {
        return INSTANCE_WORKFLOW.state(name);
    }

    /** What follows from a tree's change; the tree's archiving is itself a consequence, so nothing follows it. */
    @Bean
    Effect treeEffects(InstanceLifecycle lifecycle) {
        return Effect.of(TREE, START, STOP, DESTROY).by(lifecycle::treeChanged);
    }

    @Bean
    Effect instanceEffects(InstanceLifecycle lifecycle) {
        return Effect.of(INSTANCE, START, STOP, DESTROY).by(lifecycle::instanceChanged);
    }
}

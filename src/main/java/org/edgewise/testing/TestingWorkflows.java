package org.edgewise.testing;

import static org.edgewise.access.RoleGroup.OPERATIONS;
import static org.edgewise.access.RoleGroup.STAFF;

import java.util.EnumSet;

import org.edgewise.access.Role;
import org.edgewise.access.RoleGroup;
import org.edgewise.catalog.CatalogWorkflows;
import org.edgewise.document.Effect;
import org.edgewise.document.Tone;
import org.edgewise.document.Workflow;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A test result is queued when its release is published (or an operator asks), runs once a test computer
 * takes its scratch tree, and ends passed, failed (a test failed) or in error (no verdict: the build or the
 * instance failed, the time ran out, an operator stopped it). Only the Master moves it, except stopping.
 */
@Configuration(proxyBeanMethods = false)
public class TestingWorkflows {

    public static final String TYPE = "test_result";

    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String PASSED = "passed";
    public static final String FAILED = "failed";
    public static final String ERROR = "error";

    static final String START = "start";
    static final String PASS = "pass";
    static final String FAIL = "fail";
    static final String GIVE_UP = "give_up";
    static final String STOP = "stop";

    /** The Master alone: it starts runs and records their verdicts. */
    private static final RoleGroup MASTER = new RoleGroup("the Master itself", EnumSet.of(Role.SYSTEM));

    @Bean
    Workflow testResultWorkflow() {
        return Workflow.define(TYPE, "Test result")
                .series("TR").gapsAllowed()
                .state(QUEUED, Tone.NEUTRAL)
                .state(RUNNING, Tone.PROGRESS)
                .finalState(PASSED, Tone.SUCCESS)
                .finalState(FAILED, Tone.DANGER)
                .finalState(ERROR, Tone.WARNING)
                .initial(QUEUED)
                .createdBy(OPERATIONS)
                .readBy(STAFF)
                .transition(QUEUED, START, RUNNING, "Start", MASTER)
                .transition(RUNNING, PASS, PASSED, "Passed", MASTER)
                .transition(RUNNING, FAIL, FAILED, "Failed", MASTER)
                .transition(QUEUED, GIVE_UP, ERROR, "No verdict", MASTER)
                .transition(RUNNING, GIVE_UP, ERROR, "No verdict", MASTER)
                .transition(QUEUED, STOP, ERROR, "Stop", OPERATIONS)
                .transition(RUNNING, STOP, ERROR, "Stop", OPERATIONS)
                .build();
    }

    /** Publishing a release that declares tests queues a run of them. */
    @Bean
    Effect testsOnPublish(TestResults results) {
        return Effect.of(CatalogWorkflows.RELEASE, "publish")
                .by((before, transition, actor) -> results.queueOnPublish(before.id(), actor));
    }

    /** A run an operator stops gives its scratch tree back. */
    @Bean
    Effect testRunStopped(TestResults results) {
        return Effect.of(TYPE, STOP).by((before, transition, actor) -> results.stopped(before.id(), actor));
    }
}

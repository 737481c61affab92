package org.edgewise.upgrade;

import static org.edgewise.access.RoleGroup.CUSTOMERS;
import static org.edgewise.access.RoleGroup.OPERATIONS;
import static org.edgewise.access.RoleGroup.STAFF;

import java.util.EnumSet;

import org.edgewise.access.Role;
import org.edgewise.access.RoleGroup;
import org.edgewise.document.Tone;
import org.edgewise.document.Workflow;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An upgrade decision moves one tree to a newer release of its product whose tests passed. The Master drafts
 * and proposes it; the tree's owner or an operator accepts or rejects it; the Master carries out an accepted
 * one (upgrading) and ends it done, or rolled back when the upgraded instance fails. A proposal whose tree
 * went away or moved to another release meanwhile is withdrawn.
 */
@Configuration(proxyBeanMethods = false)
public class UpgradeWorkflows {

    public static final String TYPE = "upgrade_decision";

    public static final String DRAFT = "draft";
    public static final String PROPOSED = "proposed";
    public static final String ACCEPTED = "accepted";
    public static final String REJECTED = "rejected";
    public static final String UPGRADING = "upgrading";
    public static final String DONE = "done";
    public static final String ROLLED_BACK = "rolled_back";
    public static final String WITHDRAWN = "withdrawn";

    static final String PROPOSE = "propose";
    public static final String ACCEPT = "accept";
    public static final String REJECT = "reject";
    static final String UPGRADE = "upgrade";
    static final String FINISH = "finish";
    static final String ROLL_BACK = "roll_back";
    static final String WITHDRAW = "withdraw";

    /** The Master alone: it proposes, carries out and concludes. */
    private static final RoleGroup MASTER = new RoleGroup("the Master itself", EnumSet.of(Role.SYSTEM));

    @Bean
    Workflow upgradeDecisionWorkflow() {
        return Workflow.define(TYPE, "Upgrade decision")
                .series("UD").gapsAllowed()
                .state(DRAFT, Tone.NEUTRAL)
                .state(PROPOSED, Tone.WARNING)
                .state(ACCEPTED, Tone.PROGRESS)
                .finalState(REJECTED, Tone.NEUTRAL)
                .state(UPGRADING, Tone.PROGRESS)
                .finalState(DONE, Tone.SUCCESS)
                .finalState(ROLLED_BACK, "rolled back", Tone.DANGER)
                .finalState(WITHDRAWN, Tone.NEUTRAL)
                .initial(DRAFT)
                .createdBy(OPERATIONS)
                .readBy(CUSTOMERS, STAFF)
                .transition(DRAFT, PROPOSE, PROPOSED, "Propose", MASTER)
                .transition(PROPOSED, ACCEPT, ACCEPTED, "Accept", CUSTOMERS, OPERATIONS)
                .transition(PROPOSED, REJECT, REJECTED, "Reject", CUSTOMERS, OPERATIONS)
                .transition(ACCEPTED, UPGRADE, UPGRADING, "Upgrade", MASTER)
                .transition(UPGRADING, FINISH, DONE, "Done", MASTER)
                .transition(UPGRADING, ROLL_BACK, ROLLED_BACK, "Roll back", MASTER)
                .transition(DRAFT, WITHDRAW, WITHDRAWN, "Withdraw", MASTER)
                .transition(PROPOSED, WITHDRAW, WITHDRAWN, "Withdraw", MASTER)
                .transition(ACCEPTED, WITHDRAW, WITHDRAWN, "Withdraw", MASTER)
                .build();
    }
}

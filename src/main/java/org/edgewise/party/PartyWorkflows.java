package org.edgewise.party;

import static org.edgewise.access.RoleGroup.ADMINISTRATORS;
import static org.edgewise.access.RoleGroup.SALES_TEAM;

import java.util.EnumSet;

import org.edgewise.access.Role;
import org.edgewise.access.RoleGroup;
import org.edgewise.document.Tone;
import org.edgewise.document.Workflow;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Customers (organisations), their people, and the users who sign in. */
@Configuration(proxyBeanMethods = false)
public class PartyWorkflows {

    public static final String ORGANISATION = "organisation";
    public static final String PERSON = "person";
    public static final String USER = "user";

    public static final String ACTIVE = "active";
    /** Organisations. */
    public static final String CLOSED = "closed";
    /** Persons. */
    public static final String ARCHIVED = "archived";
    /** Users. */
    public static final String DISABLED = "disabled";
    /** Users who signed up and have not yet confirmed their e-mail address: they cannot sign in. */
    public static final String UNVERIFIED = "unverified";
    /** Users: a signed-up user waits for the confirmation of their address, then is confirmed. */
    public static final String AWAIT_VERIFICATION = "await_verification";
    public static final String VERIFY = "verify";

    /** The Master alone: steps no person takes, such as holding a signed-up user until their address is confirmed. */
    private static final RoleGroup MASTER = new RoleGroup("the Master itself", EnumSet.of(Role.SYSTEM));

    @Bean
    Workflow organisationWorkflow() {
        return Workflow.define(ORGANISATION, "Organisation")
                .series("ORG")
                .state(ACTIVE, Tone.SUCCESS)
                .state(CLOSED, Tone.WARNING)
                .initial(ACTIVE)
                .createdBy(SALES_TEAM)
                .ownedBySelf()
                .editableIn(ACTIVE)
                .transition(ACTIVE, "close", CLOSED, "Close", SALES_TEAM)
                .transition(CLOSED, "reopen", ACTIVE, "Reopen", SALES_TEAM)
                .build();
    }

    @Bean
    Workflow personWorkflow() {
        return Workflow.define(PERSON, "Person")
                .series("PER")
                .state(ACTIVE, Tone.SUCCESS)
                .state(ARCHIVED, Tone.WARNING)
                .initial(ACTIVE)
                .createdBy(SALES_TEAM)
                .editableIn(ACTIVE)
                .transition(ACTIVE, "archive", ARCHIVED, "Archive", SALES_TEAM)
                .transition(ARCHIVED, "restore", ACTIVE, "Restore", SALES_TEAM)
                .build();
    }

    @Bean
    Workflow userWorkflow() {
        return Workflow.define(USER, "User")
                .series("USR")
                .state(ACTIVE, Tone.SUCCESS)
                .state(DISABLED, Tone.WARNING)
                .state(UNVERIFIED, "e-mail not confirmed", Tone.WARNING)
                .initial(ACTIVE)
                .createdBy(ADMINISTRATORS)
                .editableIn(ACTIVE, DISABLED, UNVERIFIED)
                .transition(ACTIVE, AWAIT_VERIFICATION, UNVERIFIED, "Await e-mail confirmation", MASTER)
                // administrators may confirm by hand a person whose mail never arrived
                .transition(UNVERIFIED, VERIFY, ACTIVE, "Confirm e-mail", ADMINISTRATORS)
                .transition(UNVERIFIED, "disable", DISABLED, "Disable", ADMINISTRATORS)
                .transition(ACTIVE, "disable", DISABLED, "Disable", ADMINISTRATORS)
                .transition(DISABLED, "enable", ACTIVE, "Enable", ADMINISTRATORS)
                .build();
    }
}

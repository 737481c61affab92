package org.edgewise;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.UUID;

import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.probe.FailingProbe;
import org.edgewise.security.SignedInUser;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

/**
 * A whole Master on its own embedded PostgreSQL, shared by every test class of this JVM (one Spring
 * context, one database). Tests create their own documents with unique names, so they do not depend
 * on each other's data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "edgewise.admin.password=admin-password-for-tests",
                "edgewise.admin.api-token=" + MasterTest.ADMIN_API_TOKEN,
                // no background sweep takes a test's instances: a test that needs one calls Allocator.sweep
                "edgewise.allocation.sweep.enabled=false",
                // no periodic dunning moves a test's reminders: a test that needs a pass calls DunningRun.runOnce
                "edgewise.dunning.enabled=false",
                // no periodic alarm pass raises tickets while a test moves the clock: a test that needs one calls Alarms.runOnce
                "edgewise.monitoring.alarms.enabled=false", "edgewise.testing.enabled=false",
                "edgewise.upgrades.enabled=false" })
@Import({ TestWorkflows.class, Fixtures.class, FailingProbe.class, TestClock.class })
@AutoConfigureObservability
public abstract class MasterTest {

    /** Stored for admin on the first start, as EDGEWISE_ADMIN_API_TOKEN would be. */
    protected static final String ADMIN_API_TOKEN = "ew-admin-api-token-for-tests-0123456789";

    private static final Path DATA_DIR = Path.of("target", "test-data", UUID.randomUUID().toString());

    /** The Master's mail server: a real SMTP server on a free loopback port, for the JVM's whole life. */
    protected static final GreenMail MAIL_SERVER = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    static {
        MAIL_SERVER.start();
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("edgewise.data-dir", DATA_DIR::toString);
        registry.add("spring.mail.host", () -> MAIL_SERVER.getSmtp().getBindTo());
        registry.add("spring.mail.port", () -> MAIL_SERVER.getSmtp().getPort());
    }

    protected static Actor operator() {
        return new Actor("olivia", EnumSet.of(Role.OPERATOR), null);
    }

    protected static Actor admin() {
        return new Actor("ada", EnumSet.of(Role.ADMIN), null);
    }

    protected static Actor customerOf(long organisationId) {
        return new Actor("carl", EnumSet.of(Role.CUSTOMER), organisationId);
    }

    protected static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Signs the actor in for the current thread, as the console does for its session. */
    protected static void signIn(Actor actor) {
        SignedInUser user = new SignedInUser(0, actor.name(), actor.name(), "", actor.roles(), actor.organisationId(), true);
        SecurityContextHolder.getContext().setAuthentication(
                new UsernamePasswordAuthenticationToken(user, null, user.getAuthorities()));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    /** A test that moved or stopped the shared clock leaves the real time to the next one. */
    @AfterEach
    void resetClock(@Autowired TestClock clock) {
        clock.reset();
    }
}

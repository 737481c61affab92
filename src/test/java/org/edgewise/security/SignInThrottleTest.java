package org.edgewise.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.edgewise.Fixtures;
import org.edgewise.Http;
import org.edgewise.MasterTest;
import org.edgewise.access.Role;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.FieldChange;
import org.edgewise.nodeapi.Enrolment;
import org.edgewise.party.Users;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.access.AccessDeniedException;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Guessing passwords and API tokens over HTTP, each test from loopback addresses of its own. */
class SignInThrottleTest extends MasterTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    Enrolment enrolment;


    private static final String PASSWORD = "the-right-password";

    @Autowired
    Users users;

    @Autowired
    DocumentEngine engine;

    @LocalServerPort
    int port;

    @Test
    void wrongPasswordsLockTheAccountSoThatEvenTheRightPasswordIsRefused() {
        Users.Row user = newUser();
        Visitor guesser = Visitor.fromNewAddress(port);

        for (int i = 1; i <= 5; i++) {
            assertThat(guesser.signIn(user.username(), "guess-" + i).header("Location")).as("guess " + i)
                    .endsWith("/login?error");
        }

        assertThat(guesser.signIn(user.username(), PASSWORD).header("Location")).endsWith("/login?locked");
        // the lock is the account's: the right password from elsewhere is refused too
        assertThat(Visitor.fromNewAddress(port).signIn(user.username(), PASSWORD).header("Location"))
                .endsWith("/login?locked");
        assertThat(users.signInLockedFor(user)).hasValueSatisfying(wait -> assertThat(wait)
                .isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1)));
        assertThat(TooManySignInsException.forAccount(users.signInLockedFor(user).orElseThrow()).getMessage())
                .matches("Too many failed sign-ins for this account: try again in (\\d+ seconds|1 minute), "
                        + "or ask an administrator to unlock it\\.");
    }

    @Test
    void failuresAcrossManyAccountsFromOneAddressLockThatAddressOnly() {
        Users.Row user = newUser();
        Visitor sprayer = Visitor.fromNewAddress(port);

        int failures = 0;
        String answer = "";
        while (failures < 80 && !answer.endsWith("/login?locked")) {
            answer = sprayer.signIn("nobody-" + UUID.randomUUID(), "Winter2026!").header("Location");
            failures++;
        }

        assertThat(answer).as("after %d attempts", failures).endsWith("/login?locked");
        assertThat(failures).as("the default allows 30 failures per address at once").isGreaterThan(30);
        assertThat(sprayer.signIn(user.username(), PASSWORD).header("Location")).endsWith("/login?locked");
        assertThat(Visitor.fromNewAddress(port).signIn(user.username(), PASSWORD).header("Location"))
                .doesNotContain("/login");
        assertThat(users.signInLockedFor(user)).isEmpty();
    }

    @Test
    void anAdministratorUnlocksALockedAccountAndItsTimelineSaysWho() {
        Users.Row user = newUser();
        Visitor visitor = Visitor.fromNewAddress(port);
        for (int i = 1; i <= 5; i++) {
            visitor.signIn(user.username(), "forgot-" + i);
        }
        assertThat(users.signInLockedFor(user)).isPresent();

        assertThatThrownBy(() -> users.unlockSignIn(user.id(), operator())).isInstanceOf(AccessDeniedException.class);
        users.unlockSignIn(user.id(), admin());

        assertThat(users.signInLockedFor(user)).isEmpty();
        assertThat(engine.timeline(engine.get(user.id(), admin()), admin())).anySatisfy(entry -> {
            assertThat(entry.actor()).isEqualTo(admin().name());
            assertThat(entry.changes()).contains(new FieldChange("sign-in", "locked after failed sign-ins", "unlocked"));
        });
        Visitor.Response signedIn = visitor.signIn(user.username(), PASSWORD);
        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.header("Location")).doesNotContain("/login");
    }

    @Test
    void anAddressGuessingApiTokensIsAnsweredTooManyRequestsWithRetryAfter() throws Exception {
        Visitor guesser = Visitor.fromNewAddress(port);

        int refusedAsUnknown = 0;
        Visitor.Response answer = null;
        while (refusedAsUnknown < 80) {
            answer = guesser.get("/api/v1/trees", "Authorization", "Bearer ew-" + UUID.randomUUID() + UUID.randomUUID());
            if (answer.status() != 401) {
                break;
            }
            refusedAsUnknown++;
        }

        assertThat(answer.status()).as("after %d unknown tokens", refusedAsUnknown).isEqualTo(429);
        assertThat(refusedAsUnknown).as("the default allows 20 failures per address at once").isGreaterThanOrEqualTo(20);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Long.parseLong(answer.header("Retry-After"))).isPositive();
        var problem = new ObjectMapper().readTree(answer.body());
        assertThat(problem.get("status").asInt()).isEqualTo(429);
        assertThat(problem.get("detail").asText()).startsWith("Too many unknown or revoked credentials");
        // refused before the token is looked at: a valid one from that address waits too
        assertThat(guesser.get("/api/v1/trees", "Authorization", "Bearer " + ADMIN_API_TOKEN).status()).isEqualTo(429);
        assertThat(Visitor.fromNewAddress(port).get("/api/v1/trees", "Authorization", "Bearer " + ADMIN_API_TOKEN)
                .status()).isEqualTo(200);
    }

    @Test
    void anAddressGuessingNodeCredentialsIsAnsweredTooManyRequestsAndARealNodeElsewhereIsNot() {
        signIn(Fixtures.OPERATOR);
        var computer = fixtures.openComputer("guessed", 1, 0, List.of());
        String credential = new Http(port).post("/api/node/v1/enrol", null,
                Map.of("token", enrolment.createToken(computer.id(), Fixtures.OPERATOR))).json().get("credential").asText();
        Visitor guesser = Visitor.fromNewAddress(port);

        int refusedAsUnknown = 0;
        Visitor.Response answer = null;
        while (refusedAsUnknown < 80) {
            answer = guesser.get("/api/node/v1/plan", "Authorization", "Bearer " + computer.reference() + "."
                    + UUID.randomUUID());
            if (answer.status() != 401) {
                break;
            }
            refusedAsUnknown++;
        }

        assertThat(answer.status()).as("after %d wrong node credentials", refusedAsUnknown).isEqualTo(429);
        assertThat(refusedAsUnknown).isGreaterThanOrEqualTo(20);
        assertThat(Long.parseLong(answer.header("Retry-After"))).isPositive();
        assertThat(guesser.get("/api/node/v1/plan", "Authorization", "Bearer " + credential).status()).isEqualTo(429);
        assertThat(Visitor.fromNewAddress(port).get("/api/node/v1/plan", "Authorization", "Bearer " + credential)
                .status()).isEqualTo(200);
    }

    private Users.Row newUser() {
        String username = "throttled-" + UUID.randomUUID().toString().substring(0, 8);
        var doc = users.create(new Users.NewUser(username, "Throttled " + username, PASSWORD,
                EnumSet.of(Role.OPERATOR), null), admin());
        return users.get(doc.reference(), admin());
    }
}

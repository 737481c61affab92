package org.edgewise.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.edgewise.jooq.Tables.ACCOUNT_TOKEN;
import static org.edgewise.jooq.Tables.MAIL_OUTBOX;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.edgewise.ComponentTree;
import org.edgewise.MasterTest;
import org.edgewise.TestClock;
import org.edgewise.access.Role;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.TimelineEntry;
import org.edgewise.document.ValidationException;
import org.edgewise.party.PartyWorkflows;
import org.edgewise.party.Users;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.PasswordField;

import jakarta.mail.internet.MimeMessage;

/**
 * A stranger signs up, receives the confirmation link at a real SMTP server, follows it and signs in through
 * the real login form; links work once and expire; a forgotten password is reset the same way.
 */
class SignUpTest extends MasterTest {

    private static final String PASSWORD = "a-long-password-1";
    private static final Pattern CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");
    /** The mails whose link a test took already. */
    private static final Set<MimeMessage> READ = Collections.newSetFromMap(new IdentityHashMap<>());

    @Autowired
    SignUps signUps;
    @Autowired
    DocumentEngine engine;
    @Autowired
    DSLContext db;
    @Autowired
    TestClock clock;
    @LocalServerPort
    int port;

    @Test
    void aStrangerSignsUpConfirmsTheAddressAndSignsInForTheNewOrganisation() throws Exception {
        String email = "erin@" + domain();
        String username = username();

        Users.Row user = signUps.signUp(new SignUps.SignUp("Erin's Edge " + username, "Erin Example", email, username,
                PASSWORD), client());

        assertThat(user.state()).isEqualTo(PartyWorkflows.UNVERIFIED);
        assertThat(user.roles()).containsExactly(Role.CUSTOMER);
        assertThat(signIn(username, PASSWORD)).as("not before the address is confirmed").endsWith("/login?unconfirmed");
        assertThat(signIn(username, "not-the-password")).as("a wrong password is told as usual")
                .endsWith("/login?error");

        String link = link(email, "/verify-email?token=");
        assertThat(link).startsWith("http://localhost:" + port + "/verify-email?token=");
        Users.Row verified = signUps.verify(token(link));

        assertThat(verified.state()).isEqualTo(PartyWorkflows.ACTIVE);
        assertThat(signIn(username, PASSWORD)).doesNotContain("/login");
        assertThat(verified.organisationId()).isNotNull();
        var organisation = engine.get(verified.organisationId(), customerOf(verified.organisationId()));
        assertThat(organisation.title()).isEqualTo("Erin's Edge " + username);
        assertThat(engine.timeline(organisation, admin())).extracting(TimelineEntry::comment)
                .contains("Erin Example signed up Erin's Edge " + username + " on the sign-up page, as user "
                        + username + ".");
        assertThat(engine.timeline(engine.get(verified.id(), admin()), admin()))
                .extracting(TimelineEntry::action).containsSubsequence(PartyWorkflows.AWAIT_VERIFICATION,
                        PartyWorkflows.VERIFY);
    }

    @Test
    void aConfirmationLinkWorksOnce() {
        String email = "finn@" + domain();
        signUps.signUp(new SignUps.SignUp("Finn Ltd", "Finn", email, username(), PASSWORD), client());
        String token = token(link(email, "/verify-email?token="));

        signUps.verify(token);

        assertThatThrownBy(() -> signUps.verify(token)).isInstanceOf(SignUps.InvalidLinkException.class);
        assertThat(db.fetchCount(ACCOUNT_TOKEN, ACCOUNT_TOKEN.TOKEN_HASH.eq(token))).as("only its hash is kept").isZero();
    }

    @Test
    void aConfirmationLinkExpiresAfter48Hours() throws Exception {
        String email = "gus@" + domain();
        String username = username();
        signUps.signUp(new SignUps.SignUp("Gus GmbH", "Gus", email, username, PASSWORD), client());
        String token = token(link(email, "/verify-email?token="));

        clock.advance(Duration.ofHours(48).plusMinutes(1));

        assertThatThrownBy(() -> signUps.verify(token)).isInstanceOf(SignUps.InvalidLinkException.class);
        assertThat(signIn(username, PASSWORD)).endsWith("/login?unconfirmed");
    }

    @Test
    void aForgottenPasswordIsResetThroughALinkValidOnceForAnHour() throws Exception {
        String email = "hana@" + domain();
        String username = username();
        signUps.signUp(new SignUps.SignUp("Hana Inc", "Hana", email, username, PASSWORD), client());
        signUps.verify(token(link(email, "/verify-email?token=")));

        signUps.requestPasswordReset(email.toUpperCase(), client());
        String token = token(link(email, "/reset-password?token="));
        assertThatThrownBy(() -> signUps.resetPassword(token, "short")).isInstanceOf(ValidationException.class);
        signUps.resetPassword(token, "a-new-long-password");

        assertThat(signIn(username, "a-new-long-password")).doesNotContain("/login");
        assertThat(signIn(username, PASSWORD)).endsWith("/login?error");
        assertThatThrownBy(() -> signUps.resetPassword(token, "yet-another-password"))
                .isInstanceOf(SignUps.InvalidLinkException.class);

        signUps.requestPasswordReset(username, client());
        String late = token(link(email, "/reset-password?token="));
        clock.advance(Duration.ofMinutes(61));
        assertThatThrownBy(() -> signUps.resetPassword(late, "yet-another-password"))
                .isInstanceOf(SignUps.InvalidLinkException.class);
    }

    @Test
    void askingForAnAccountThatDoesNotExistAnswersTheSameAndMailsNothing() {
        String email = "nobody@" + domain();

        signUps.requestPasswordReset(email, client());

        assertThat(db.fetchCount(MAIL_OUTBOX, MAIL_OUTBOX.RECIPIENT.eq(email))).isZero();
    }

    @Test
    void requestsForOneAddressAreLimited() {
        String email = "ivy@" + domain();
        for (int i = 0; i < 3; i++) {
            signUps.requestPasswordReset(email, client());
        }

        assertThatThrownBy(() -> signUps.requestPasswordReset(email, client()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("Too many requests");
    }

    @Test
    void aSignUpWithAWrongFieldNamesItAndMakesNothing() {
        String email = "jo@" + domain();
        assertThatThrownBy(() -> signUps.signUp(new SignUps.SignUp("Jo Co", "Jo", email, username(), "short"), client()))
                .isInstanceOf(ValidationException.class).extracting("field").isEqualTo("password");
        assertThatThrownBy(() -> signUps.signUp(new SignUps.SignUp(" ", "Jo", email, username(), PASSWORD), client()))
                .isInstanceOf(ValidationException.class).extracting("field").isEqualTo("organisation");
        assertThatThrownBy(() -> signUps.signUp(new SignUps.SignUp("Jo Co", "Jo", "not-an-address", username(),
                PASSWORD), client())).isInstanceOf(ValidationException.class).extracting("field").isEqualTo("email");
        assertThat(db.fetchCount(MAIL_OUTBOX, MAIL_OUTBOX.RECIPIENT.eq(email))).isZero();
    }

    @Test
    void theSignUpFormMarksTheWrongFieldThenSaysWhereTheLinkWent() {
        SignUpView view = new SignUpView(signUps);
        String email = "kim@" + domain();
        value(view, "sign-up-organisation", "Kim's Cloud");
        value(view, "sign-up-name", "Kim");
        value(view, "sign-up-email", email);
        value(view, "sign-up-username", username());
        value(view, "sign-up-password", "short");

        ((Button) ComponentTree.byId(view, "sign-up-submit").orElseThrow()).click();

        PasswordField password = (PasswordField) ComponentTree.byId(view, "sign-up-password").orElseThrow();
        assertThat(password.isInvalid()).isTrue();
        assertThat(password.getErrorMessage()).contains("at least 10 characters");
        assertThat(ComponentTree.byId(view, "sign-up-done")).isEmpty();

        value(view, "sign-up-password", PASSWORD);
        ((Button) ComponentTree.byId(view, "sign-up-submit").orElseThrow()).click();

        assertThat(((Paragraph) ComponentTree.byId(view, "sign-up-done").orElseThrow()).getText())
                .contains("we sent a link to " + email);
    }

    @Test
    void thePublicPagesOpenWithoutSigningIn() throws Exception {
        HttpClient visitor = HttpClient.newHttpClient();
        for (String path : new String[] { "/sign-up", "/forgot-password", "/verify-email?token=x",
                "/reset-password?token=x" }) {
            HttpResponse<String> page = visitor.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + path)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(path).isEqualTo(200);
        }
    }

    @SuppressWarnings("unchecked")
    private static void value(SignUpView view, String id, String value) {
        ((HasValue<?, String>) ComponentTree.byId(view, id).orElseThrow()).setValue(value);
    }

    /** The link in the newest mail to the address holding this path and not read yet, once the server has it. */
    private static String link(String email, String path) {
        String domain = email.substring(email.indexOf('@') + 1);
        MimeMessage mail = await().atMost(Duration.ofSeconds(60)).until(() -> Arrays.stream(
                MAIL_SERVER.getReceivedMessagesForDomain(domain)).filter(m -> body(m).contains(path) && !READ.contains(m))
                .reduce((first, second) -> second).orElse(null), Objects::nonNull);
        READ.add(mail);
        Matcher link = Pattern.compile("http\\S+" + Pattern.quote(path) + "\\S+").matcher(body(mail));
        assertThat(link.find()).isTrue();
        return link.group();
    }

    private static String body(MimeMessage mail) {
        try {
            return mail.getContent().toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String token(String link) {
        return link.substring(link.indexOf("token=") + "token=".length());
    }

    /** Signs in through the login form as a browser does; where the Master sends the browser next. */
    private String signIn(String username, String password) throws IOException, InterruptedException {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String page = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = CSRF.matcher(page);
        assertThat(csrf.find()).as("the login page carries its CSRF token").isTrue();
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1);
        HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(302);
        return answer.headers().firstValue("Location").orElseThrow();
    }

    private static String domain() {
        return "s" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    }

    private static String username() {
        return "u" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A client address of its own, so that the limit per client of one test never touches another. */
    private static String client() {
        return "198.51.100." + (int) (Math.random() * 250);
    }
}

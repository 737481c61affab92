package org.edgewise.uitests;

import static com.codeborne.selenide.Condition.exist;
import static com.codeborne.selenide.Condition.text;
import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static com.codeborne.selenide.Selenide.executeJavaScript;
import static com.codeborne.selenide.Selenide.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.edgewise.uitests.pages.DocumentPage;
import org.edgewise.uitests.pages.HomePage;
import org.edgewise.uitests.pages.LoginPage;
import org.edgewise.uitests.pages.UserPage;
import org.junit.jupiter.api.Test;

class SecurityStoriesTest extends BrowserTest {

    @Test
    void theConsoleWorksUnderItsContentSecurityPolicyWhichStopsAnInjectedScript() {
        HomePage home = LoginPage.open().signInAs("admin", RunningMaster.ADMIN_PASSWORD);
        String name = unique("edge-csp");
        DocumentPage computer = home.computers().create(name, name, "eu-west");
        String reference = computer.reference();
        computer.take("open");
        computer.state().shouldHave(text("open"));
        home.users();
        home.organisations();
        home.products();
        home.releases();
        home.services();
        home.account();
        home.home();
        open("/computers/" + reference);
        new DocumentPage().state().shouldHave(text("open"));
        open("/users");
        $("#list-grid").shouldBe(visible);

        List<String> violations = contentSecurityPolicyViolations();
        assertEquals(List.of(), violations, "what the policy blocked while the console was used");

        executeJavaScript("const injected = document.createElement('script');"
                + "injected.textContent = 'window.injectedScriptRan = true';"
                + "document.head.appendChild(injected);");
        assertFalse((Boolean) executeJavaScript("return window.injectedScriptRan === true"),
                "an inline script injected into the page ran");
        assertTrue(contentSecurityPolicyViolations().stream().anyMatch(m -> m.contains("script-src")),
                "the browser reports what the policy blocked");
    }

    @Test
    void repeatedWrongPasswordsLockAUserOutUntilAnAdministratorUnlocksTheAccount() {
        HomePage admin = LoginPage.open().signInAs("admin", RunningMaster.ADMIN_PASSWORD);
        String username = unique("dora").toLowerCase();
        String reference = admin.users().createStaff(username, "Dora Operator", "dora-password-1", "Operator")
                .reference();
        admin.signOut();

        for (int attempt = 1; attempt <= 5; attempt++) {
            LoginPage.open().attemptSignIn(username, "dora-guess-" + attempt).form()
                    .shouldHave(text("Wrong user name or password"));
        }
        LoginPage locked = LoginPage.open().attemptSignIn(username, "dora-password-1");
        locked.form().shouldHave(text("Too many failed sign-ins for this account: try again in"))
                .shouldHave(text("or ask an administrator to unlock it"));
        $("#main-nav").shouldNot(exist);

        LoginPage.open().signInAs("admin", RunningMaster.ADMIN_PASSWORD);
        UserPage user = UserPage.open(reference);
        user.signInLock().shouldBe(visible).shouldHave(text("Sign-in locked after repeated failed sign-ins"));
        user.unlockSignIn();
        user.signInLock().shouldNot(exist);
        user.timeline().first().shouldHave(text("sign-in")).shouldHave(text("unlocked"));
        new HomePage().signOut();

        LoginPage.open().signInAs(username, "dora-password-1");
    }
}

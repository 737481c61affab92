package org.edgewise.uitests;

import static com.codeborne.selenide.CollectionCondition.itemWithText;
import static com.codeborne.selenide.Condition.exist;
import static com.codeborne.selenide.Condition.text;
import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static com.codeborne.selenide.Selenide.open;

import org.edgewise.uitests.pages.DocumentPage;
import org.edgewise.uitests.pages.HomePage;
import org.edgewise.uitests.pages.LoginPage;
import org.junit.jupiter.api.Test;

class ConsoleStoriesTest extends BrowserTest {

    @Test
    void anAdministratorCreatesAComputerOpensItAndSeesTheTimeline() {
        HomePage home = LoginPage.open().signInAs("admin", RunningMaster.ADMIN_PASSWORD);
        String name = unique("edge-paris");

        DocumentPage computer = home.computers().create(name, name, "eu-west");

        computer.title().shouldHave(text(name));
        computer.state().shouldHave(text("draft"));
        String reference = computer.reference();
        computer.take("open");
        computer.state().shouldHave(text("open"));
        computer.timeline().first().shouldHave(text("open: draft → open"));
        computer.actions().shouldHave(itemWithText("Close for maintenance"));

        open("/computers/" + reference);
        new DocumentPage().state().shouldHave(text("open"));
    }

    @Test
    void aCustomerCannotReachStaffViewsNorAnotherCustomersDocumentsEvenByTypingTheAddress() {
        HomePage admin = LoginPage.open().signInAs("admin", RunningMaster.ADMIN_PASSWORD);
        String acme = unique("Acme");
        String acmeRef = admin.organisations().create(acme, "ops@acme.example").reference();
        String otherRef = admin.organisations().create(unique("Globex"), "it@globex.example").reference();
        String username = unique("carla").toLowerCase();
        admin.users().createCustomer(username, "Carla Customer", "carla-password-1", acme);
        admin.signOut();

        HomePage customer = LoginPage.open().signInAs(username, "carla-password-1");
        customer.navigation().shouldHave(itemWithText("Home"));
        customer.navigation().filterBy(text("Computers")).shouldBe(com.codeborne.selenide.CollectionCondition.empty);
        customer.navigation().filterBy(text("Users")).shouldBe(com.codeborne.selenide.CollectionCondition.empty);

        open("/computers");
        $("#not-available").shouldBe(visible).shouldHave(text("not available to you"));
        $("#list-grid").shouldNot(exist);

        open("/users");
        $("#not-available").shouldBe(visible);
        $("#list-grid").shouldNot(exist);

        open("/organisations/" + otherRef);
        $("#not-found").shouldBe(visible);
        $("#document-reference").shouldNot(exist);

        open("/organisations/" + acmeRef);
        new DocumentPage().title().shouldHave(text(acme));
    }

    @Test
    void aWrongPasswordKeepsTheUserOut() {
        LoginPage.open();
        $("vaadin-login-form input[name=username]").setValue("admin");
        $("vaadin-login-form input[name=password]").setValue("not-the-password").pressEnter();
        $("vaadin-login-form").shouldHave(text("Wrong user name or password"));
        $("#main-nav").shouldNot(exist);
    }
}

package org.edgewise.uitests.pages;

import static com.codeborne.selenide.Condition.text;
import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;

import com.codeborne.selenide.ElementsCollection;

/** The console shell with the user's home page: navigation, who is signed in, attention cards. */
public class HomePage {

    public HomePage shouldBeShown() {
        $("#main-nav").shouldBe(visible);
        $("#signed-in-user").shouldBe(visible);
        return this;
    }

    public ElementsCollection navigation() {
        return $("#main-nav").$$("vaadin-side-nav-item");
    }

    public ComputerListPage computers() {
        navigation().findBy(text("Computers")).click();
        return new ComputerListPage().shouldBeShown();
    }

    public OrganisationListPage organisations() {
        navigation().findBy(text("Organisations")).click();
        return new OrganisationListPage().shouldBeShown();
    }

    public UserListPage users() {
        navigation().findBy(text("Users")).click();
        return new UserListPage().shouldBeShown();
    }

    public LoginPage signOut() {
        $("#sign-out").click();
        $("vaadin-login-form").shouldBe(visible);
        return new LoginPage();
    }
}

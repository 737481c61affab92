package org.edgewise.uitests.pages;

import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;

import com.codeborne.selenide.SelenideElement;

/** "Create an account" for a stranger; the account works once the mailed link is followed. */
public class SignUpPage {

    public static SignUpPage open() {
        com.codeborne.selenide.Selenide.open("/sign-up");
        return new SignUpPage().shouldBeShown();
    }

    public SignUpPage shouldBeShown() {
        $("#sign-up-submit").shouldBe(visible);
        return this;
    }

    public SignUpPage signUp(String organisation, String name, String email, String username, String password) {
        $("#sign-up-organisation input").setValue(organisation);
        $("#sign-up-name input").setValue(name);
        $("#sign-up-email input").setValue(email);
        $("#sign-up-username input").setValue(username);
        $("#sign-up-password input").setValue(password);
        $("#sign-up-submit").click();
        return this;
    }

    /** What the page says once the account is opened: where the link went. */
    public SelenideElement done() {
        return $("#sign-up-done");
    }
}

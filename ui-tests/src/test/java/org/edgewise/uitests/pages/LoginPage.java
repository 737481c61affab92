package org.edgewise.uitests.pages;

import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;

import com.codeborne.selenide.SelenideElement;

/** The sign-in screen. */
public class LoginPage {

    public static LoginPage open() {
        com.codeborne.selenide.Selenide.open("/login");
        $("vaadin-login-form").shouldBe(visible);
        return new LoginPage();
    }

    public HomePage signInAs(String username, String password) {
        attemptSignIn(username, password);
        return new HomePage().shouldBeShown();
    }

    /** Submits the form and stays here, whatever the answer; see {@link #form()}. */
    public LoginPage attemptSignIn(String username, String password) {
        $("vaadin-login-form input[name=username]").setValue(username);
        $("vaadin-login-form input[name=password]").setValue(password).pressEnter();
        return this;
    }

    /** The form, which says why the last sign-in was refused. */
    public SelenideElement form() {
        return $("vaadin-login-form");
    }
}

package org.edgewise.uitests.pages;

import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;

/** The sign-in screen. */
public class LoginPage {

    public static LoginPage open() {
        com.codeborne.selenide.Selenide.open("/login");
        $("vaadin-login-form").shouldBe(visible);
        return new LoginPage();
    }

    public HomePage signInAs(String username, String password) {
        $("vaadin-login-form input[name=username]").setValue(username);
        $("vaadin-login-form input[name=password]").setValue(password).pressEnter();
        return new HomePage().shouldBeShown();
    }
}

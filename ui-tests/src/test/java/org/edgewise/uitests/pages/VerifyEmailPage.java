package org.edgewise.uitests.pages;

import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;

import com.codeborne.selenide.SelenideElement;

/** Where the link mailed at sign-up leads. */
public class VerifyEmailPage {

    /** Follows a link from a mail. */
    public static VerifyEmailPage open(String link) {
        com.codeborne.selenide.Selenide.open(link);
        return new VerifyEmailPage();
    }

    public SelenideElement result() {
        return $("#verify-email-result");
    }

    public LoginPage signIn() {
        $("#go-to-sign-in").click();
        $("vaadin-login-form").shouldBe(visible);
        return new LoginPage();
    }
}

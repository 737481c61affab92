package org.edgewise.uitests.pages;

import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;

import com.codeborne.selenide.SelenideElement;

/** A user's document page, for administrators. */
public class UserPage extends DocumentPage {

    public static UserPage open(String reference) {
        com.codeborne.selenide.Selenide.open("/users/" + reference);
        new UserPage().shouldBeShown();
        return new UserPage();
    }

    /** Shown only while failed sign-ins keep the user out. */
    public SelenideElement signInLock() {
        return $("#user-sign-in-lock");
    }

    public UserPage unlockSignIn() {
        $("#user-unlock-sign-in").shouldBe(visible).click();
        return this;
    }
}

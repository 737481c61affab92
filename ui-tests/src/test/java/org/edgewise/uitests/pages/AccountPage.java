package org.edgewise.uitests.pages;

import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static com.codeborne.selenide.Selenide.$$;

import com.codeborne.selenide.ElementsCollection;
import com.codeborne.selenide.SelenideElement;

/** The signed-in user's own account: password and API tokens. */
public class AccountPage {

    public AccountPage shouldBeShown() {
        $("#account-who").shouldBe(visible);
        return this;
    }

    public AccountPage createToken(String name) {
        $("#api-token-name input").setValue(name);
        $("#create-api-token").click();
        return this;
    }

    /** The token just made, shown once. */
    public SelenideElement newToken() {
        return $("#new-api-token input");
    }

    public ElementsCollection tokenCells() {
        return $$("#api-tokens-grid vaadin-grid-cell-content");
    }

    public AccountPage revokeFirstToken() {
        $("#api-tokens-grid .api-token-revoke").click();
        $$("vaadin-button[slot=confirm-button]").findBy(visible).click();
        return this;
    }

    public AccountPage changePassword(String current, String fresh) {
        $("#account-current-password input").setValue(current);
        $("#account-new-password input").setValue(fresh);
        $("#account-repeat-password input").setValue(fresh);
        $("#account-change-password").click();
        return this;
    }
}

package org.edgewise.uitests.pages;

import static com.codeborne.selenide.Condition.text;
import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static com.codeborne.selenide.Selenide.$$;

public class UserListPage extends ListPage<UserListPage> {

    public DocumentPage createCustomer(String username, String name, String password, String organisation) {
        newButton().click();
        type("user-username", username);
        type("user-name", name);
        type("user-password", password);
        $$("#user-roles vaadin-checkbox").findBy(text("Customer")).$("input").click();
        $("#user-organisation input").setValue(organisation);
        $$("vaadin-combo-box-item").findBy(text(organisation)).shouldBe(visible).click();
        return save();
    }

    /** A staff user holding one role, by its label (Operator, Sales…). */
    public DocumentPage createStaff(String username, String name, String password, String role) {
        newButton().click();
        type("user-username", username);
        type("user-name", name);
        type("user-password", password);
        $$("#user-roles vaadin-checkbox").findBy(text(role)).$("input").click();
        return save();
    }
}

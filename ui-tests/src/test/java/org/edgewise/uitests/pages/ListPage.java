package org.edgewise.uitests.pages;

import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;

import com.codeborne.selenide.SelenideElement;

/** What every document list has: a filter, a grid, a New button. */
abstract class ListPage<SELF extends ListPage<SELF>> {

    @SuppressWarnings("unchecked")
    public SELF shouldBeShown() {
        $("#list-grid").shouldBe(visible);
        return (SELF) this;
    }

    protected SelenideElement newButton() {
        return $("#list-new");
    }

    protected static void type(String fieldId, String value) {
        $("#" + fieldId + " input, #" + fieldId + " textarea").setValue(value);
    }

    protected static DocumentPage save() {
        $("#dialog-save").click();
        return new DocumentPage().shouldBeShown();
    }
}

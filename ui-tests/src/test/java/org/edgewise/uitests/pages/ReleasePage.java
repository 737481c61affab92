package org.edgewise.uitests.pages;

import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;

import com.codeborne.selenide.SelenideElement;

/** A software release: its fields, editable while it is a draft. */
public class ReleasePage extends DocumentPage {

    @Override
    public ReleasePage shouldBeShown() {
        super.shouldBeShown();
        $("#release-url").shouldBe(visible);
        return this;
    }

    public SelenideElement version() {
        return $("#release-version");
    }

    public SelenideElement softwareTypes() {
        return $("#release-software-types");
    }

    public SelenideElement description() {
        return $("#release-description");
    }

    /** Changes the version, software types and description, then saves. */
    public ReleasePage edit(String version, String softwareTypes, String description) {
        $("#release-version input").setValue(version);
        $("#release-software-types input").setValue(softwareTypes);
        $("#release-description textarea").setValue(description);
        saveButton().scrollIntoView("{block: \"center\"}").click();
        return this;
    }

    public SelenideElement saveButton() {
        return $("#document-save");
    }
}

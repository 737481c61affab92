package org.edgewise.uitests.pages;

import static com.codeborne.selenide.Condition.exactText;
import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static com.codeborne.selenide.Selenide.$$;

import com.codeborne.selenide.ElementsCollection;
import com.codeborne.selenide.SelenideElement;

/** A software release: its fields, editable while it is a draft, and the runs of its tests. */
public class ReleasePage extends DocumentPage {

    public static ReleasePage open(String reference) {
        com.codeborne.selenide.Selenide.open("/releases/" + reference);
        return new ReleasePage().shouldBeShown();
    }

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

    /** What its release.json declares as tests. */
    public SelenideElement declaredTests() {
        return $("#release-tests-declared");
    }

    /** The runs of its tests, newest first: the grid's cells, header included. */
    public ElementsCollection testHistory() {
        return $$("#release-test-history vaadin-grid-cell-content");
    }

    /** Opens the run of its tests with this reference. */
    public TestResultPage openTestRun(String reference) {
        testHistory().findBy(exactText(reference)).scrollIntoView("{block: \"center\"}").click();
        return new TestResultPage().shouldBeShown();
    }

    /** Follows the link to its product's page. */
    public void openProduct() {
        $("#release-product-link").click();
        $("#product-releases").shouldBe(visible);
    }
}

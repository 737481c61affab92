package org.edgewise.uitests.pages;

import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;

import com.codeborne.selenide.SelenideElement;

/** One upgrade decision: the service, the version it runs and the one proposed, the tests it rests on. */
public class UpgradeDecisionPage extends DocumentPage {

    public static UpgradeDecisionPage open(String reference) {
        com.codeborne.selenide.Selenide.open("/upgrade-decisions/" + reference);
        return new UpgradeDecisionPage().shouldBeShown();
    }

    @Override
    public UpgradeDecisionPage shouldBeShown() {
        super.shouldBeShown();
        $("#upgrade-to").shouldBe(visible);
        return this;
    }

    public SelenideElement service() {
        return $("#upgrade-tree");
    }

    public SelenideElement from() {
        return $("#upgrade-from");
    }

    public SelenideElement to() {
        return $("#upgrade-to");
    }

    /** The test run it rests on, as a link. */
    public SelenideElement testResult() {
        return $("#upgrade-test-result");
    }
}

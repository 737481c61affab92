package org.edgewise.uitests.pages;

import static com.codeborne.selenide.Condition.exist;
import static com.codeborne.selenide.Condition.text;
import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static com.codeborne.selenide.Selenide.$$;

import com.codeborne.selenide.ElementsCollection;
import com.codeborne.selenide.SelenideElement;

/** One run of a release's tests: how it ended, a line per test (those that failed first), each line's log. */
public class TestResultPage extends DocumentPage {

    @Override
    public TestResultPage shouldBeShown() {
        super.shouldBeShown();
        $("#test-result-lines").shouldBe(visible);
        return this;
    }

    /** Passed and failed counts, e.g. "3 passed · 1 failed". */
    public SelenideElement counts() {
        return $("#test-result-counts");
    }

    public SelenideElement message() {
        return $("#test-result-message");
    }

    /** The cells of its lines, header included: name, status, duration and message of each. */
    public ElementsCollection lines() {
        return $$("#test-result-lines vaadin-grid-cell-content");
    }

    /** Opens the log of the line with this test's name. */
    public TestResultPage openLine(String name) {
        lines().findBy(text(name)).click();
        lineLog().shouldBe(visible);
        return this;
    }

    /** The open line's log, in a monospace block. */
    public SelenideElement lineLog() {
        return $("#test-line-log");
    }

    public TestResultPage closeLine() {
        $("#test-line-close").click();
        lineLog().shouldNot(exist);
        return this;
    }
}

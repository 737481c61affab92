package org.edgewise.uitests.pages;

import static com.codeborne.selenide.Condition.exist;
import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static com.codeborne.selenide.Selenide.$$;

import com.codeborne.selenide.ElementsCollection;
import com.codeborne.selenide.SelenideElement;

/** The standard document view: reference, state badge, actions, fields, timeline. */
public class DocumentPage {

    public DocumentPage shouldBeShown() {
        $("#document-reference").shouldBe(visible);
        return this;
    }

    public String reference() {
        return $("#document-reference").shouldBe(visible).getText();
    }

    public SelenideElement title() {
        return $("#document-title");
    }

    public SelenideElement state() {
        return $("#document-state");
    }

    public ElementsCollection actions() {
        return $$("#document-actions vaadin-button");
    }

    public DocumentPage take(String action) {
        $("#action-" + action).click();
        return this;
    }

    /** The question asked before a final or destructive action. */
    public SelenideElement confirmation() {
        return $("vaadin-confirm-dialog-overlay[opened]");
    }

    public DocumentPage confirm() {
        $$("vaadin-button[slot=confirm-button]").findBy(visible).click();
        confirmation().shouldNot(exist);
        return this;
    }

    public ElementsCollection timeline() {
        return $$(".timeline-entry");
    }

    public DocumentPage comment(String text) {
        $("#timeline-comment textarea").setValue(text);
        $("#timeline-add-comment").click();
        return this;
    }
}

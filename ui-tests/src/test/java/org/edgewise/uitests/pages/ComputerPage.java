package org.edgewise.uitests.pages;

import static com.codeborne.selenide.Condition.text;
import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static com.codeborne.selenide.Selenide.$$;

import com.codeborne.selenide.ElementsCollection;
import com.codeborne.selenide.SelenideElement;

/** A computer's page: the document, its software, its partitions, its enrolment. */
public class ComputerPage extends DocumentPage {

    @Override
    public ComputerPage shouldBeShown() {
        super.shouldBeShown();
        $("#installations-grid").shouldBe(visible);
        return this;
    }

    /** Supplies the release whose label in the catalogue contains {@code release}, e.g. its URL. */
    public ComputerPage supply(String release) {
        $("#supply-release").click();
        $("#supply-release-choice input").setValue(release);
        $$("vaadin-combo-box-item").findBy(text(release)).shouldBe(visible).click();
        $("#dialog-save").click();
        $("#dialog-save").shouldNot(visible);
        return this;
    }

    /** The cells of the software grid, header included. */
    public ElementsCollection installationCells() {
        return $$("#installations-grid vaadin-grid-cell-content");
    }

    /** The state badges of the software grid: requested, then reported once the node reported. */
    public ElementsCollection stateBadges() {
        return $$("#installations-grid vaadin-grid-cell-content .state-badge:not(.installation-status)");
    }

    /** The status of each installation: what was asked combined with what its node reported. */
    public ElementsCollection installationStatuses() {
        return $$("#installations-grid vaadin-grid-cell-content .installation-status");
    }

    /** Makes a one-time enrolment token; the dialog shows it with the command to run on the machine. */
    public ComputerPage createEnrolmentToken() {
        // below the fold, inside the layout's own scrolling area, which the driver does not scroll by itself
        $("#create-enrolment-token").scrollIntoView("{block: \"center\"}").click();
        $("#enrolment-command").shouldBe(visible);
        return this;
    }

    public SelenideElement enrolmentCommand() {
        return $("#enrolment-command");
    }

    public ComputerPage closeEnrolmentToken() {
        $("#enrolment-close").click();
        $("#enrolment-command").shouldNot(visible);
        return this;
    }

    public SelenideElement partitions() {
        return $("#partitions-grid");
    }
}

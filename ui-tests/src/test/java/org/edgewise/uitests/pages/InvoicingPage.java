package org.edgewise.uitests.pages;

import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static com.codeborne.selenide.Selenide.$$;

import com.codeborne.selenide.ElementsCollection;
import com.codeborne.selenide.SelenideElement;

/** "Invoicing": a month that is over, previewed per customer, then run, with the run's progress. */
public class InvoicingPage {

    public InvoicingPage shouldBeShown() {
        $("#invoicing-month").shouldBe(visible);
        $("#invoicing-progress").shouldBe(visible);
        return this;
    }

    /** The month chosen: the last one that is over, unless another is chosen. */
    public SelenideElement month() {
        return $("#invoicing-month");
    }

    public InvoicingPage preview() {
        $("#invoicing-preview").click();
        return this;
    }

    /** The preview's cells: headers, a row per customer and currency, and the totals per currency. */
    public ElementsCollection previewCells() {
        return $$("#invoicing-preview-grid vaadin-grid-cell-content");
    }

    /** Starts the run of the month, answering the question asked first. */
    public InvoicingPage run() {
        $("#invoicing-run").click();
        confirmation().shouldBe(visible);
        $$("vaadin-button[slot=confirm-button]").findBy(visible).click();
        confirmation().shouldNotBe(visible);
        return this;
    }

    public SelenideElement confirmation() {
        return $("vaadin-confirm-dialog-overlay[opened]");
    }

    /** Whether the month was run, and how far the run is: customers done, invoices created. */
    public SelenideElement progress() {
        return $("#invoicing-progress");
    }

    public SelenideElement progressBar() {
        return $("#invoicing-progress-bar");
    }

    /** Shown once the run is done. */
    public SelenideElement draftsLink() {
        return $("#invoicing-drafts");
    }

    public InvoiceListPage openDrafts() {
        draftsLink().shouldBe(visible).click();
        return new InvoiceListPage().shouldBeShown();
    }
}

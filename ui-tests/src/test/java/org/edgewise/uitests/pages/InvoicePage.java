package org.edgewise.uitests.pages;

import static com.codeborne.selenide.Condition.text;
import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static com.codeborne.selenide.Selenide.$$;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;

import com.codeborne.selenide.DownloadOptions;
import com.codeborne.selenide.ElementsCollection;
import com.codeborne.selenide.FileDownloadMode;
import com.codeborne.selenide.SelenideElement;

/** One invoice: customer, number, period, lines and totals, the PDF, the workflow's actions, the timeline. */
public class InvoicePage extends DocumentPage {

    /** Printing an invoice the first time also compiles its template. */
    private static final Duration PRINTING = Duration.ofSeconds(60);

    /** Opens the invoice by its number, or its draft reference, as typed in the address bar. */
    public static InvoicePage open(String referenceOrNumber) {
        com.codeborne.selenide.Selenide.open("/invoices/" + referenceOrNumber);
        return new InvoicePage().shouldBeShown();
    }

    @Override
    public InvoicePage shouldBeShown() {
        super.shouldBeShown();
        $("#invoice-lines").shouldBe(visible);
        return this;
    }

    public SelenideElement customer() {
        return $("#invoice-customer");
    }

    /** The legal number once issued, "given when issued" before. */
    public SelenideElement number() {
        return $("#invoice-number input");
    }

    public SelenideElement period() {
        return $("#invoice-period input");
    }

    public SelenideElement issuedOn() {
        return $("#invoice-issued-on input");
    }

    public ElementsCollection lineCells() {
        return $$("#invoice-lines vaadin-grid-cell-content");
    }

    /** Net, tax and total. */
    public SelenideElement totals() {
        return $("#invoice-totals");
    }

    public InvoicePage issue() {
        take("issue");
        state().shouldHave(text("issued"));
        return this;
    }

    public SelenideElement pdfLink() {
        return $("#invoice-pdf");
    }

    /** Downloads the PDF through the page's link, in this user's session, and answers its bytes. */
    public byte[] downloadPdf() {
        File file = pdfLink().shouldBe(visible).download(DownloadOptions.using(FileDownloadMode.HTTPGET)
                .withExtension("pdf").withTimeout(PRINTING));
        try {
            return Files.readAllBytes(file.toPath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

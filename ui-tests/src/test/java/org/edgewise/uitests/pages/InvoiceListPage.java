package org.edgewise.uitests.pages;

import static com.codeborne.selenide.Condition.text;
import static com.codeborne.selenide.Selenide.$;
import static com.codeborne.selenide.Selenide.$$;

import com.codeborne.selenide.ElementsCollection;

/** "Invoices": the customer's own, or every customer's for staff, newest first. */
public class InvoiceListPage extends ListPage<InvoiceListPage> {

    /** Keeps the invoices whose reference, number, title or customer contains this text. */
    public InvoiceListPage filter(String text) {
        $("#list-filter input").setValue(text);
        return this;
    }

    /** The grid's cells, header included. */
    public ElementsCollection cells() {
        return $$("#list-grid vaadin-grid-cell-content");
    }

    /** Opens the newest invoice of the list that shows this text (a customer, a number…). */
    public InvoicePage open(String shown) {
        cells().findBy(text(shown)).click();
        return new InvoicePage().shouldBeShown();
    }
}

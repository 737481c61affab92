package org.edgewise.uitests.pages;

import static com.codeborne.selenide.Condition.text;
import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static com.codeborne.selenide.Selenide.$$;

import com.codeborne.selenide.ElementsCollection;
import com.codeborne.selenide.SelenideElement;

/**
 * "Tickets": support's queue, or a customer's own tickets, with the "Ask for help" (or "New ticket") dialog
 * that a service's "Ask for help" link opens about that service.
 */
public class TicketListPage extends ListPage<TicketListPage> {

    public static TicketListPage open() {
        com.codeborne.selenide.Selenide.open("/tickets");
        return new TicketListPage().shouldBeShown();
    }

    /** The queue with only the tickets assigned to the signed-in member of support. */
    public static TicketListPage openAssignedToMe() {
        com.codeborne.selenide.Selenide.open("/tickets?mine");
        return new TicketListPage().shouldBeShown();
    }

    /** Keeps the tickets whose reference, subject or customer contains this text. */
    public TicketListPage filter(String text) {
        $("#list-filter input").setValue(text);
        return this;
    }

    /** The grid's cells, header included. */
    public ElementsCollection cells() {
        return $$("#list-grid vaadin-grid-cell-content");
    }

    /** The "Assigned to me" switch, offered to support. */
    public SelenideElement assignedToMe() {
        return $("#tickets-mine");
    }

    /** Opens the ticket of the list that shows this text (its subject, reference…). */
    public TicketPage open(String shown) {
        cells().findBy(text(shown)).click();
        return new TicketPage().shouldBeShown();
    }

    /** What the new ticket is about, as the dialog shows it: chosen already when asked from a service. */
    public SelenideElement about() {
        return $("#ticket-about input");
    }

    /** Fills the open dialog: the subject, how bad it is (the start of its choice, e.g. "High"), the message. */
    public TicketListPage describe(String subject, String severity, String message) {
        $("#ticket-title input").shouldBe(visible).setValue(subject);
        $("#ticket-severity").click();
        $$("vaadin-select-item").findBy(text(severity)).shouldBe(visible).click();
        $("#ticket-severity").shouldHave(text(severity));
        $("#ticket-message textarea").setValue(message);
        return this;
    }

    /** Opens the ticket described in the dialog, and shows it. */
    public TicketPage openTheTicket() {
        $("#dialog-save").click();
        return new TicketPage().shouldBeShown();
    }
}

package org.edgewise.uitests.pages;

import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static com.codeborne.selenide.Selenide.$$;

import com.codeborne.selenide.ElementsCollection;
import com.codeborne.selenide.SelenideElement;

/**
 * One ticket: what it is about, how bad, who has it and what is due, support's tools, and the conversation on
 * its timeline.
 */
public class TicketPage extends DocumentPage {

    /** Opens a ticket by its address, as a link in a mail or a bookmark would; shows it, or that it is not found. */
    public static TicketPage open(String reference) {
        com.codeborne.selenide.Selenide.open("/tickets/" + reference);
        return new TicketPage();
    }

    @Override
    public TicketPage shouldBeShown() {
        super.shouldBeShown();
        $("#ticket-assignee").shouldBe(visible);
        return this;
    }

    /** The link to the service (or invoice, order) the ticket is about. */
    public SelenideElement related() {
        return $("#ticket-related");
    }

    public SelenideElement severity() {
        return $("#ticket-severity input");
    }

    public SelenideElement customer() {
        return $("#ticket-customer input");
    }

    public SelenideElement assignee() {
        return $("#ticket-assignee input");
    }

    /** When the first answer is due, or when it was given. */
    public SelenideElement firstResponse() {
        return $("#ticket-first-response input");
    }

    /** When the resolution is due, or when it was resolved. */
    public SelenideElement resolution() {
        return $("#ticket-resolution input");
    }

    public TicketPage assignToMe() {
        $("#ticket-assign-me").shouldBe(visible).click();
        return this;
    }

    /** Support's "Assign to me", which is not there for a customer, nor for the assignee. */
    public SelenideElement assignToMeButton() {
        return $("#ticket-assign-me");
    }

    /** Writes an internal note, which staff read and the customer does not. */
    public TicketPage note(String text) {
        $("#timeline-comment textarea").setValue(text);
        $("#timeline-internal input").click();
        $("#timeline-add-comment").click();
        return this;
    }

    /** The texts written on the ticket, newest first: the conversation and, for staff, the internal notes. */
    public ElementsCollection messages() {
        return $$(".timeline-entry .timeline-comment-text");
    }

    /** The timeline entry of each internal note. */
    public ElementsCollection notes() {
        return $$(".timeline-entry[data-kind=note]");
    }

    /** What an address of a ticket this user may not see shows. */
    public SelenideElement notFound() {
        return $("#not-found");
    }
}

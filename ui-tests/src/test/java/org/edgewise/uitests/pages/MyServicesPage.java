package org.edgewise.uitests.pages;

import static com.codeborne.selenide.Condition.exist;
import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static com.codeborne.selenide.Selenide.$$;

import com.codeborne.selenide.ElementsCollection;
import com.codeborne.selenide.SelenideElement;

/** My services: a card per service of the customer's organisation, or the one service of {@code /my/services/SRV-…}. */
public class MyServicesPage {

    public static MyServicesPage open() {
        com.codeborne.selenide.Selenide.open("/my/services");
        $(".my-services").shouldBe(visible);
        return new MyServicesPage();
    }

    /** Opens one service by its address, as a bookmark or a pasted link would. */
    public static MyServicesPage open(String reference) {
        com.codeborne.selenide.Selenide.open("/my/services/" + reference);
        $("#my-services-all").shouldBe(visible);
        return new MyServicesPage();
    }

    public MyServicesPage shouldShowOne() {
        $("#my-service-status").shouldBe(visible);
        return this;
    }

    /** The reference of the one service shown, SRV-…. */
    public String reference() {
        return $(".my-service .document-reference").shouldBe(visible).getText();
    }

    /** The service's cards, each with its title, reference, status and cost. */
    public ElementsCollection cards() {
        return $$(".my-service");
    }

    /** Its status as its node reports it: Running once started. */
    public SelenideElement status() {
        return $("#my-service-status");
    }

    /** The first address the service publishes, as the link on the page. */
    public SelenideElement url() {
        return $("#my-service-url");
    }

    /** What the service costs so far this month: the total and a line per charge. */
    public SelenideElement monthSoFar() {
        return $(".my-service .my-service-cost");
    }

    /** Asks to destroy it: the dialog says what is lost. */
    public SelenideElement destroy() {
        $("#my-service-destroy").shouldBe(visible).click();
        return confirmation();
    }

    public SelenideElement confirmation() {
        return $("vaadin-confirm-dialog-overlay[opened]");
    }

    public MyServicesPage confirm() {
        $("#confirm-action-confirm").shouldBe(visible).click();
        confirmation().shouldNot(exist);
        return this;
    }

    /** Follows the one service's "Ask for help": the tickets, with a new ticket about the service to describe. */
    public TicketListPage askForHelp() {
        $("#my-service-help").shouldBe(visible).click();
        $("#ticket-title").shouldBe(visible);
        return new TicketListPage();
    }

    /** What an address of a service the customer does not have shows. */
    public SelenideElement missing() {
        return $("#my-service-missing");
    }

    /** What the one service's page says of its upgrade: a proposal, or how the latest decision went. */
    public SelenideElement upgrade() {
        return $("#upgrade-banner-text");
    }

    /** The state of the service's latest upgrade decision, as a badge. */
    public SelenideElement upgradeState() {
        return $("#upgrade-banner-state");
    }

    /** Rejects the proposed upgrade, after the question of what it means. */
    public MyServicesPage rejectUpgrade() {
        $("#upgrade-reject").shouldBe(visible).click();
        confirmation().shouldBe(visible);
        $$("vaadin-button[slot=confirm-button]").findBy(visible).click();
        confirmation().shouldNot(exist);
        return this;
    }
}

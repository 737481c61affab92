package org.edgewise.uitests.pages;

import static com.codeborne.selenide.Condition.exactText;
import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;

import com.codeborne.selenide.ElementsCollection;
import com.codeborne.selenide.SelenideElement;

/** The console shell with the user's home page: navigation, who is signed in, attention cards. */
public class HomePage {

    public HomePage shouldBeShown() {
        $("#main-nav").shouldBe(visible);
        $("#signed-in-user").shouldBe(visible);
        return this;
    }

    public ElementsCollection navigation() {
        return $("#main-nav").$$("vaadin-side-nav-item");
    }

    public ComputerListPage computers() {
        go("Computers");
        return new ComputerListPage().shouldBeShown();
    }

    public OrganisationListPage organisations() {
        go("Organisations");
        return new OrganisationListPage().shouldBeShown();
    }

    public UserListPage users() {
        go("Users");
        return new UserListPage().shouldBeShown();
    }

    public ProductListPage products() {
        go("Products");
        return new ProductListPage().shouldBeShown();
    }

    public ReleaseListPage releases() {
        go("Software releases");
        return new ReleaseListPage().shouldBeShown();
    }

    public ServiceListPage services() {
        go("Services");
        return new ServiceListPage().shouldBeShown();
    }

    public InvoicingPage invoicing() {
        go("Invoicing");
        return new InvoicingPage().shouldBeShown();
    }

    public InvoiceListPage invoices() {
        go("Invoices");
        return new InvoiceListPage().shouldBeShown();
    }

    public TicketListPage tickets() {
        go("Tickets");
        return new TicketListPage().shouldBeShown();
    }

    public AccountPage account() {
        go("Account");
        return new AccountPage().shouldBeShown();
    }

    /** Follows an entry of the navigation, which may lie below the bottom of a window as long as the list. */
    private void go(String entry) {
        navigation().findBy(exactText(entry)).scrollIntoView("{block: \"center\"}").click();
    }

    /** Goes back to the home page through the navigation. */
    public HomePage home() {
        go("Home");
        $("#attention").should(com.codeborne.selenide.Condition.exist);
        return this;
    }

    /** The count on the home page card with this id, e.g. services-pending. */
    public SelenideElement attentionCount(String id) {
        return $("#attention-" + id + " .attention-count");
    }

    public LoginPage signOut() {
        $("#sign-out").click();
        $("vaadin-login-form").shouldBe(visible);
        return new LoginPage();
    }
}

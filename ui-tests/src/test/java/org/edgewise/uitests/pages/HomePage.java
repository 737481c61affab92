package org.edgewise.uitests.pages;

import static com.codeborne.selenide.Condition.text;
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
        navigation().findBy(text("Computers")).click();
        return new ComputerListPage().shouldBeShown();
    }

    public OrganisationListPage organisations() {
        navigation().findBy(text("Organisations")).click();
        return new OrganisationListPage().shouldBeShown();
    }

    public UserListPage users() {
        navigation().findBy(text("Users")).click();
        return new UserListPage().shouldBeShown();
    }

    public ProductListPage products() {
        navigation().findBy(text("Products")).click();
        return new ProductListPage().shouldBeShown();
    }

    public ReleaseListPage releases() {
        navigation().findBy(text("Software releases")).click();
        return new ReleaseListPage().shouldBeShown();
    }

    public ServiceListPage services() {
        navigation().findBy(text("Services")).click();
        return new ServiceListPage().shouldBeShown();
    }

    public InvoicingPage invoicing() {
        navigation().findBy(text("Invoicing")).click();
        return new InvoicingPage().shouldBeShown();
    }

    public InvoiceListPage invoices() {
        navigation().findBy(text("Invoices")).click();
        return new InvoiceListPage().shouldBeShown();
    }

    public AccountPage account() {
        navigation().findBy(text("Account")).click();
        return new AccountPage().shouldBeShown();
    }

    /** Goes back to the home page through the navigation. */
    public HomePage home() {
        navigation().findBy(text("Home")).click();
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

package org.edgewise.uitests;

import static com.codeborne.selenide.CollectionCondition.itemWithText;
import static com.codeborne.selenide.Condition.exist;
import static com.codeborne.selenide.Condition.matchText;
import static com.codeborne.selenide.Condition.text;
import static com.codeborne.selenide.Condition.value;
import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static com.codeborne.selenide.Selenide.open;
import static com.codeborne.selenide.Selenide.switchTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.edgewise.uitests.pages.LoginPage;
import org.edgewise.uitests.pages.MyServicesPage;
import org.edgewise.uitests.pages.OrderListPage;
import org.edgewise.uitests.pages.ProductPage;
import org.edgewise.uitests.pages.ShopPage;
import org.edgewise.uitests.pages.SignUpPage;
import org.edgewise.uitests.pages.SubscriptionListPage;
import org.edgewise.uitests.pages.VerifyEmailPage;
import org.junit.jupiter.api.Test;

import com.codeborne.selenide.WebDriverRunner;

/**
 * The web shop as strangers meet it: they look at the offers, sign up, confirm their address from the mail,
 * order a service with the form drawn from its parameter schema, use it, and destroy it; and what one
 * customer ordered stays out of every other customer's sight.
 */
class ShopStoriesTest extends BrowserTest {

    private static final Duration STARTING = Duration.ofSeconds(120);
    private static final Duration RUNNING = Duration.ofSeconds(60);
    private static final String PASSWORD = "shop-story-password-1";

    @Test
    void aStrangerSignsUpConfirmsTheirAddressOrdersAWebServiceUsesItAndDestroysIt() throws Exception {
        ShopPage shop = ShopPage.open();
        awaitThePricesOfTheLocalCloud();
        // the newest version of web whose tests passed: 1, or 2 once the upgrade stories published it
        shop.product("web").shouldHave(matchText("version \\d"));
        shop.plans("web").findBy(text("default")).shouldHave(matchText("9[.,]90.* per month \\(.*11[.,]88.* with tax\\)"));
        ProductPage web = shop.choose("web");
        web.prices().shouldHave(matchText("9[.,]90.* per month without tax, .*11[.,]88.* with 20 % tax"));
        web.signInToOrder().shouldHave(text("To order, sign in or create an account"));

        String username = unique("sam");
        String email = username + "@shop-story.example";
        SignUpPage.open().signUp(unique("Sam Bakery"), "Sam Stranger", email, username, PASSWORD)
                .done().shouldHave(text("we sent a link to " + email));
        LoginPage.open().attemptSignIn(username, PASSWORD).form().shouldHave(text("Confirm your e-mail address first"));

        String link = new Mailbox(master, email).awaitLink("Confirm your e-mail address");
        assertTrue(link.startsWith(master.url() + "/verify-email?token="), "the mail links to the Master: " + link);
        VerifyEmailPage confirmed = VerifyEmailPage.open(link);
        confirmed.result().shouldHave(text("Your e-mail address is confirmed: you can sign in now as " + username));
        confirmed.signIn().signInAs(username, PASSWORD);

        String title = unique("bakery-site");
        MyServicesPage service = ShopPage.open().choose("web")
                .name(title)
                .parameter("greeting", "Bonjour")
                .orderAndOpen();
        String reference = service.reference();
        service.cards().findBy(text(title)).shouldHave(matchText("web · plan default · version \\d"));
        service.status().shouldHave(text("Running"), STARTING);
        service.url().shouldBe(visible).click();
        switchTo().window(1);
        $("body").shouldHave(text("Hello from " + title + ": Bonjour"));
        String url = WebDriverRunner.url();
        WebDriverRunner.getWebDriver().close();
        switchTo().window(0);
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode());
        assertTrue(answer.body().startsWith("Hello from " + title + ": Bonjour"), answer.body());

        service.monthSoFar().shouldHave(matchText("EUR so far"), text("Subscription, "), text("% of the month"));
        SubscriptionListPage.open().cells()
                .shouldHave(itemWithText(reference + " " + title), itemWithText("9.90 EUR / month"));

        service = MyServicesPage.open(reference).shouldShowOne();
        service.destroy().shouldHave(text("Destroy \"" + title + "\"?"),
                text("data in its partition is erased"), text("cannot be undone"), text("Billing stops at"));
        service.confirm();
        service.status().shouldHave(text("Destroyed"), RUNNING);
        service.cards().findBy(text(title)).shouldHave(text("its addresses may already serve another service"));
        service.url().shouldNot(exist);
    }

    @Test
    void anotherCustomerSeesNeitherTheOrdersNorTheServicesNorTheInvoicesOfACustomer() {
        String organisation = unique("Cleo Cafe");
        String cleo = signUpAndConfirm(organisation, "Cleo Customer");
        LoginPage.open().signInAs(cleo, PASSWORD);
        String title = unique("cafe-site");
        String service = ShopPage.open().choose("web").name(title).parameter("greeting", "Salut").orderAndOpen()
                .reference();
        String order = OrderListPage.open().cells().findBy(matchText("SO-\\d+")).getText();
        String invoice = invoiceOf(organisation);

        LoginPage.open().signInAs("demo", master.demoPassword());
        MyServicesPage.open().cards().findBy(text(service)).shouldNot(exist);
        MyServicesPage.open(service).missing().shouldHave(text("You have no service " + service));
        OrderListPage.open().cells().findBy(text(order)).shouldNot(exist);
        open("/orders/" + order);
        $("#not-found").shouldHave(text("Order not found"));
        $("#document-reference").shouldNot(exist);
        open("/services/" + service);
        $("#not-found").shouldHave(text("Service not found"));
        open("/my/invoices");
        $("#my-invoices-grid").shouldBe(visible).shouldNotHave(text(invoice)).shouldNotHave(text(organisation));
        open("/invoices/" + invoice);
        $("#not-found").shouldHave(text("Invoice not found"));
        $("#document-reference").shouldNot(exist);
    }

    @Test
    void aGreetingLongerThanTheSchemaAllowsIsShownUnderItsFieldAndNothingIsOrdered() {
        LoginPage.open().signInAs("demo", master.demoPassword());
        String title = unique("too-long");
        String greeting = "Bonjour et bienvenue dans notre boulangerie du coin";
        ProductPage web = ShopPage.open().choose("web").name(title);
        web.parameter("greeting", greeting);
        // the browser keeps to the field's length; pasted as JSON, the value is taken whole
        web.field("greeting").$("input").shouldHave(value(greeting.substring(0, 40)));
        web.parametersAsJson("{\"greeting\": \"" + greeting + "\"}");
        web.field("greeting").$("input").shouldHave(value(greeting));

        web.order();

        web.fieldError("greeting").shouldHave(text("Greeting"), text("at most 40 characters"));
        web.field("greeting").shouldHave(com.codeborne.selenide.Condition.attribute("invalid"));
        web.prices().shouldBe(visible);
        MyServicesPage.open().cards().findBy(text(title)).shouldNot(exist);
        OrderListPage.open().cells().findBy(text(title)).shouldNot(exist);
    }

    /** The local cloud's price list comes into force ten seconds after its first start: the shop shows it then. */
    private static void awaitThePricesOfTheLocalCloud() {
        com.codeborne.selenide.Selenide.Wait().withTimeout(Duration.ofSeconds(90))
                .withMessage("the shop shows no monthly price of web")
                .until(driver -> {
                    boolean priced = !ShopPage.open().plans("web").findBy(text("default")).getText()
                            .contains("no monthly price");
                    return priced;
                });
    }

    /** A stranger signs up and follows the link mailed to them; answers their user name. */
    private static String signUpAndConfirm(String organisation, String name) {
        String username = unique(name.substring(0, name.indexOf(' ')).toLowerCase());
        String email = username + "@shop-story.example";
        SignUpPage.open().signUp(organisation, name, email, username, PASSWORD).done().shouldBe(visible);
        VerifyEmailPage.open(new Mailbox(master, email).awaitLink("Confirm your e-mail address"))
                .result().shouldHave(text("confirmed"));
        return username;
    }

    /**
     * Billing staff invoice the month of the customer's service: the month ends, its run makes a draft per
     * customer; answers the reference of the customer's draft.
     */
    private static String invoiceOf(String organisation) {
        MasterApi staff = new MasterApi(master, RunningMaster.ADMIN_API_TOKEN);
        String month = new MasterClock(master).endTheBillingMonth().toString();
        HttpResponse<String> started = staff.post("/api/v1/invoice-runs", "{\"month\": \"" + month + "\"}");
        assertEquals(202, started.statusCode(), started.body());
        Pattern draft = Pattern.compile("\"reference\":\"(INVD-\\d+)\"[^{}]*\"customerName\":\""
                + Pattern.quote(organisation) + "\"");
        String[] reference = new String[1];
        com.codeborne.selenide.Selenide.Wait().withTimeout(RUNNING).withMessage("no draft invoice of " + organisation)
                .until(driver -> {
                    Matcher found = draft.matcher(new String(staff.get("/api/v1/invoices?state=draft&limit=1000").body(),
                            StandardCharsets.UTF_8));
                    return found.find() && (reference[0] = found.group(1)) != null;
                });
        return reference[0];
    }
}

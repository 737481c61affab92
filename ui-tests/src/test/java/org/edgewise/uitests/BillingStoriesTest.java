package org.edgewise.uitests;

import static com.codeborne.selenide.CollectionCondition.itemWithText;
import static com.codeborne.selenide.CollectionCondition.size;
import static com.codeborne.selenide.Condition.attributeMatching;
import static com.codeborne.selenide.Condition.exactText;
import static com.codeborne.selenide.Condition.exist;
import static com.codeborne.selenide.Condition.matchText;
import static com.codeborne.selenide.Condition.text;
import static com.codeborne.selenide.Condition.value;
import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static com.codeborne.selenide.Selenide.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.edgewise.uitests.pages.HomePage;
import org.edgewise.uitests.pages.InvoiceListPage;
import org.edgewise.uitests.pages.InvoicePage;
import org.edgewise.uitests.pages.InvoicingPage;
import org.edgewise.uitests.pages.LoginPage;
import org.junit.jupiter.api.Test;

/**
 * A month of the local cloud invoiced: customers' services are charged, the month ends (the Master's clock is
 * moved into the next one), billing staff preview and run it, issue the drafts, and everyone downloads the PDF
 * of the invoices they may see, and only those.
 */
class BillingStoriesTest extends BrowserTest {

    private static final String INVOICE_NUMBER = "INV-\\d{4}-\\d{6}";
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);
    private static final Duration RUNNING = Duration.ofSeconds(60);
    private static final String DEMO_CUSTOMER = "Demo Customer";

    @Test
    void billingStaffPreviewAndRunAMonthThatIsOverThenIssueADraftWhosePdfCarriesItsNumber() {
        HomePage admin = LoginPage.open().signInAs("admin", RunningMaster.ADMIN_PASSWORD);
        String bakery = unique("Bakery");
        String bakeryReference = admin.organisations().create(bakery, "accounts@bakery.example").reference();
        String baker = unique("bea").toLowerCase();
        admin.users().createCustomer(baker, "Bea Baker", "bea-password-1", bakery);
        String clerk = unique("bill").toLowerCase();
        admin.users().createStaff(clerk, "Bill Clerk", "bill-password-1", "Billing");
        admin.signOut();
        requestWebService(baker, "bea-password-1", "storefront");

        YearMonth month = new MasterClock(master).endTheBillingMonth();
        String label = MONTH.format(month);

        HomePage billing = LoginPage.open().signInAs(clerk, "bill-password-1");
        InvoicingPage invoicing = billing.invoicing();
        invoicing.month().shouldHave(text(label));
        invoicing.progress().shouldHave(text("This month has not been run"));
        invoicing.preview();
        invoicing.previewCells().findBy(exactText(bakery + " (" + bakeryReference + ")")).shouldBe(visible);
        invoicing.previewCells().shouldHave(itemWithText("EUR"));
        invoicing.previewCells().findBy(exactText("Total")).shouldBe(visible);
        invoicing.progress().shouldHave(text("This month has not been run"));

        invoicing.run();
        invoicing.progress().shouldHave(matchText(Pattern.quote(label) + ": done — (\\d+) of \\1 customers done, "
                + "[1-9]\\d* invoices created\\. Started by " + Pattern.quote(clerk)), RUNNING);
        invoicing.progressBar().shouldBe(visible);

        InvoicePage draft = invoicing.openDrafts().filter(bakery).open(bakery);
        draft.title().shouldHave(text(label));
        draft.state().shouldHave(text("draft"));
        draft.customer().shouldHave(text(bakery + " (" + bakeryReference + ")"));
        draft.period().shouldHave(value(month.atDay(1) + " – " + month.atEndOfMonth()));
        draft.number().shouldHave(value("given when issued"));
        draft.lineCells().findBy(text("web (default)")).shouldBe(visible);
        draft.totals().shouldHave(text("Total:"), text("EUR"));

        draft.issue();

        String number = draft.number().shouldHave(attributeMatching("value", INVOICE_NUMBER)).getValue();
        YearMonth issuedIn = month.plusMonths(1);
        assertTrue(number.startsWith("INV-" + issuedIn.getYear() + "-"), number + " is of the year it was issued");
        $("#document-number").shouldHave(exactText(number));
        draft.issuedOn().shouldHave(value(issuedIn.atDay(1).toString()));
        draft.timeline().findBy(text("issue: draft → issued")).shouldHave(text(clerk));
        draft.timeline().findBy(text("issued on: (empty) → " + issuedIn.atDay(1))).shouldHave(text(clerk));
        draft.actions().shouldHave(itemWithText("Mark paid"));

        assertPdfShowing(draft.downloadPdf(), number, bakery);
    }

    @Test
    void aCustomerDownloadsTheirOwnInvoiceButCannotOpenAnotherCustomersNorGetItsPdf() {
        HomePage admin = LoginPage.open().signInAs("admin", RunningMaster.ADMIN_PASSWORD);
        String rival = unique("Rival");
        admin.organisations().create(rival, "accounts@rival.example");
        String rob = unique("rob").toLowerCase();
        admin.users().createCustomer(rob, "Rob Rival", "rob-password-1", rival);
        admin.signOut();
        requestWebService("demo", master.demoPassword(), unique("blog"));
        requestWebService(rob, "rob-password-1", "intranet");

        YearMonth month = new MasterClock(master).endTheBillingMonth();
        String label = MONTH.format(month);

        HomePage billing = LoginPage.open().signInAs("admin", RunningMaster.ADMIN_PASSWORD);
        InvoicingPage invoicing = billing.invoicing();
        invoicing.month().shouldHave(text(label));
        invoicing.run();
        invoicing.progress().shouldHave(text(label + ": done"), RUNNING);
        String own = issueTheDraftOf(billing, DEMO_CUSTOMER, label);
        String others = issueTheDraftOf(billing, rival, label);
        billing.signOut();

        HomePage demo = LoginPage.open().signInAs("demo", master.demoPassword());
        InvoiceListPage invoices = demo.invoices();
        invoices.cells().shouldHave(itemWithText(own));
        invoices.cells().findBy(text(others)).shouldNot(exist);
        invoices.cells().findBy(text(rival)).shouldNot(exist);
        InvoicePage mine = invoices.open(own);
        mine.number().shouldHave(value(own));
        mine.state().shouldHave(text("issued"));
        mine.customer().shouldHave(text(DEMO_CUSTOMER));
        mine.actions().shouldHave(size(0));
        assertPdfShowing(mine.downloadPdf(), own, DEMO_CUSTOMER);

        open("/invoices/" + others);
        $("#not-found").shouldBe(visible).shouldHave(text("Invoice not found"));
        $("#document-reference").shouldNot(exist);
        $("#invoice-pdf").shouldNot(exist);

        MasterApi api = new MasterApi(master, master.demoApiToken());
        HttpResponse<byte[]> refused = api.get("/api/v1/invoices/" + others + "/pdf");
        assertTrue(refused.statusCode() == 403 || refused.statusCode() == 404,
                "another customer's PDF is refused, not answered " + refused.statusCode());
        assertFalse(isPdf(refused.body()), "another customer's PDF was sent");
        HttpResponse<byte[]> allowed = api.get("/api/v1/invoices/" + own + "/pdf");
        assertEquals(200, allowed.statusCode(), "the customer's own PDF");
        assertPdfShowing(allowed.body(), own, DEMO_CUSTOMER);
    }

    /** The customer asks for the local cloud's web server: their subscription to it starts at once. */
    private static void requestWebService(String username, String password, String title) {
        HomePage home = LoginPage.open().signInAs(username, password);
        home.services().requestService()
                .title(title)
                .release("web 1")
                .parameters("{\"greeting\": \"Hello\"}")
                .submitAndOpen()
                .state().shouldHave(text("started"));
        home.signOut();
    }

    /** Issues the customer's newest invoice, a draft of the month; answers the number it was given. */
    private static String issueTheDraftOf(HomePage billing, String customer, String month) {
        InvoicePage draft = billing.invoices().filter(customer).open(customer);
        draft.title().shouldHave(text(month));
        draft.state().shouldHave(text("draft"));
        draft.customer().shouldHave(text(customer));
        draft.issue();
        return draft.number().shouldHave(attributeMatching("value", INVOICE_NUMBER)).getValue();
    }

    private static void assertPdfShowing(byte[] pdf, String... texts) {
        assertTrue(isPdf(pdf), "a PDF, not: " + new String(Arrays.copyOf(pdf, Math.min(pdf.length, 200)),
                StandardCharsets.ISO_8859_1));
        String text;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            text = new PDFTextStripper().getText(document);
        } catch (IOException e) {
            throw new UncheckedIOException("An unreadable PDF", e);
        }
        for (String expected : texts) {
            assertTrue(text.contains(expected), "the PDF shows " + expected + ":\n" + text);
        }
    }

    private static boolean isPdf(byte[] bytes) {
        return bytes.length > 5 && new String(bytes, 0, 5, StandardCharsets.ISO_8859_1).equals("%PDF-");
    }
}

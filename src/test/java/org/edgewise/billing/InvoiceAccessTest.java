package org.edgewise.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.edgewise.billing.BillingFixtures.BILLING;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import org.edgewise.ComponentTree;
import org.edgewise.Fixtures;
import org.edgewise.Http;
import org.edgewise.MasterTest;
import org.edgewise.access.Role;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.DocumentNotFoundException;
import org.edgewise.document.PageRequest;
import org.edgewise.party.Users;
import org.edgewise.security.ApiTokens;
import org.edgewise.security.CurrentUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.access.AccessDeniedException;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.NavigationTrigger;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.Router;
import com.vaadin.flow.server.VaadinServletContext;
import com.vaadin.flow.server.startup.ApplicationRouteRegistry;

import jakarta.servlet.ServletContext;

/**
 * A customer reads its own invoices, in the API and in the console, and never another customer's: that one is not
 * found, as if it did not exist. Billing staff read every customer's; operators none.
 */
class InvoiceAccessTest extends MasterTest {

    @Autowired
    Invoices invoices;

    @Autowired
    CreditNotes creditNotes;

    @Autowired
    PrintedDocuments printed;

    @Autowired
    InvoicePdf pdf;

    @Autowired
    DocumentEngine engine;

    @Autowired
    BillingFixtures billing;

    @Autowired
    Users users;

    @Autowired
    ApiTokens tokens;

    @Autowired
    CurrentUser currentUser;

    @Autowired
    ServletContext servletContext;

    @LocalServerPort
    int port;

    @Test
    void theApiShowsACustomerItsOwnInvoicesAndAnotherCustomersIsNotFound() {
        long a = billing.customer();
        long b = billing.customer();
        Invoices.Invoice issuedOfA = issued(a);
        Document draftOfA = invoices.createDraft(a, "Draft of A", "EUR", BILLING);
        Invoices.Invoice ofB = issued(b);
        Http http = new Http(port);
        String tokenA = token(EnumSet.of(Role.CUSTOMER), a);
        String tokenB = token(EnumSet.of(Role.CUSTOMER), b);
        String billingToken = token(EnumSet.of(Role.BILLING), null);
        String operatorToken = token(EnumSet.of(Role.OPERATOR), null);

        Http.Response listOfA = http.get("/api/v1/invoices", tokenA);
        Http.Response byNumber = http.get("/api/v1/invoices/" + issuedOfA.number(), tokenA);
        Http.Response byReference = http.get("/api/v1/invoices/" + issuedOfA.reference(), tokenA);
        Http.Response ofAToB = http.get("/api/v1/invoices/" + issuedOfA.number(), tokenB);
        Http.Response draftOfAToB = http.get("/api/v1/invoices/" + draftOfA.reference(), tokenB);
        Http.Response listOfStaff = http.get("/api/v1/invoices?limit=1000&state=issued", billingToken);
        Http.Response listOfOperator = http.get("/api/v1/invoices", operatorToken);

        assertThat(listOfA.status()).isEqualTo(200);
        assertThat(references(listOfA.json())).containsExactlyInAnyOrder(issuedOfA.reference(), draftOfA.reference());
        assertThat(byNumber.status()).isEqualTo(200);
        JsonNode invoice = byNumber.json();
        assertThat(invoice.path("number").asText()).isEqualTo(issuedOfA.number());
        assertThat(invoice.path("state").asText()).isEqualTo("issued");
        assertThat(byNumber.body()).contains("\"gross\":96.00", "\"net\":80.00", "\"tax\":16.00");
        assertThat(invoice.path("lines")).singleElement().satisfies(l -> assertThat(l.path("description").asText())
                .isEqualTo("Setup"));
        assertThat(invoice.path("taxes")).singleElement().satisfies(t -> assertThat(t.path("rate").decimalValue())
                .isEqualByComparingTo("20"));
        assertThat(invoice.path("paymentReference").asText()).isEqualTo(BillingAccounts.paymentReferenceOf(a));
        assertThat(byReference.json().path("number").asText()).isEqualTo(issuedOfA.number());
        assertThat(ofAToB.status()).isEqualTo(404);
        assertThat(ofAToB.header("Content-Type")).startsWith("application/problem+json");
        assertThat(ofAToB.body()).doesNotContain(issuedOfA.reference());
        assertThat(draftOfAToB.status()).isEqualTo(404);
        assertThat(listOfStaff.status()).isEqualTo(200);
        assertThat(references(listOfStaff.json())).contains(issuedOfA.reference(), ofB.reference())
                .doesNotContain(draftOfA.reference());
        assertThat(listOfOperator.status()).isEqualTo(403);
    }

    @Test
    void aCustomerDownloadsTheirOwnInvoiceAsAPdfAndNotAnothersByItsUrl() throws Exception {
        long a = billing.customer();
        long b = billing.customer();
        Invoices.Invoice ofA = issued(a);
        String tokenA = token(EnumSet.of(Role.CUSTOMER), a);
        String tokenB = token(EnumSet.of(Role.CUSTOMER), b);

        java.net.http.HttpResponse<byte[]> mine = download("/api/v1/invoices/" + ofA.number() + "/pdf", tokenA);
        java.net.http.HttpResponse<byte[]> theirs = download("/api/v1/invoices/" + ofA.number() + "/pdf", tokenB);

        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat(mine.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(mine.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                d -> assertThat(d).contains("attachment", ofA.number() + ".pdf"));
        try (org.apache.pdfbox.pdmodel.PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(mine.body())) {
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(pdf)).contains(ofA.number(), "Setup",
                    "80.00 EUR", "20.00 % on 80.00 EUR: 16.00 EUR", "Total due 96.00 EUR",
                    BillingAccounts.paymentReferenceOf(a));
        }
        assertThat(theirs.statusCode()).isEqualTo(404);
        assertThat(new String(theirs.body(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("No document " + ofA.number() + " was found").doesNotContain("Setup", "#");
    }

    private java.net.http.HttpResponse<byte[]> download(String path, String token) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void theServicesRefuseACustomerAnotherCustomersInvoiceAndItsCreditNotes() {
        long a = billing.customer();
        long b = billing.customer();
        Invoices.Invoice ofA = issued(a);
        creditNotes.create(ofA.id(), List.of(), null, BILLING);

        assertThatThrownBy(() -> invoices.get(ofA.number(), customerOf(b)))
                .isInstanceOf(DocumentNotFoundException.class);
        assertThat(invoices.page(PageRequest.all(), customerOf(b))).extracting(Invoices.Row::reference)
                .doesNotContain(ofA.reference());
        assertThat(creditNotes.ofInvoice(ofA.id(), customerOf(b))).isEmpty();
        assertThat(creditNotes.ofInvoice(ofA.id(), customerOf(a))).hasSize(1);
        assertThatThrownBy(() -> creditNotes.creditable(ofA.id(), customerOf(b)))
                .isInstanceOf(DocumentNotFoundException.class);
        assertThatThrownBy(() -> invoices.page(PageRequest.all(), operator())).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void theInvoicePageOfAnotherCustomerSaysNotFoundAndTheOwnShowsItsLinesWithoutEditing() {
        long a = billing.customer();
        long b = billing.customer();
        Document draft = invoices.createDraft(a, "Draft of A", "EUR", BILLING);
        invoices.addLine(draft.id(), new Invoices.NewLine("Setup", BigDecimal.ONE, "hour", new BigDecimal("80"),
                new BigDecimal("20")), BILLING);

        signIn(Fixtures.customer(b));
        InvoiceView seenByB = open(draft.reference());
        signIn(Fixtures.customer(a));
        InvoiceView seenByA = open(draft.reference());
        signIn(BILLING);
        InvoiceView seenByBilling = open(draft.reference());

        assertThat(ComponentTree.byId(seenByB, "not-found")).isPresent();
        assertThat(ComponentTree.byId(seenByB, "invoice-lines")).isEmpty();
        assertThat(ComponentTree.byId(seenByA, "not-found")).isEmpty();
        assertThat(ComponentTree.byId(seenByA, "invoice-lines")).isPresent();
        assertThat(ComponentTree.byId(seenByA, "invoice-add-line")).isEmpty();
        assertThat(ComponentTree.byId(seenByBilling, "invoice-add-line")).isPresent();
    }

    @Test
    void theBillingViewsAreRoutesOfTheConsole() {
        ApplicationRouteRegistry routes = ApplicationRouteRegistry.getInstance(new VaadinServletContext(servletContext));

        assertThat(routes.getNavigationTarget("invoicing")).contains(InvoicingView.class);
        assertThat(routes.getNavigationTarget("invoices")).contains(InvoiceListView.class);
        assertThat(routes.getNavigationTarget("invoices/INV-2027-000001")).contains(InvoiceView.class);
        assertThat(routes.getNavigationTarget("credit-notes")).contains(CreditNoteListView.class);
        assertThat(routes.getNavigationTarget("credit-notes/CND-000001")).contains(CreditNoteView.class);
    }

    private InvoiceView open(String reference) {
        InvoiceView view = new InvoiceView(invoices, creditNotes, printed, pdf, engine, currentUser);
        Router router = new Router(ApplicationRouteRegistry.getInstance(new VaadinServletContext(servletContext)));
        UI ui = new UI();
        // The page's download link is served by the UI it is shown in.
        UI.setCurrent(ui);
        try {
            view.beforeEnter(new BeforeEnterEvent(router, NavigationTrigger.PAGE_LOAD,
                    new Location("invoices/" + reference), InvoiceView.class, new RouteParameters("reference", reference),
                    ui, List.of()));
        } finally {
            UI.setCurrent(null);
        }
        return view;
    }

    private Invoices.Invoice issued(long customer) {
        Document draft = invoices.createDraft(customer, "Setup", "EUR", BILLING);
        invoices.addLine(draft.id(), new Invoices.NewLine("Setup", BigDecimal.ONE, "hour", new BigDecimal("80"),
                new BigDecimal("20")), BILLING);
        engine.apply(draft.id(), BillingWorkflows.ISSUE, BILLING, null);
        return invoices.get(draft.reference(), BILLING);
    }

    private String token(EnumSet<Role> roles, Long organisation) {
        String username = "inv-" + UUID.randomUUID().toString().substring(0, 12);
        Document user = users.create(new Users.NewUser(username, "User " + username, "long enough password", roles,
                organisation), admin());
        return tokens.create(user.id(), "invoice tests", admin());
    }

    private static List<String> references(JsonNode list) {
        List<String> references = new java.util.ArrayList<>();
        list.forEach(i -> references.add(i.path("reference").asText()));
        return references;
    }
}

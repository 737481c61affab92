package org.edgewise.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.edgewise.Http;
import org.edgewise.MasterTest;
import org.edgewise.access.Role;
import org.edgewise.party.Users;
import org.edgewise.security.ApiTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

/** Billing staff preview, run and follow a month over HTTP, then issue its drafts. */
class InvoiceRunApiTest extends MasterTest {

    @LocalServerPort
    int port;

    @Autowired
    BillingFixtures billing;

    @Autowired
    Users users;

    @Autowired
    ApiTokens tokens;

    @Test
    void billingStaffPreviewRunAndFollowAMonthThenIssueItsDraftOnce() {
        Http http = new Http(port);
        String staff = token(EnumSet.of(Role.BILLING), null);
        YearMonth month = billing.freshMonth();
        long customer = billing.customer();
        billing.monthly(billing.subscription(customer), month, "30.00");
        String customerReference = billing.referenceOf(customer);

        Http.Response preview = http.get("/api/v1/invoice-runs/" + month + "/preview", staff);
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.json().path("month").asText()).isEqualTo(month.toString());
        assertThat(preview.json().path("run").isNull()).isTrue();
        JsonNode row = customerRow(preview.json(), customerReference);
        assertThat(row.path("gross").decimalValue()).isEqualByComparingTo("36.00");

        Http.Response started = http.post("/api/v1/invoice-runs", staff, Map.of("month", month.toString()));
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(started.json().path("state").asText()).isIn(InvoiceRuns.RUNNING, InvoiceRuns.DONE);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                http.get("/api/v1/invoice-runs/" + month, staff).json().path("state").asText().equals(InvoiceRuns.DONE));
        JsonNode done = http.get("/api/v1/invoice-runs/" + month, staff).json();
        assertThat(done.path("customersDone").asInt()).isEqualTo(done.path("customersTotal").asInt());
        assertThat(done.path("invoicesCreated").asInt()).isGreaterThanOrEqualTo(1);

        String draft = billing.referenceOf(billing.invoicesOf(customer).get(0));
        Http.Response issued = http.post("/api/v1/invoices/" + draft + "/issue", staff, null);
        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
        assertThat(issued.json().path("state").asText()).isEqualTo(BillingWorkflows.ISSUED);
        assertThat(issued.json().path("number").asText()).startsWith("INV-");
        assertThat(issued.json().path("gross").decimalValue()).isEqualByComparingTo("36.00");
        assertThat(issued.json().path("dueOn").asText()).isNotEmpty();

        Http.Response again = http.post("/api/v1/invoices/" + issued.json().path("number").asText() + "/issue", staff,
                null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("detail").asText()).contains("is issued");
        Http.Response rerun = http.post("/api/v1/invoice-runs", staff, Map.of("month", month.toString()));
        assertThat(rerun.status()).isEqualTo(202);
        assertThat(rerun.json().path("state").asText()).isEqualTo(InvoiceRuns.DONE);
        assertThat(billing.invoicesOf(customer)).hasSize(1);
    }

    @Test
    void aMonthNotOverAMalformedOneAndOneNeverStartedAreRefusedClearly() {
        Http http = new Http(port);
        String staff = token(EnumSet.of(Role.BILLING), null);
        YearMonth current = YearMonth.now(ZoneId.of("Europe/Paris"));

        Http.Response notOver = http.post("/api/v1/invoice-runs", staff, Map.of("month", current.toString()));
        Http.Response malformed = http.post("/api/v1/invoice-runs", staff, Map.of("month", "2026-13"));
        Http.Response inWords = http.get("/api/v1/invoice-runs/Nov-26/preview", staff);
        Http.Response neverStarted = http.get("/api/v1/invoice-runs/" + billing.freshMonth(), staff);
        Http.Response customer = http.post("/api/v1/invoice-runs", token(EnumSet.of(Role.CUSTOMER), billing.customer()),
                Map.of("month", billing.freshMonth().toString()));

        assertThat(notOver.status()).isEqualTo(400);
        assertThat(notOver.json().path("detail").asText()).contains("is not over yet");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("detail").asText()).contains("2026-11");
        assertThat(malformed.json().path("errors").get(0).path("field").asText()).isEqualTo("month");
        assertThat(inWords.status()).isEqualTo(400);
        assertThat(neverStarted.status()).isEqualTo(404);
        assertThat(neverStarted.json().path("detail").asText()).contains("was not started");
        assertThat(customer.status()).isEqualTo(403);
    }

    private static JsonNode customerRow(JsonNode preview, String customerReference) {
        for (JsonNode row : preview.path("customers")) {
            if (row.path("customer").asText().equals(customerReference)) {
                return row;
            }
        }
        throw new AssertionError(customerReference + " is not in the preview: " + preview);
    }

    private String token(EnumSet<Role> roles, Long organisation) {
        String username = "run-" + UUID.randomUUID().toString().substring(0, 12);
        var user = users.create(new Users.NewUser(username, "Runs " + username, "long enough password", roles,
                organisation), admin());
        return tokens.create(user.id(), "invoice runs", admin());
    }
}

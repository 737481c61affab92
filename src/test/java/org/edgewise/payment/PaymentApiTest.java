package org.edgewise.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;

import org.edgewise.Http;
import org.edgewise.MasterTest;
import org.edgewise.access.Role;
import org.edgewise.document.DocumentEngine;
import org.edgewise.party.Users;
import org.edgewise.payment.PaymentFixtures.Invoice;
import org.edgewise.security.ApiTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

/** Billing staff register payments over HTTP; a customer lists only their own. */
class PaymentApiTest extends MasterTest {

    @LocalServerPort
    int port;

    @Autowired
    PaymentFixtures billing;

    @Autowired
    Receivables receivables;

    @Autowired
    DocumentEngine engine;

    @Autowired
    Users users;

    @Autowired
    ApiTokens tokens;

    @Test
    void billingStaffRegisterAPaymentThatPaysTheCustomerAndOnlyThatCustomerSeesIt() {
        Http http = new Http(port);
        String reference = PaymentFixtures.uniqueReference();
        long customer = billing.customer(reference);
        long other = billing.customer(PaymentFixtures.uniqueReference());
        Invoice invoice = billing.issuedInvoice(customer, "EUR", "60.00", receivables.today().minusDays(5));
        String billingToken = token(EnumSet.of(Role.BILLING), null);

        Http.Response registered = http.post("/api/v1/payments", billingToken, Map.of("amount", 60, "currency", "EUR",
                "receivedOn", receivables.today().toString(), "reference", "Order 77 " + reference.toLowerCase()));
        Http.Response refused = http.post("/api/v1/payments", token(EnumSet.of(Role.CUSTOMER), customer),
                Map.of("amount", 60, "currency", "EUR", "receivedOn", receivables.today().toString()));
        Http.Response future = http.post("/api/v1/payments", billingToken, Map.of("amount", 60, "currency", "EUR",
                "receivedOn", LocalDate.of(2999, 1, 1).toString()));

        assertThat(registered.status()).as(registered.body()).isEqualTo(200);
        JsonNode payment = registered.json();
        assertThat(payment.path("state").asText()).isEqualTo(PaymentWorkflows.MATCHED);
        assertThat(payment.path("customer").asText()).isEqualTo(engine.get(customer, admin()).reference());
        assertThat(payment.path("allocated").decimalValue()).isEqualByComparingTo("60");
        assertThat(payment.path("unallocated").decimalValue()).isEqualByComparingTo("0");
        assertThat(billing.state(invoice.id())).isEqualTo(InvoiceStates.PAID);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.json().path("detail").asText()).contains("after today");

        Http.Response own = http.get("/api/v1/payments", token(EnumSet.of(Role.CUSTOMER), customer));
        Http.Response others = http.get("/api/v1/payments", token(EnumSet.of(Role.CUSTOMER), other));
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json()).extracting(p -> p.path("reference").asText())
                .containsExactly(payment.path("reference").asText());
        assertThat(others.json()).isEmpty();
    }

    private String token(EnumSet<Role> roles, Long organisation) {
        String username = "pay-" + UUID.randomUUID().toString().substring(0, 12);
        var user = users.create(new Users.NewUser(username, "Payments " + username, "long enough password", roles,
                organisation), admin());
        return tokens.create(user.id(), "payments", admin());
    }
}

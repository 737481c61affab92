package org.edgewise.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.edgewise.Fixtures;
import org.edgewise.Http;
import org.edgewise.MasterTest;
import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.catalog.Catalog;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.party.Users;
import org.edgewise.security.ApiTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.ObjectMapper;

class OrderApiTest extends MasterTest {

    private static final Actor ADMIN = new Actor("ada", EnumSet.of(Role.ADMIN), null);

    @Autowired
    Catalog catalog;

    @Autowired
    DocumentEngine engine;

    @Autowired
    Fixtures fixtures;

    @Autowired
    Users users;

    @Autowired
    ApiTokens tokens;

    @Autowired
    ObjectMapper json;

    @LocalServerPort
    int port;

    private String customerToken(long organisation) {
        String username = "shop-" + UUID.randomUUID().toString().substring(0, 12);
        Document user = users.create(new Users.NewUser(username, "Shopper " + username, "long enough password",
                EnumSet.of(Role.CUSTOMER), organisation), ADMIN);
        return tokens.create(user.id(), "orders", ADMIN);
    }

    /** A published product whose release declares a greeting of at most 40 characters. */
    private String product() throws Exception {
        String name = "Greeter " + UUID.randomUUID().toString().substring(0, 8);
        Document product = catalog.createProduct(name, "Says hello", ADMIN);
        Document release = catalog.createRelease(new Catalog.NewRelease(product.id(), "file:/releases/"
                + UUID.randomUUID(), "2.0", List.of("default"), null, json.readTree("""
                {"default": {"type": "object", "additionalProperties": false, "properties": {
                  "greeting": {"type": "string", "title": "Greeting", "default": "Hello", "maxLength": 40}}}}
                """)), ADMIN);
        engine.apply(release.id(), "publish", ADMIN, null);
        return name;
    }

    @Test
    void anOrderWhoseParameterTheSchemaRefusesIsA400NamingTheFieldAndNothingIsOrdered() throws Exception {
        String product = product();
        String token = customerToken(fixtures.organisation());
        Http http = new Http(port);

        var refused = http.post("/api/v1/orders", token, Map.of("services", List.of(Map.of("product", product,
                "title", "too-long", "parameters", Map.of("greeting", "x".repeat(41))))));
        var unknown = http.post("/api/v1/orders", token, Map.of("services", List.of(Map.of("product", product,
                "title", "typo", "parameters", Map.of("greting", "Hi")))));
        var none = http.get("/api/v1/orders", token);

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().at("/errors/0/field").asText()).isEqualTo("services[0].parameters.greeting");
        assertThat(refused.json().get("detail").asText()).isEqualTo("Greeting: must be at most 40 characters");
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(400);
        assertThat(unknown.json().at("/errors/0/field").asText()).startsWith("services[0].parameters");
        assertThat(none.json()).isEmpty();
    }

    @Test
    void anOrderByProductNameIsConfirmedWithTheSchemasDefaultsAndShowsTheServiceItBecame() throws Exception {
        String product = product();
        String token = customerToken(fixtures.organisation());
        Http http = new Http(port);

        var ordered = http.post("/api/v1/orders", token, Map.of("services", List.of(Map.of("product", product,
                "title", "greeter"))));

        assertThat(ordered.status()).as(ordered.body()).isEqualTo(201);
        assertThat(ordered.json().get("state").asText()).isEqualTo("confirmed");
        String tree = ordered.json().at("/lines/0/tree").asText();
        assertThat(tree).startsWith("TREE-");
        var shown = http.get("/api/v1/trees/" + tree, token);
        assertThat(shown.json().at("/root/parameters/greeting").asText()).isEqualTo("Hello");
        var listed = http.get("/api/v1/orders", token);
        assertThat(listed.json().get(0).get("reference").asText()).isEqualTo(ordered.json().get("reference").asText());
    }
}

package org.edgewise.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.edgewise.Http;
import org.edgewise.MasterTest;
import org.edgewise.document.ValidationException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A release's parameter schema decides what a request's parameters may be: defaults fill what is absent,
 * and each kind of wrong value is refused with a sentence naming the field by its title.
 */
class ParameterSchemasTest extends MasterTest {

    static final String SCHEMAS = """
            {"default": {
              "type": "object",
              "required": ["size"],
              "additionalProperties": false,
              "properties": {
                "greeting": {"type": "string", "title": "Greeting", "default": "Hello", "minLength": 2, "maxLength": 40},
                "replicas": {"type": "integer", "title": "Replicas", "default": 1, "minimum": 1, "maximum": 5},
                "size": {"type": "string", "title": "Size", "enum": ["small", "large"]},
                "code": {"type": "string", "title": "Code", "pattern": "^[a-z]+$", "description": "lower-case letters"},
                "domain": {"type": "string", "title": "Domain", "pattern": "^[a-z.]+$",
                           "x-pattern-message": "must be a domain name such as shop.example.com"},
                "tls": {"type": "boolean", "title": "TLS"}
              }
            }}""";

    @Autowired
    Catalog catalog;

    @Autowired
    ParameterSchemas schemas;

    @Autowired
    ObjectMapper json;

    @LocalServerPort
    int port;

    private long releaseWith(String schemasJson) throws Exception {
        var product = catalog.createProduct(unique("Schema"), null, operator());
        JsonNode declared = schemasJson == null ? null : json.readTree(schemasJson);
        return catalog.createRelease(new Catalog.NewRelease(product.id(), "file:/releases/" + unique("s").replace(' ', '-'),
                "1", List.of("default", "worker"), null, declared), operator()).id();
    }

    private JsonNode object(String text) throws Exception {
        return json.readTree(text);
    }

    @Test
    void theSchemasDefaultsFillWhatTheRequestLeavesOut() throws Exception {
        long release = releaseWith(SCHEMAS);

        JsonNode checked = schemas.check(release, "default", object("{\"size\": \"small\", \"replicas\": 3}"));

        assertThat(checked).isEqualTo(object("{\"size\": \"small\", \"replicas\": 3, \"greeting\": \"Hello\"}"));
        assertThat(schemas.schema(release, "default")).isPresent();
        assertThat(schemas.schema(release, "worker")).isEmpty();
    }

    @Test
    void eachKindOfWrongValueIsRefusedWithASentenceNamingTheFieldsTitle() throws Exception {
        long release = releaseWith(SCHEMAS);
        Map<String, List<String>> cases = Map.ofEntries(
                Map.entry("{\"size\": \"small\", \"greeting\": \"" + "x".repeat(41) + "\"}",
                        List.of("parameters.greeting", "Greeting: must be at most 40 characters")),
                Map.entry("{\"size\": \"small\", \"greeting\": \"x\"}",
                        List.of("parameters.greeting", "Greeting: must be at least 2 characters")),
                Map.entry("{\"size\": \"small\", \"greeting\": 3}",
                        List.of("parameters.greeting", "Greeting: must be text")),
                Map.entry("{\"size\": \"small\", \"replicas\": 1.5}",
                        List.of("parameters.replicas", "Replicas: must be a whole number")),
                Map.entry("{\"size\": \"small\", \"replicas\": 0}",
                        List.of("parameters.replicas", "Replicas: must be at least 1")),
                Map.entry("{\"size\": \"small\", \"replicas\": 6}",
                        List.of("parameters.replicas", "Replicas: must be at most 5")),
                Map.entry("{}", List.of("parameters.size", "Size: is required")),
                Map.entry("{\"size\": \"medium\"}", List.of("parameters.size", "Size: must be one of small, large")),
                Map.entry("{\"size\": \"small\", \"code\": \"ABC\"}",
                        List.of("parameters.code", "Code: does not have the expected form (lower-case letters)")),
                Map.entry("{\"size\": \"small\", \"domain\": \"shop_1\"}",
                        List.of("parameters.domain", "Domain: must be a domain name such as shop.example.com")),
                Map.entry("{\"size\": \"small\", \"tls\": \"yes\"}", List.of("parameters.tls", "TLS: must be true or false")),
                Map.entry("{\"size\": \"small\", \"colour\": \"red\"}", List.of("parameters.colour",
                        "colour: is not a parameter of this software type; it takes greeting, replicas, size, code, "
                                + "domain, tls")));

        cases.forEach((parameters, expected) -> assertThatThrownBy(() -> schemas.check(release, "default",
                object(parameters)))
                .as(parameters)
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo(expected.get(0)))
                .hasMessage(expected.get(1)));
    }

    @Test
    void aFormGetsEveryProblemAtOnce() throws Exception {
        long release = releaseWith(SCHEMAS);

        Map<String, String> problems = schemas.problems(release, "default",
                object("{\"greeting\": \"x\", \"replicas\": 9, \"tls\": true}"));

        assertThat(problems).containsExactlyInAnyOrderEntriesOf(Map.of(
                "greeting", "Greeting: must be at least 2 characters",
                "replicas", "Replicas: must be at most 5",
                "size", "Size: is required"));
        assertThat(schemas.problems(release, "default", object("{\"size\": \"large\"}"))).isEmpty();
    }

    @Test
    void aReleaseWithoutASchemaTakesAnyObjectUnchanged() throws Exception {
        long release = releaseWith(null);
        JsonNode anything = object("{\"whatever\": [1, 2], \"greeting\": \"" + "x".repeat(100) + "\"}");

        assertThat(schemas.check(release, "default", anything)).isEqualTo(anything);
        assertThat(schemas.problems(release, "default", anything)).isEmpty();
        assertThatThrownBy(() -> schemas.check(release, "default", object("[1]")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("parameters"));
    }

    @Test
    void aSchemaThatIsNoValidJsonSchemaIsRefusedWithTheReason() {
        Map<String, String> cases = Map.of(
                "{\"default\": \"text\"}", "is not a JSON Schema: it must be a JSON object",
                "{\"default\": {\"type\": \"array\"}}", "must describe one JSON object",
                "{\"default\": {\"type\": \"object\", \"required\": \"size\"}}",
                        "is not a valid JSON Schema: /required: string found, array expected",
                "{\"default\": {\"properties\": {\"n\": {\"minimum\": \"ten\"}}}}", "/properties/n/minimum",
                "{\"default\": {\"properties\": {\"n\": {\"pattern\": \"([\"}}}}", "is not a valid JSON Schema",
                "{\"default\": {\"properties\": {\"n\": {\"type\": \"integer\", \"default\": \"ten\", \"title\": \"N\"}}}}",
                        "has a default its own property refuses: N: must be a whole number",
                "{\"default\": {\"$schema\": \"https://example.com/my-draft\"}}", "use draft 2020-12",
                "[1]", "Parameter schemas are one JSON object");

        cases.forEach((declared, expected) -> assertThatThrownBy(() -> releaseWith(declared))
                .as(declared)
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("parameterSchemas"))
                .hasMessageContaining(expected));
    }

    @Test
    void theApiRefusesATreeWhoseParameterTheSchemaRefusesAndStoresTheDefaultsOfOneItTakes() throws Exception {
        Http http = new Http(port);
        var product = http.post("/api/v1/products", ADMIN_API_TOKEN, Map.of("name", unique("Api schema")));
        String url = "file:/releases/" + unique("api").replace(' ', '-');
        var release = http.post("/api/v1/releases", ADMIN_API_TOKEN, Map.of("product",
                product.json().get("reference").asText(), "url", url, "version", "1", "parameterSchemas",
                json.readTree(SCHEMAS)));
        assertThat(release.status()).as(release.body()).isEqualTo(200);
        String title = unique("greeter");

        var refused = http.post("/api/v1/trees", ADMIN_API_TOKEN, Map.of("title", title, "releaseUrl", url,
                "parameters", Map.of("size", "small", "greeting", "x".repeat(41))));
        var taken = http.post("/api/v1/trees", ADMIN_API_TOKEN, Map.of("title", title, "releaseUrl", url,
                "parameters", Map.of("size", "large")));

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().at("/errors/0/field").asText()).isEqualTo("parameters.greeting");
        assertThat(refused.json().get("detail").asText()).isEqualTo("Greeting: must be at most 40 characters");
        assertThat(taken.status()).as(taken.body()).isEqualTo(200);
        assertThat(taken.json().at("/root/parameters")).isEqualTo(json.readTree(
                "{\"size\": \"large\", \"greeting\": \"Hello\", \"replicas\": 1}"));
    }
}

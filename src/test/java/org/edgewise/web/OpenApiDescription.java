package org.edgewise.web;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.edgewise.Http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The HTTP operations the running Master describes at {@code /v3/api-docs}, with their parameters and
 * request body schemas, references into {@code components} followed. The API suites are generated from
 * it, so an endpoint added to a controller is covered (or reported as missing from their tables) at once.
 */
final class OpenApiDescription {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    record Parameter(String name, String in, boolean required, JsonNode schema) {

        boolean isNumeric() {
            String type = schema.path("type").asText();
            return type.equals("integer") || type.equals("number");
        }
    }

    /** One operation: {@code POST /api/v1/trees}. {@code body} is the resolved schema, or null without a body. */
    record Operation(String method, String path, List<Parameter> parameters, JsonNode body, boolean bodyRequired) {

        String key() {
            return method + " " + path;
        }
    }

    private final JsonNode document;
    private final List<Operation> operations = new ArrayList<>();

    private OpenApiDescription(JsonNode document) {
        this.document = document;
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation != null) {
                    operations.add(operation(method.toUpperCase(), path.getKey(), operation));
                }
            }
        }
    }

    static OpenApiDescription of(Http http) {
        Http.Response response = http.get("/v3/api-docs", null);
        if (response.status() != 200) {
            throw new AssertionError("/v3/api-docs answered " + response.status() + ": " + response.body());
        }
        return new OpenApiDescription(response.json());
    }

    List<Operation> operations() {
        return operations;
    }

    Set<String> keys() {
        Set<String> keys = new TreeSet<>();
        operations.forEach(o -> keys.add(o.key()));
        return keys;
    }

    /**
     * A test that fails unless the suite covers exactly the operations of /v3/api-docs, naming those it
     * lacks ({@code lacking}: what they lack) and those it lists that are gone.
     */
    org.junit.jupiter.api.DynamicTest coveredExactlyBy(Set<String> covered, String lacking) {
        return org.junit.jupiter.api.DynamicTest.dynamicTest("every operation of /v3/api-docs is covered, and only those",
                () -> {
                    Set<String> missing = new TreeSet<>(keys());
                    missing.removeAll(covered);
                    Set<String> gone = new TreeSet<>(covered);
                    gone.removeAll(keys());
                    if (!missing.isEmpty() || !gone.isEmpty()) {
                        org.junit.jupiter.api.Assertions.fail("Operations without " + lacking + ": " + missing
                                + "; covered but not in /v3/api-docs: " + gone);
                    }
                });
    }

    Operation operation(String key) {
        return operations.stream().filter(o -> o.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError(key + " is not in /v3/api-docs"));
    }

    /** The schema itself, or the component a {@code $ref} points to (transitively). */
    JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int depth = 0; current != null && current.has("$ref"); depth++) {
            if (depth > 20) {
                throw new AssertionError("A cycle of $ref at " + schema);
            }
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new AssertionError("Only local references are followed: " + ref);
            }
            current = document.at(ref.substring(1));
            if (current.isMissingNode()) {
                throw new AssertionError("Dangling reference " + ref);
            }
        }
        return current;
    }

    private Operation operation(String method, String path, JsonNode operation) {
        List<Parameter> parameters = new ArrayList<>();
        for (JsonNode p : operation.path("parameters")) {
            JsonNode parameter = resolve(p);
            parameters.add(new Parameter(parameter.path("name").asText(), parameter.path("in").asText(),
                    parameter.path("required").asBoolean(false), resolve(parameter.path("schema"))));
        }
        JsonNode requestBody = resolve(operation.get("requestBody"));
        JsonNode body = null;
        if (requestBody != null) {
            JsonNode json = requestBody.path("content").path("application/json").path("schema");
            if (json.isMissingNode()) {
                throw new AssertionError(method + " " + path + " takes a body that is not application/json: " + requestBody);
            }
            body = resolve(json);
        }
        return new Operation(method, path, List.copyOf(parameters), body,
                requestBody != null && requestBody.path("required").asBoolean(false));
    }
}

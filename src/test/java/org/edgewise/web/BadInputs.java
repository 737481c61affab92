package org.edgewise.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;

/**
 * The bad inputs of one operation, generated from its description: for every field of its body schema
 * (nested objects, list elements and map entries included) and for every path and query parameter, one
 * case per kind of bad value, each changing one thing of a valid base request.
 *
 * <p>Numbers: past a 32-bit integer, or past the schema's maximum when it declares a higher one.
 *
 * <p>Sizes: a string past the schema's maxLength when it declares one, else {@value #OVERSIZE_STRING}
 * characters (about 100 KB, under the APIs' 256 KiB body limit, so that the Master's own check of the field
 * is reached rather than the body limit); a list past maxItems, else {@value #OVERSIZE_LIST} items; a path or
 * query parameter of {@value #OVERSIZE_PARAMETER} characters.
 */
final class BadInputs {

    static final int OVERSIZE_STRING = 100_001;
    static final int OVERSIZE_LIST = 10_001;
    static final int OVERSIZE_PARAMETER = 2_000;
    /** A list of copies of a base element is used for an oversize list only while it stays this small. */
    private static final int LIST_BUDGET = 150_000;

    /** Every character past ASCII, lone surrogates included, is sent as a JSON escape ({@code \ud800}). */
    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * One bad request: {@code change} turns a valid base request into it. {@code names} are the JSON names
     * of which the refusal's detail must give one (none for parameters); {@code mayBeAccepted} marks the
     * cases the Master may as well accept (an optional field left out or null).
     */
    record Case(String label, UnaryOperator<ApiCall> change, Set<String> names, boolean mayBeAccepted) { }

    /** What the test states of an operation's body beyond its schema. */
    record Rules(Set<String> optional, Set<String> keptInPart) {

        boolean isOptional(String field) {
            return optional.contains(field);
        }
    }

    private BadInputs() {
    }

    static String write(JsonNode value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    /** The cases of every field of the body, for a body schema already resolved and a sample base body. */
    static List<Case> body(OpenApiDescription api, JsonNode schema, JsonNode base, Rules rules) {
        List<Case> cases = new ArrayList<>();
        walkObject(api, schema, base, List.of(), rules, cases);
        return cases;
    }

    /** The body as a whole: a list where an object belongs, and no body at all when one is required. */
    static List<Case> wholeBody(boolean required) {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("body: a list for the object", call -> call.bodyText("[{}]"), Set.of(), false));
        if (required) {
            cases.add(new Case("body: missing", call -> call.bodyText(null), Set.of(), false));
        }
        return cases;
    }

    /** The cases of every path and query parameter, for a base call giving each its valid value. */
    static List<Case> parameters(OpenApiDescription.Operation operation, ApiCall base) {
        List<Case> cases = new ArrayList<>();
        for (OpenApiDescription.Parameter p : operation.parameters()) {
            if (p.in().equals("path")) {
                String valid = base.path().get(p.name());
                cases.add(pathCase(p.name(), "NUL (%00)", valid + "%00"));
                cases.add(pathCase(p.name(), "an encoded slash (%2F)", valid + "%2Fx"));
                cases.add(pathCase(p.name(), OVERSIZE_PARAMETER + " characters", pad(valid, OVERSIZE_PARAMETER)));
            } else if (p.in().equals("query")) {
                String valid = base.query().getOrDefault(p.name(), "");
                cases.add(queryCase(p.name(), "NUL (%00)", valid + "%00"));
                cases.add(queryCase(p.name(), OVERSIZE_PARAMETER + " characters", pad(valid, OVERSIZE_PARAMETER)));
                if (p.isNumeric()) {
                    cases.add(queryCase(p.name(), "a word for a number", "ten"));
                    cases.add(queryCase(p.name(), "1.5 for an integer", "1.5"));
                    cases.add(queryCase(p.name(), "2147483648", "2147483648"));
                    cases.add(queryCase(p.name(), "-1", "-1"));
                }
                if (p.required()) {
                    cases.add(queryCase(p.name(), "missing", null));
                }
            }
        }
        return cases;
    }

    private static Case pathCase(String name, String what, String encoded) {
        return new Case("path {" + name + "}: " + what, call -> call.withEncoded(name, encoded), Set.of(), false);
    }

    private static Case queryCase(String name, String what, String encoded) {
        return new Case("query " + name + ": " + what, call -> call.queryEncoded(name, encoded), Set.of(), false);
    }

    private static String pad(String valid, int length) {
        StringBuilder s = new StringBuilder(valid);
        while (s.length() < length) {
            s.append('x');
        }
        return s.toString();
    }

    private static void walkObject(OpenApiDescription api, JsonNode schema, JsonNode base, List<Object> at, Rules rules,
            List<Case> cases) {
        Set<String> required = new LinkedHashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> property = it.next();
            List<Object> path = append(at, property.getKey());
            String field = label(path).replaceAll("\\[\\d+]", "[]");
            boolean optional = rules.isOptional(field) && !required.contains(property.getKey());
            Set<String> names = Set.of(property.getKey());
            cases.add(set(path, "null", NODES.nullNode(), names, optional));
            cases.add(new Case(label(path) + ": missing", call -> change(call, path, null), names, optional));
            JsonNode value = base == null ? null : base.get(property.getKey());
            walkValue(api, api.resolve(property.getValue()), value, path, names, rules.keptInPart().contains(field),
                    rules, cases);
        }
    }

    /** The cases of one value (a property, a list element or a map entry), null and missing aside. */
    private static void walkValue(OpenApiDescription api, JsonNode schema, JsonNode base, List<Object> path,
            Set<String> names, boolean keptInPart, Rules rules, List<Case> cases) {
        String type = schema.path("type").asText();
        switch (type) {
            case "string" -> stringCases(schema, base, path, names, keptInPart, cases, true);
            case "integer", "number" -> {
                cases.add(set(path, "a word for a number", NODES.textNode("ten"), names, false));
                cases.add(set(path, "an object for a number", NODES.objectNode(), names, false));
                cases.add(set(path, "1e999999", NODES.rawValueNode(new RawValue("1e999999")), names, false));
                cases.add(set(path, "-1", NODES.numberNode(-1), names, false));
                cases.add(beyondMaximum(schema, path, names));
                if (type.equals("integer")) {
                    cases.add(set(path, "1.5 for an integer", NODES.numberNode(1.5), names, false));
                }
            }
            case "boolean" -> {
                cases.add(set(path, "a word for a boolean", NODES.textNode("yes"), names, false));
                cases.add(set(path, "a number for a boolean", NODES.numberNode(1), names, false));
            }
            case "array" -> arrayCases(api, schema, base, path, names, rules, cases);
            case "object" -> objectCases(api, schema, base, path, names, rules, cases);
            case "" -> {
                // any JSON value is welcome; only its strings can be bad
                if (base != null && base.isTextual()) {
                    stringCases(schema, base, path, names, keptInPart, cases, false);
                }
            }
            default -> throw new AssertionError("No bad inputs known for type " + type + " at " + label(path));
        }
    }

    /**
     * A number past a 32-bit integer, or past the schema's maximum when that is higher (a quantity of bytes may
     * well be 2147483648).
     */
    private static Case beyondMaximum(JsonNode schema, List<Object> path, Set<String> names) {
        BigDecimal intOverflow = BigDecimal.valueOf(2147483648L);
        BigDecimal beyond = schema.has("maximum") ? schema.get("maximum").decimalValue().add(BigDecimal.ONE).max(intOverflow)
                : intOverflow;
        return set(path, beyond.toPlainString(), NODES.numberNode(beyond), names, false);
    }

    private static void stringCases(JsonNode schema, JsonNode base, List<Object> path, Set<String> names,
            boolean keptInPart, List<Case> cases, boolean typed) {
        String valid = base != null && base.isTextual() ? base.asText() : "x";
        cases.add(set(path, "NUL in a string", NODES.textNode(valid + "\u0000"), names, false));
        cases.add(set(path, "a lone surrogate", NODES.textNode(valid + "\ud800"), names, false));
        if (typed) {
            cases.add(set(path, "a number for a string", NODES.numberNode(42), names, false));
            cases.add(set(path, "an object for a string", NODES.objectNode(), names, false));
        }
        int length = schema.has("maxLength") ? schema.get("maxLength").asInt() + 1 : OVERSIZE_STRING;
        cases.add(set(path, length + " characters", NODES.textNode(pad(valid, length)), names, keptInPart));
    }

    private static void arrayCases(OpenApiDescription api, JsonNode schema, JsonNode base, List<Object> path,
            Set<String> names, Rules rules, List<Case> cases) {
        JsonNode items = api.resolve(schema.path("items"));
        cases.add(set(path, "a string for a list", NODES.textNode("x"), names, false));
        cases.add(set(path, "an object for a list", NODES.objectNode(), names, false));
        int size = schema.has("maxItems") ? schema.get("maxItems").asInt() + 1 : OVERSIZE_LIST;
        cases.add(set(path, size + " items", oversizeList(items, base, size), names, false));
        ArrayNode withNull = base != null && base.isArray() ? ((ArrayNode) base).deepCopy() : NODES.arrayNode();
        withNull.addNull();
        cases.add(set(path, "a null element", withNull, names, false));
        if (base != null && base.isArray() && !base.isEmpty()) {
            List<Object> first = append(path, 0);
            String itemType = items.path("type").asText();
            if (itemType.equals("object") || items.has("properties")) {
                walkObject(api, items, base.get(0), first, rules, cases);
            } else if (itemType.equals("string")) {
                stringCases(items, base.get(0), first, names, false, cases, true);
            }
        }
    }

    private static void objectCases(OpenApiDescription api, JsonNode schema, JsonNode base, List<Object> path,
            Set<String> names, Rules rules, List<Case> cases) {
        cases.add(set(path, "a list for an object", NODES.arrayNode().add("x"), names, false));
        cases.add(set(path, "a string for an object", NODES.textNode("x"), names, false));
        if (schema.has("properties")) {
            walkObject(api, schema, base, path, rules, cases);
            return;
        }
        if (base == null || !base.isObject()) {
            return;
        }
        // a map: every entry of the base is a field named by its key
        JsonNode values = api.resolve(schema.path("additionalProperties"));
        boolean typed = values != null && values.path("type").asText().equals("string");
        for (Iterator<String> keys = base.fieldNames(); keys.hasNext();) {
            String key = keys.next();
            if (!base.get(key).isTextual()) {
                continue;
            }
            List<Object> entry = append(path, key);
            Set<String> entryNames = new LinkedHashSet<>(names);
            entryNames.add(key);
            if (typed) {
                cases.add(set(entry, "null", NODES.nullNode(), entryNames, false));
            }
            stringCases(values == null ? NODES.objectNode() : values, base.get(key), entry, entryNames, false, cases,
                    typed);
        }
    }

    private static JsonNode oversizeList(JsonNode items, JsonNode base, int size) {
        ArrayNode list = NODES.arrayNode();
        String itemType = items.path("type").asText();
        JsonNode sample = base != null && base.isArray() && !base.isEmpty() ? base.get(0) : null;
        boolean copies = sample != null && write(sample).length() * (long) size < LIST_BUDGET;
        for (int i = 0; i < size; i++) {
            if (itemType.equals("string")) {
                list.add("item" + i);
            } else if (copies) {
                list.add(sample.deepCopy());
            } else if (itemType.equals("object") || items.has("properties")) {
                list.addObject();
            } else {
                list.add(i);
            }
        }
        return list;
    }

    private static Case set(List<Object> path, String what, JsonNode value, Set<String> names, boolean mayBeAccepted) {
        return new Case(label(path) + ": " + what, call -> change(call, path, value), names, mayBeAccepted);
    }

    /** The call with its body changed at {@code path}: set to {@code value}, or removed when it is null. */
    private static ApiCall change(ApiCall call, List<Object> path, JsonNode value) {
        JsonNode body = read(call.body());
        JsonNode parent = body;
        for (Object step : path.subList(0, path.size() - 1)) {
            parent = step instanceof Integer i ? parent.get(i) : parent.get((String) step);
        }
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer i) {
            if (value == null) {
                ((ArrayNode) parent).remove(i);
            } else {
                ((ArrayNode) parent).set(i, value);
            }
        } else if (value == null) {
            ((ObjectNode) parent).remove((String) last);
        } else {
            ((ObjectNode) parent).set((String) last, value);
        }
        return call.bodyText(write(body));
    }

    private static List<Object> append(List<Object> path, Object step) {
        List<Object> longer = new ArrayList<>(path);
        longer.add(step);
        return List.copyOf(longer);
    }

    static String label(List<Object> path) {
        StringBuilder s = new StringBuilder();
        for (Object step : path) {
            if (step instanceof Integer i) {
                s.append('[').append(i).append(']');
            } else {
                s.append(s.length() == 0 ? "" : ".").append(step);
            }
        }
        return s.toString();
    }
}

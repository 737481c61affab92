package org.edgewise.catalog;

import static org.edgewise.jooq.Tables.SOFTWARE_RELEASE;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.edgewise.document.ValidationException;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;

/**
 * The parameters a release declares per software type, as a JSON Schema in its {@code release.json}: every
 * request is checked against it, with the schema's defaults filled in, and the forms are drawn from it. A
 * release (or software type) without a schema takes any JSON object.
 *
 * <p>The schemas are read from the database at each check, so that every Master sees a release's schemas
 * as soon as they are read again; what is kept per release and type is only the compiled schema, recompiled
 * when the stored one differs.
 */
@Service
public class ParameterSchemas {

    /** A JSON Schema without {@code $schema} is read as draft 2020-12; these drafts ship with the validator. */
    static final List<String> DIALECTS = List.of("https://json-schema.org/draft/2020-12/schema",
            "https://json-schema.org/draft/2019-09/schema", "http://json-schema.org/draft-07/schema#",
            "http://json-schema.org/draft-07/schema");
    /** A property's own sentence for a value that does not match its pattern, e.g. "must be a domain name". */
    public static final String PATTERN_MESSAGE = "x-pattern-message";

    private record Key(long releaseId, String softwareType) { }

    private record Compiled(JsonNode source, Schema schema) { }

    /** One problem: the top-level property it is about ("" for the object as a whole) and a sentence. */
    private record Problem(String property, String message) { }

    private final DSLContext db;
    private final ObjectMapper json;
    private final SchemaRegistry registry;
    private final ConcurrentMap<Key, Compiled> compiled = new ConcurrentHashMap<>();

    ParameterSchemas(DSLContext db, ObjectMapper json) {
        this.db = db;
        this.json = json;
        Dialect draft202012 = Dialect.builder(Dialects.getDraft202012())
                .keyword(new NonValidationKeyword(PATTERN_MESSAGE)).build();
        this.registry = SchemaRegistry.withDefaultDialect(draft202012, builder -> builder
                // a schema is the release's own: it is never completed from the network
                .schemaLoader(loader -> loader.fetchRemoteResources(false))
                .schemaRegistryConfig(SchemaRegistryConfig.builder().locale(Locale.ENGLISH).build()));
    }

    /** The JSON Schema of a release's software type's parameters (from its release.json), if it declares one. */
    public Optional<JsonNode> schema(long releaseId, String softwareType) {
        JsonNode all = parsed(db.select(SOFTWARE_RELEASE.PARAMETER_SCHEMAS).from(SOFTWARE_RELEASE)
                .where(SOFTWARE_RELEASE.ID.eq(releaseId)).fetchOptional(SOFTWARE_RELEASE.PARAMETER_SCHEMAS).orElse(null));
        return all == null ? Optional.empty() : Optional.ofNullable(all.get(softwareType));
    }

    /** The schemas as stored: their JSON text, properties in the order the release wrote them. */
    static String stored(JsonNode schemas) {
        return schemas == null ? null : schemas.toString();
    }

    JsonNode parsed(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return json.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored parameter schemas do not parse", e);
        }
    }

    /**
     * Validated parameters with the schema's defaults filled in for absent properties; a release without a
     * schema takes any JSON object unchanged.
     *
     * @throws ValidationException naming {@code parameters.<property>} (or {@code parameters} for the object
     *         as a whole) with the problem for a person, naming the field's title
     */
    public JsonNode check(long releaseId, String softwareType, JsonNode parameters) {
        requireObject(parameters);
        Optional<JsonNode> schema = schema(releaseId, softwareType);
        if (schema.isEmpty()) {
            return parameters;
        }
        ObjectNode filled = withDefaults(schema.get(), parameters);
        List<Problem> problems = validate(releaseId, softwareType, schema.get(), filled);
        if (!problems.isEmpty()) {
            Problem first = problems.get(0);
            throw new ValidationException(first.property().isEmpty() ? "parameters" : "parameters." + first.property(),
                    first.message());
        }
        return filled;
    }

    /** Every problem at once, for forms: property name ("" for the whole object) -> message. */
    public Map<String, String> problems(long releaseId, String softwareType, JsonNode parameters) {
        Map<String, String> byProperty = new LinkedHashMap<>();
        if (parameters == null || !parameters.isObject()) {
            byProperty.put("", notAnObject());
            return byProperty;
        }
        schema(releaseId, softwareType).ifPresent(schema -> validate(releaseId, softwareType, schema,
                withDefaults(schema, parameters)).forEach(p -> byProperty.putIfAbsent(p.property(), p.message())));
        return byProperty;
    }

    /**
     * Refuses what cannot be a software type's parameter schema: not a JSON object, not for an object, not
     * valid against its JSON Schema draft, a draft the validator does not ship, or a default its own property
     * refuses. Nothing is fetched from the network to decide.
     *
     * @param field the field named when it is refused
     */
    void requireValid(String field, String softwareType, JsonNode schema) {
        String what = "The parameter schema of software type \"" + softwareType + "\"";
        if (schema == null || !schema.isObject()) {
            throw new ValidationException(field, what + " is not a JSON Schema: it must be a JSON object, e.g. "
                    + "{\"type\": \"object\", \"properties\": {…}}.");
        }
        JsonNode type = schema.get("type");
        if (type != null && !(type.isTextual() && type.asText().equals("object"))) {
            throw new ValidationException(field, what + " must describe one JSON object (\"type\": \"object\"), not "
                    + type + ".");
        }
        String dialect = schema.path("$schema").asText(DIALECTS.get(0));
        if (!DIALECTS.contains(dialect)) {
            throw new ValidationException(field, what + " declares \"$schema\": \"" + dialect + "\"; use draft 2020-12 "
                    + "(or leave \"$schema\" out), 2019-09 or 07.");
        }
        List<com.networknt.schema.Error> wrong = registry.getSchema(SchemaLocation.of(dialect))
                .validate(schema.toString(), InputFormat.JSON);
        if (!wrong.isEmpty()) {
            throw new ValidationException(field, what + " is not a valid JSON Schema: " + wrong.stream().limit(3)
                    .map(e -> (e.getInstanceLocation().getNameCount() == 0 ? "" : e.getInstanceLocation() + ": ")
                            + e.getMessage())
                    .collect(Collectors.joining("; ")) + ".");
        }
        Schema compiledSchema;
        try {
            compiledSchema = compile(schema);
        } catch (SchemaException e) {
            throw new ValidationException(field, what + " is not a valid JSON Schema: " + e.getMessage() + ".");
        }
        ObjectNode defaults = withDefaults(schema, json.createObjectNode());
        List<Problem> refused = problemsWith(schema, compiledSchema, defaults).stream()
                .filter(p -> !p.property().isEmpty() && defaults.has(p.property())).toList();
        if (!refused.isEmpty()) {
            throw new ValidationException(field, what + " has a default its own property refuses: "
                    + refused.get(0).message() + ".");
        }
    }

    /** The parameters given, with each absent top-level property that has a default set to that default. */
    static ObjectNode withDefaults(JsonNode schema, JsonNode parameters) {
        ObjectNode filled = parameters.deepCopy();
        schema.path("properties").fields().forEachRemaining(property -> {
            JsonNode fallback = property.getValue().get("default");
            if (fallback != null && !filled.has(property.getKey())) {
                filled.set(property.getKey(), fallback.deepCopy());
            }
        });
        return filled;
    }

    private List<Problem> validate(long releaseId, String softwareType, JsonNode schema, JsonNode parameters) {
        Key key = new Key(releaseId, softwareType);
        Compiled current = compiled.get(key);
        if (current == null || !current.source().equals(schema)) {
            current = new Compiled(schema, compile(schema));
            compiled.put(key, current);
        }
        return problemsWith(schema, current.schema(), parameters);
    }

    private Schema compile(JsonNode schema) {
        Schema compiledSchema = registry.getSchema(schema.toString(), InputFormat.JSON);
        compiledSchema.initializeValidators();
        return compiledSchema;
    }

    private List<Problem> problemsWith(JsonNode schema, Schema compiledSchema, JsonNode parameters) {
        List<Problem> problems = new ArrayList<>();
        for (com.networknt.schema.Error error : compiledSchema.validate(parameters.toString(), InputFormat.JSON)) {
            problems.add(problem(schema, error));
        }
        return problems;
    }

    /** The library's error as a sentence a person understands, naming the property by its title. */
    private Problem problem(JsonNode schema, com.networknt.schema.Error error) {
        var location = error.getInstanceLocation();
        String property = location.getNameCount() > 0 ? String.valueOf(location.getElement(0))
                : error.getProperty() == null ? "" : error.getProperty();
        JsonNode propertySchema = schema.path("properties").path(property);
        String name = property.isEmpty() ? "Parameters" : propertySchema.path("title").asText(property);
        boolean nested = location.getNameCount() > 1;
        String bound = error.getSchemaNode() == null ? "" : error.getSchemaNode().toString();
        String keyword = nested ? "" : error.getKeyword();
        String sentence = switch (keyword == null ? "" : keyword) {
            case "type" -> "must be " + typeWords(read(bound));
            case "required" -> "is required";
            case "enum" -> "must be one of " + StreamSupport.stream(read(bound).spliterator(), false)
                    .map(v -> v.isTextual() ? v.asText() : v.toString()).collect(Collectors.joining(", "));
            case "const" -> "must be " + bound;
            case "minimum" -> "must be at least " + bound;
            case "maximum" -> "must be at most " + bound;
            case "exclusiveMinimum" -> "must be more than " + bound;
            case "exclusiveMaximum" -> "must be less than " + bound;
            case "multipleOf" -> "must be a multiple of " + bound;
            case "minLength" -> bound.equals("1") ? "must not be empty" : "must be at least " + bound + " characters";
            case "maxLength" -> "must be at most " + bound + " characters";
            case "pattern" -> propertySchema.hasNonNull(PATTERN_MESSAGE) ? propertySchema.get(PATTERN_MESSAGE).asText()
                    : "does not have the expected form" + (propertySchema.hasNonNull("description")
                            ? " (" + propertySchema.get("description").asText() + ")" : "");
            case "additionalProperties" -> "is not a parameter of this software type" + known(schema);
            default -> nested ? location + " " + error.getMessage() : error.getMessage();
        };
        return new Problem(property, name + ": " + sentence);
    }

    private static String known(JsonNode schema) {
        List<String> names = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(names::add);
        return names.isEmpty() ? "; it takes none" : "; it takes " + String.join(", ", names);
    }

    private static String typeWords(JsonNode types) {
        List<String> words = new ArrayList<>();
        for (JsonNode type : types.isArray() ? types : List.of(types)) {
            words.add(switch (type.asText()) {
                case "string" -> "text";
                case "integer" -> "a whole number";
                case "number" -> "a number";
                case "boolean" -> "true or false";
                case "array" -> "a list";
                case "object" -> "an object";
                case "null" -> "empty";
                default -> type.asText();
            });
        }
        return String.join(" or ", words);
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            return json.getNodeFactory().textNode(text);
        }
    }

    private static void requireObject(JsonNode parameters) {
        if (parameters == null || !parameters.isObject()) {
            throw new ValidationException("parameters", notAnObject());
        }
    }

    private static String notAnObject() {
        return "Parameters are one JSON object in braces, e.g. {\"greeting\": \"Hello\"}.";
    }
}

package org.edgewise.instance;

import java.util.Map;

import org.edgewise.document.ValidationException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An instance's parameters as a person types them: one JSON object. A refusal says where the text went
 * wrong, so the person can correct it.
 */
final class InstanceParameters {

    static final String EXAMPLE = "{\"domain\": \"shop.example.com\"}";

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    private InstanceParameters() {
    }

    /** The parameters in {@code text}; an empty text means none. Refused with a {@link ValidationException}. */
    static Map<String, Object> parse(ObjectMapper json, String text) {
        String given = text == null || text.isBlank() ? "{}" : text;
        JsonNode node;
        try {
            node = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(given);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new ValidationException("parameters", "This is not valid JSON" + where + ": " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new ValidationException("parameters", "Parameters are one JSON object in braces, e.g. " + EXAMPLE + ".");
        }
        return json.convertValue(node, OBJECT);
    }
}

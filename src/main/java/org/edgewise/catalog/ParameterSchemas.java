package org.edgewise.catalog;

import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;

import com.fasterxml.jackson.databind.JsonNode;

/** Placeholder of the parameter schemas until they are read from release.json. */
@Service
public class ParameterSchemas {

    public Optional<JsonNode> schema(long releaseId, String softwareType) {
        return Optional.empty();
    }

    public JsonNode check(long releaseId, String softwareType, JsonNode parameters) {
        return parameters;
    }

    public Map<String, String> problems(long releaseId, String softwareType, JsonNode parameters) {
        return Map.of();
    }
}

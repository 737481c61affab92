package org.edgewise.instance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.edgewise.document.ValidationException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a request may demand of the place its instance runs. Keys:
 * <ul>
 * <li>{@code computer}: the reference of one computer (COMP-000001);</li>
 * <li>{@code region}: the computer's region (eu-west);</li>
 * <li>{@code capability}: a capability every partition used must offer (gpu, ipv6…); several
 * separated by commas must all be offered;</li>
 * <li>{@code instance}: for a shared instance, the reference of the instance that hosts it.</li>
 * </ul>
 */
record Sla(String computer, String region, List<String> capabilities, String hostInstance) {

    static final List<String> KEYS = List.of("computer", "region", "capability", "instance");
    static final int MAX_KEYS = 4;
    static final int MAX_VALUE = 200;

    static Sla parse(Map<String, String> raw) {
        Map<String, String> sla = raw == null ? Map.of() : raw;
        for (String key : sla.keySet()) {
            if (!KEYS.contains(key)) {
                throw new ValidationException("sla." + key, "Unknown SLA key \"" + key + "\". Known keys: "
                        + String.join(", ", KEYS) + ".");
            }
        }
        for (Map.Entry<String, String> e : sla.entrySet()) {
            if (e.getValue() == null || e.getValue().isBlank() || e.getValue().length() > MAX_VALUE) {
                throw new ValidationException("sla." + e.getKey(), "The SLA key \"" + e.getKey()
                        + "\" needs a value of at most " + MAX_VALUE + " characters.");
            }
        }
        List<String> capabilities = sla.containsKey("capability")
                ? List.of(sla.get("capability").split(",")).stream().map(String::strip).filter(s -> !s.isEmpty()).toList()
                : List.of();
        return new Sla(sla.get("computer"), sla.get("region"), capabilities, sla.get("instance"));
    }

    /** The SLA an instance's row holds, an object of text values as {@link #asMap} wrote it. */
    static Sla stored(JsonNode sla) {
        Map<String, String> raw = new LinkedHashMap<>();
        sla.properties().forEach(e -> raw.put(e.getKey(), e.getValue().asText()));
        return parse(raw);
    }

    Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        if (computer != null) {
            m.put("computer", computer);
        }
        if (region != null) {
            m.put("region", region);
        }
        if (!capabilities.isEmpty()) {
            m.put("capability", String.join(",", capabilities));
        }
        if (hostInstance != null) {
            m.put("instance", hostInstance);
        }
        return m;
    }
}

package org.edgewise.database;

import org.jooq.JSONB;
import org.jooq.impl.AbstractConverter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every JSONB column as a Jackson tree (the code generation gives each one this converter), so that
 * services read and write JSON values, never JSON text. A plain mapper is enough here: what PostgreSQL
 * returns is valid JSON, and what is stored is a tree built already, by the Master's strict mapper when it
 * came from a request; {@link StorableText} still checks the text a tree is stored as.
 */
public final class JsonbNodeConverter extends AbstractConverter<JSONB, JsonNode> {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    public JsonbNodeConverter() {
        super(JSONB.class, JsonNode.class);
    }

    @Override
    public JsonNode from(JSONB stored) {
        if (stored == null) {
            return null;
        }
        try {
            return JSON.readTree(stored.data());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("PostgreSQL returned JSON that does not parse", e);
        }
    }

    @Override
    public JSONB to(JsonNode value) {
        return value == null ? null : JSONB.valueOf(text(value));
    }

    /** The JSON text a tree is stored as. */
    static String text(JsonNode value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree could not be written", e);
        }
    }
}

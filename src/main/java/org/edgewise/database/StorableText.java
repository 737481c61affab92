package org.edgewise.database;

import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.JSONB;
import org.jooq.Query;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The last guard before PostgreSQL: a text parameter holding a NUL character (which PostgreSQL refuses, in
 * text and in JSON alike) or half of a UTF-16 surrogate pair (which it would store as "?") is refused with
 * a message a person can act on, whatever screen or service it came from, instead of an error of the
 * database. The APIs refuse such text earlier, naming the field; this covers the console and everything
 * else.
 */
class StorableText implements ExecuteListener {

    private static final long serialVersionUID = 1L;

    @Override
    public void renderStart(ExecuteContext ctx) {
        Query query = ctx.query();
        if (query == null) {
            return;
        }
        for (Object value : query.getBindValues()) {
            check(value);
        }
    }

    private static void check(Object value) {
        if (value instanceof String text) {
            checkText(text);
        } else if (value instanceof JSONB json) {
            checkJson(json.data());
        } else if (value instanceof JsonNode tree) {
            // a JSONB column's value, converted to text only when it is bound, after this check
            checkJson(JsonbNodeConverter.text(tree));
        } else if (value instanceof Object[] array) {
            for (Object element : array) {
                check(element);
            }
        }
    }

    private static void checkJson(String json) {
        checkText(json);
        checkJsonEscapes(json);
    }

    /**
     * JSON may also hold a NUL as an escape (a backslash, then u0000), which PostgreSQL's jsonb refuses like
     * the character.
     */
    private static void checkJsonEscapes(String json) {
        for (int at = json.indexOf("\\u0000"); at >= 0; at = json.indexOf("\\u0000", at + 1)) {
            int backslashes = 0;
            for (int i = at; i >= 0 && json.charAt(i) == '\\'; i--) {
                backslashes++;
            }
            if (backslashes % 2 == 1) {
                throw new IllegalArgumentException("A text contains a NUL character, which cannot be stored: "
                        + "remove it and try again.");
            }
        }
    }

    private static void checkText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                throw new IllegalArgumentException("A text contains a NUL character, which cannot be stored: "
                        + "remove it and try again.");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("A text contains half of a UTF-16 surrogate pair, which is no "
                        + "character: remove it and try again.");
            }
        }
    }
}

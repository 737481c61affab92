package org.edgewise.web;

import java.io.DataInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.util.JsonParserDelegate;

/**
 * A JSON factory whose parsers refuse, wherever they appear (field names, values, nested or not), what
 * would otherwise be stored changed or refused later by PostgreSQL: a NUL character, a lone UTF-16
 * surrogate (stored as "?"), and a number that does not fit a double ({@code 1e999999} would become
 * "Infinity", {@code 1e-999999} zero). Checking the tokens here covers every body of every API, whatever
 * type it is read into, including free-form parameters.
 */
final class StrictJsonFactory extends JsonFactory {

    private static final long serialVersionUID = 1L;

    StrictJsonFactory() {
        super();
    }

    private StrictJsonFactory(StrictJsonFactory source, ObjectCodec codec) {
        super(source, codec);
    }

    @Override
    public JsonFactory copy() {
        return new StrictJsonFactory(this, null);
    }

    @Override
    protected JsonParser _createParser(InputStream in, IOContext ctxt) throws IOException {
        return new StrictParser(super._createParser(in, ctxt));
    }

    @Override
    protected JsonParser _createParser(Reader r, IOContext ctxt) throws IOException {
        return new StrictParser(super._createParser(r, ctxt));
    }

    @Override
    protected JsonParser _createParser(char[] data, int offset, int len, IOContext ctxt, boolean recyclable)
            throws IOException {
        return new StrictParser(super._createParser(data, offset, len, ctxt, recyclable));
    }

    @Override
    protected JsonParser _createParser(byte[] data, int offset, int len, IOContext ctxt) throws IOException {
        return new StrictParser(super._createParser(data, offset, len, ctxt));
    }

    @Override
    protected JsonParser _createParser(DataInput input, IOContext ctxt) throws IOException {
        return new StrictParser(super._createParser(input, ctxt));
    }

    /** Where a parser is, as {@code partitions[0].name}; empty at the top level. */
    static String path(JsonStreamContext context) {
        java.util.Deque<String> segments = new java.util.ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                segments.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                segments.push(c.getCurrentName());
            }
        }
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            path.append(path.length() > 0 && !segment.startsWith("[") ? "." : "").append(segment);
        }
        return path.toString();
    }

    /** Checks each token as it is read; the other {@code next…} methods of a parser go through these two. */
    private static final class StrictParser extends JsonParserDelegate {

        StrictParser(JsonParser delegate) {
            super(delegate);
        }

        @Override
        public JsonToken nextToken() throws IOException {
            return check(super.nextToken());
        }

        @Override
        public JsonToken nextValue() throws IOException {
            return check(super.nextValue());
        }

        private JsonToken check(JsonToken token) throws IOException {
            if (token == JsonToken.FIELD_NAME) {
                checkText(currentName(), "name");
            } else if (token == JsonToken.VALUE_STRING) {
                checkText(getText(), "text");
            } else if (token == JsonToken.VALUE_NUMBER_FLOAT) {
                double value = getDoubleValue();
                if (!Double.isFinite(value) || value == 0 && new BigDecimal(getText()).signum() != 0) {
                    throw new InvalidJsonValueException(this, field(), "the number " + abbreviate(getText())
                            + " is out of range");
                }
            }
            return token;
        }

        private void checkText(String text, String what) throws InvalidJsonValueException {
            String problem = TextRules.problem(text);
            if (problem != null) {
                throw new InvalidJsonValueException(this, field(), "the " + what + " " + problem);
            }
        }

        /** Where the parser is, as {@code partitions[0].name}; empty at the top level. */
        private String field() {
            return StrictJsonFactory.path(getParsingContext());
        }

        private static String abbreviate(String text) {
            return text.length() <= 40 ? text : text.substring(0, 37) + "...";
        }
    }
}

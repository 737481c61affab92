package org.edgewise.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonParseException;

/** A JSON value the APIs refuse wherever it appears; see {@link StrictJsonFactory}. */
final class InvalidJsonValueException extends JsonParseException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String problem;

    InvalidJsonValueException(JsonParser parser, String field, String problem) {
        super(parser, (field.isEmpty() ? "The body" : field) + ": " + problem + ".");
        this.field = field;
        this.problem = problem;
    }

    String field() {
        return field;
    }

    String problem() {
        return problem;
    }
}

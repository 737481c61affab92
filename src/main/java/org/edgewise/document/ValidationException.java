package org.edgewise.document;

/**
 * Input a person or a program sent that is refused, with a message written for whoever typed or sent it.
 * Nothing was changed. The APIs answer it with a 400 naming {@link #field()}; the console shows the message.
 * An argument the code itself got wrong is a bug, not this: it stays an {@link IllegalArgumentException}.
 */
public class ValidationException extends RuntimeException {

    private final String field;

    /**
     * @param field the refused field as the request's JSON or the form names it ({@code releaseUrl},
     *        {@code sla.computer}), or null when no single field is at fault
     */
    public ValidationException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The refused field, or null when the request as a whole is refused. */
    public String field() {
        return field;
    }
}

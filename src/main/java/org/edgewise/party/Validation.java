package org.edgewise.party;

import java.util.regex.Pattern;

import org.edgewise.document.ValidationException;

/** Checks of what people type, with messages written for them. */
final class Validation {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    static final int MAX_FIELD = 500;

    private Validation() {
    }

    static Organisations.Details clean(Organisations.Details d) {
        return new Organisations.Details(required("name", "Name", d.name()), email(d.email()),
                optional("vatNumber", "VAT number", d.vatNumber()), optional("address", "Address", d.address()));
    }

    /**
     * @param field the field as the details name it, for programs
     * @param label the field as the person sees it, for the message
     */
    static String required(String field, String label, String value) {
        String v = optional(field, label, value);
        if (v == null) {
            throw new ValidationException(field, label + " is required.");
        }
        return v;
    }

    static String optional(String field, String label, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() > MAX_FIELD) {
            throw new ValidationException(field, label + " can have at most " + MAX_FIELD + " characters.");
        }
        return v;
    }

    static String email(String value) {
        String v = optional("email", "E-mail", value);
        if (v != null && !EMAIL.matcher(v).matches()) {
            throw new ValidationException("email", "\"" + v + "\" is not an e-mail address.");
        }
        return v;
    }
}

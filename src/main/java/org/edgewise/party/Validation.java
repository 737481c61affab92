package org.edgewise.party;

import java.util.regex.Pattern;

/** Checks of what people type, with messages written for them. */
final class Validation {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    static final int MAX_FIELD = 500;

    private Validation() {
    }

    static Organisations.Details clean(Organisations.Details d) {
        return new Organisations.Details(required("Name", d.name()), email(d.email()), optional("VAT number", d.vatNumber()),
                optional("Address", d.address()));
    }

    static String required(String label, String value) {
        String v = optional(label, value);
        if (v == null) {
            throw new IllegalArgumentException(label + " is required.");
        }
        return v;
    }

    static String optional(String label, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() > MAX_FIELD) {
            throw new IllegalArgumentException(label + " can have at most " + MAX_FIELD + " characters.");
        }
        return v;
    }

    static String email(String value) {
        String v = optional("E-mail", value);
        if (v != null && !EMAIL.matcher(v).matches()) {
            throw new IllegalArgumentException("\"" + v + "\" is not an e-mail address.");
        }
        return v;
    }
}

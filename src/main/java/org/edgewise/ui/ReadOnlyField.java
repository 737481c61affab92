package org.edgewise.ui;

import com.vaadin.flow.component.textfield.TextField;

/** A fact of a document shown the way its editable fields are, but read only. */
public final class ReadOnlyField {

    private ReadOnlyField() {
    }

    /** The value under its label, empty for none, with an id for tests and deep links. */
    public static TextField of(String label, String value, String id) {
        TextField field = new TextField(label);
        field.setValue(value == null ? "" : value);
        field.setReadOnly(true);
        field.setId(id);
        return field;
    }
}

package org.edgewise.party;

import com.vaadin.flow.component.HasValue;

final class Forms {

    private Forms() {
    }

    static String text(String value) {
        return value == null ? "" : value;
    }

    static void setEditable(boolean editable, HasValue<?, ?>... fields) {
        for (HasValue<?, ?> field : fields) {
            field.setReadOnly(!editable);
        }
    }
}

package org.edgewise.ui;

import java.util.function.Consumer;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/** A document's form with a Save button (Alt+S) when the document may be edited now. */
public final class EditableFields {

    private EditableFields() {
    }

    public static Component of(Component form, boolean editable, Consumer<Boolean> setEditable, Runnable save,
            String reference, Runnable reload) {
        setEditable.accept(editable);
        VerticalLayout fields = new VerticalLayout(form);
        fields.setPadding(false);
        if (editable) {
            Button button = new Button("Save", e -> {
                if (Notifications.attempt(save)) {
                    Notifications.success(reference + " saved.");
                    reload.run();
                }
            });
            button.setId("document-save");
            button.addClickShortcut(Key.KEY_S, KeyModifier.ALT);
            button.setTooltipText("Alt+S");
            fields.add(button);
        }
        return fields;
    }
}

package org.edgewise.ui;

import java.util.function.BooleanSupplier;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;

/** A modal form with Save (Enter) and Cancel (Escape); it closes only when saving succeeded. */
public class FormDialog extends Dialog {

    public FormDialog(String title, Component form, String saveText, BooleanSupplier save) {
        setHeaderTitle(title);
        setModal(true);
        setDraggable(true);
        setWidth("min(640px, 95vw)");
        add(form);
        Button saveButton = new Button(saveText, e -> {
            if (save.getAsBoolean()) {
                close();
            }
        });
        saveButton.setId("dialog-save");
        saveButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        saveButton.addClickShortcut(Key.ENTER);
        Button cancel = new Button("Cancel", e -> close());
        cancel.setId("dialog-cancel");
        getFooter().add(cancel, saveButton);
    }
}

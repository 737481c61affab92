package org.edgewise.instance;

import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;

/**
 * An instance's parameters as JSON, to read or to change: saving hands the typed text to the view, which
 * changes the parameters and shows a refusal here with {@link #showError}.
 */
final class ParametersEditor extends Composite<Component> {

    private final TextArea parameters = new TextArea();
    private final String shown;
    private final Component content;

    /** @param save called with the typed text when the person saves; unused when not {@code editable} */
    ParametersEditor(JsonNode current, boolean editable, Consumer<String> save) {
        shown = current.toPrettyString();
        parameters.setId("instance-parameters");
        parameters.setWidthFull();
        parameters.setAriaLabel("Parameters");
        parameters.setValue(shown);
        parameters.setReadOnly(!editable);
        parameters.addClassName("instance-parameters-editor");
        if (!editable) {
            content = parameters;
            return;
        }
        parameters.setManualValidation(true);
        parameters.setMaxLength(InstanceRequests.MAX_PARAMETERS_BYTES);
        parameters.setHelperText("One JSON object, e.g. " + InstanceParameters.EXAMPLE
                + ". Saving sends the new parameters to the instance's node.");
        // the server learns of typing within a moment, so that a refresh never replaces what is being typed
        parameters.setValueChangeMode(ValueChangeMode.LAZY);
        parameters.addValueChangeListener(e -> parameters.setInvalid(false));
        Button saveButton = new Button("Save parameters", e -> save.accept(parameters.getValue()));
        saveButton.setId("instance-save-parameters");
        saveButton.addClickShortcut(Key.KEY_S, KeyModifier.ALT);
        saveButton.setTooltipText("Alt+S");
        VerticalLayout editor = new VerticalLayout(parameters, saveButton);
        editor.setPadding(false);
        content = editor;
    }

    @Override
    protected Component initContent() {
        return content;
    }

    /** Whether the person has typed something other than the parameters shown. */
    boolean isBeingEdited() {
        return !parameters.getValue().equals(shown);
    }

    /** Says beside the text why it was refused, until the person types again. */
    void showError(String message) {
        parameters.setErrorMessage(message);
        parameters.setInvalid(true);
    }
}

package org.edgewise.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edgewise.ComponentTree.all;
import static org.edgewise.ComponentTree.find;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.textfield.TextArea;

/** The parameters editor of the instance page, with the ids pages are read by. */
class ParametersEditorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void savingHandsTheTypedTextToTheViewWhichMayShowARefusal() {
        List<String> saved = new ArrayList<>();
        ParametersEditor editor = new ParametersEditor(JSON.createObjectNode().put("size", "small"), true, saved::add);
        TextArea text = find(editor, TextArea.class);
        Button save = find(editor, Button.class);

        assertThat(text.getId()).contains("instance-parameters");
        assertThat(save.getId()).contains("instance-save-parameters");
        assertThat(text.getValue()).isEqualTo("{\n  \"size\" : \"small\"\n}");
        assertThat(editor.isBeingEdited()).isFalse();

        text.setValue("{\"size\": \"large\"}");
        save.click();
        editor.showError("This is not valid JSON.");

        assertThat(editor.isBeingEdited()).isTrue();
        assertThat(saved).containsExactly("{\"size\": \"large\"}");
        assertThat(text.isInvalid()).isTrue();
        assertThat(text.getErrorMessage()).isEqualTo("This is not valid JSON.");
    }

    @Test
    void parametersThatMayNotBeChangedAreShownReadOnlyWithoutASaveButton() {
        Consumer<String> neverCalled = typed -> {
            throw new AssertionError("saved " + typed);
        };
        ParametersEditor editor = new ParametersEditor(JSON.createObjectNode(), false, neverCalled);

        assertThat(all(editor).filter(Button.class::isInstance)).isEmpty();
        assertThat(find(editor, TextArea.class).isReadOnly()).isTrue();
        assertThat(find(editor, TextArea.class).getId()).contains("instance-parameters");
    }
}

package org.edgewise.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edgewise.ComponentTree.all;
import static org.edgewise.ComponentTree.byId;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;

/** The parameter form drawn from a schema, with the ids pages and the shop read it by. */
class ParameterFormTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode schema() throws Exception {
        return JSON.readTree(ParameterSchemasTest.SCHEMAS).get("default");
    }

    private static <T extends Component> T field(ParameterForm form, String id, Class<T> type) {
        return type.cast(byId(form, id).orElseThrow(() -> new AssertionError("no " + id)));
    }

    @Test
    void eachPropertyIsAFieldOfItsKindInTheSchemasOrderWithItsDefault() throws Exception {
        ParameterForm form = new ParameterForm(schema(), JSON);

        TextField greeting = field(form, "param-greeting", TextField.class);
        IntegerField replicas = field(form, "param-replicas", IntegerField.class);
        @SuppressWarnings("unchecked")
        Select<JsonNode> size = field(form, "param-size", Select.class);
        assertThat(all(form).flatMap(c -> c.getId().stream()).filter(id -> id.startsWith("param-")))
                .containsExactly("param-greeting", "param-replicas", "param-size", "param-code", "param-domain",
                        "param-tls");
        assertThat(greeting.getLabel()).isEqualTo("Greeting");
        assertThat(greeting.getValue()).isEqualTo("Hello");
        assertThat(greeting.getMaxLength()).isEqualTo(40);
        assertThat(replicas.getValue()).isEqualTo(1);
        assertThat(replicas.getMin()).isEqualTo(1);
        assertThat(replicas.getMax()).isEqualTo(5);
        assertThat(size.isRequiredIndicatorVisible()).isTrue();
        assertThat(field(form, "param-code", TextField.class).getHelperText()).isEqualTo("lower-case letters");
        assertThat(field(form, "param-tls", Checkbox.class).getLabel()).isEqualTo("TLS");

        size.setValue(JSON.getNodeFactory().textNode("large"));
        replicas.setValue(3);

        assertThat(form.value()).contains(Map.of("greeting", "Hello", "replicas", 3, "size", "large", "tls", false));
    }

    @Test
    void problemsGoUnderTheirFieldsAndTheRestAboveThem() throws Exception {
        ParameterForm form = new ParameterForm(schema(), JSON);

        form.showProblems(Map.of("greeting", "Greeting: must be at most 40 characters",
                "colour", "colour: is not a parameter of this software type"));

        TextField greeting = field(form, "param-greeting", TextField.class);
        assertThat(greeting.isInvalid()).isTrue();
        assertThat(greeting.getErrorMessage()).isEqualTo("Greeting: must be at most 40 characters");
        Span rest = field(form, "parameters-problems", Span.class);
        assertThat(rest.isVisible()).isTrue();
        assertThat(rest.getText()).isEqualTo("colour: is not a parameter of this software type");
    }

    @Test
    void theAdvancedSwitchEditsTheSameParametersAsJsonAndBack() throws Exception {
        ParameterForm form = new ParameterForm(schema(), JSON);
        Checkbox advanced = field(form, "parameters-advanced", Checkbox.class);
        TextArea area = field(form, "parameters-json", TextArea.class);
        assertThat(area.isVisible()).isFalse();

        advanced.setValue(true);
        assertThat(JSON.readTree(area.getValue())).isEqualTo(JSON.readTree(
                "{\"greeting\": \"Hello\", \"replicas\": 1, \"tls\": false}"));
        area.setValue("{\"greeting\": \"Bonjour\", \"size\": \"small\"");
        assertThat(form.value()).isEmpty();
        assertThat(area.getErrorMessage()).startsWith("This is not valid JSON");

        area.setValue("{\"greeting\": \"Bonjour\", \"size\": \"small\", \"extra\": [1]}");
        assertThat(form.value()).contains(Map.of("greeting", "Bonjour", "size", "small", "extra", List.of(1)));
        advanced.setValue(false);

        assertThat(field(form, "param-greeting", TextField.class).getValue()).isEqualTo("Bonjour");
        assertThat(field(form, "param-replicas", IntegerField.class).getValue()).isNull();
    }

    @Test
    void withoutASchemaItIsTheJsonAreaAlone() {
        ParameterForm form = new ParameterForm(null, JSON);

        assertThat(byId(form, "parameters-advanced")).isEmpty();
        TextArea area = field(form, "parameters-json", TextArea.class);
        assertThat(area.isVisible()).isTrue();
        area.setValue("{\"anything\": true}");
        assertThat(form.value()).contains(Map.of("anything", true));
    }
}

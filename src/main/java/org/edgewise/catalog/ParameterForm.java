package org.edgewise.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.shared.HasValidationProperties;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;

/**
 * The parameters of a request, drawn from the release's JSON Schema for the software type: one field per
 * property (its title as label, its description as help, its default filled in, an enum as a choice, a
 * boolean as a checkbox, numbers bounded by minimum and maximum, required ones marked), and a switch to
 * edit them as JSON instead. Without a schema it is the JSON area alone. The form checks only what it must
 * to build a JSON object; the schema's own checks come from {@link ParameterSchemas#problems} or from the
 * server's refusal, shown under the fields by {@link #showProblems}.
 */
public class ParameterForm extends VerticalLayout {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    /** One property's field: how to read it (empty when left blank) and fill it. */
    private record Field(HasValidationProperties component, Supplier<Optional<JsonNode>> read, Consumer<JsonNode> write) { }

    private final ObjectMapper json;
    private final Map<String, Field> fields = new LinkedHashMap<>();
    private final FormLayout layout = new FormLayout();
    private final Checkbox advanced = new Checkbox("Advanced: edit as JSON");
    private final TextArea jsonArea = new TextArea("Parameters");
    private final Span problems = new Span();

    public ParameterForm(JsonNode schema, ObjectMapper json) {
        this.json = json;
        setPadding(false);
        setSpacing(false);
        problems.setId("parameters-problems");
        problems.getStyle().set("color", "var(--lumo-error-text-color)");
        problems.setVisible(false);
        jsonArea.setId("parameters-json");
        jsonArea.setWidthFull();
        jsonArea.setManualValidation(true);
        jsonArea.setHelperText("One JSON object, e.g. {\"greeting\": \"Hello\"}");
        jsonArea.addValueChangeListener(e -> jsonArea.setInvalid(false));
        advanced.setId("parameters-advanced");
        Set<String> required = new HashSet<>();
        if (schema != null) {
            schema.path("required").forEach(name -> required.add(name.asText()));
            schema.path("properties").fields().forEachRemaining(
                    p -> fields.put(p.getKey(), field(p.getKey(), p.getValue(), required.contains(p.getKey()))));
        }
        fields.values().forEach(f -> layout.add((Component) f.component()));
        if (fields.isEmpty()) {
            jsonArea.setValue("{}");
            add(problems, jsonArea);
            return;
        }
        jsonArea.setVisible(false);
        advanced.addValueChangeListener(e -> switchTo(e.getValue()));
        add(problems, layout, advanced, jsonArea);
    }

    /** The parameters, or empty after marking the fields that do not make a JSON object yet. */
    public Optional<Map<String, Object>> value() {
        clearProblems();
        Optional<ObjectNode> node = node();
        return node.map(n -> json.convertValue(n, OBJECT));
    }

    /** Puts each message under its property's field; those of no field shown (property "" is the whole object). */
    public void showProblems(Map<String, String> byProperty) {
        clearProblems();
        List<String> elsewhere = new ArrayList<>();
        byProperty.forEach((property, message) -> {
            Field field = fields.get(property);
            if (field != null && !jsonArea.isVisible()) {
                field.component().setErrorMessage(message);
                field.component().setInvalid(true);
            } else {
                elsewhere.add(message);
            }
        });
        if (!elsewhere.isEmpty()) {
            if (jsonArea.isVisible()) {
                jsonArea.setErrorMessage(String.join(" ", elsewhere));
                jsonArea.setInvalid(true);
            } else {
                problems.setText(String.join(" ", elsewhere));
                problems.setVisible(true);
            }
        }
    }

    private void clearProblems() {
        fields.values().forEach(f -> f.component().setInvalid(false));
        jsonArea.setInvalid(false);
        problems.setVisible(false);
    }

    private Optional<ObjectNode> node() {
        if (jsonArea.isVisible()) {
            return parseJson();
        }
        ObjectNode node = json.createObjectNode();
        boolean ok = true;
        for (Map.Entry<String, Field> f : fields.entrySet()) {
            try {
                f.getValue().read().get().ifPresent(v -> node.set(f.getKey(), v));
            } catch (IllegalArgumentException e) {
                f.getValue().component().setErrorMessage(e.getMessage());
                f.getValue().component().setInvalid(true);
                ok = false;
            }
        }
        return ok ? Optional.of(node) : Optional.empty();
    }

    private Optional<ObjectNode> parseJson() {
        String text = jsonArea.getValue() == null || jsonArea.getValue().isBlank() ? "{}" : jsonArea.getValue();
        try {
            JsonNode node = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text);
            if (node instanceof ObjectNode object) {
                return Optional.of(object);
            }
            jsonArea.setErrorMessage("Parameters are one JSON object in braces, e.g. {\"greeting\": \"Hello\"}.");
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            jsonArea.setErrorMessage("This is not valid JSON" + where + ": " + e.getOriginalMessage());
        }
        jsonArea.setInvalid(true);
        return Optional.empty();
    }

    /** Carries the values over: fields to JSON, or JSON back to fields (staying on JSON while it does not parse). */
    private void switchTo(boolean asJson) {
        if (asJson) {
            if (jsonArea.isVisible()) {
                return;
            }
            Optional<ObjectNode> current = node();
            jsonArea.setValue(current.map(ObjectNode::toPrettyString).orElse("{}"));
            layout.setVisible(false);
            jsonArea.setVisible(true);
            clearProblems();
            return;
        }
        Optional<ObjectNode> parsed = parseJson();
        if (parsed.isEmpty()) {
            advanced.setValue(true);
            return;
        }
        fields.forEach((name, field) -> field.write().accept(parsed.get().get(name)));
        jsonArea.setVisible(false);
        layout.setVisible(true);
        clearProblems();
    }

    private Field field(String name, JsonNode property, boolean required) {
        String label = property.path("title").asText(name);
        String help = property.path("description").asText(null);
        JsonNode fallback = property.get("default");
        String type = property.path("type").asText("");
        Field field;
        if (property.has("enum")) {
            Select<JsonNode> select = new Select<>();
            List<JsonNode> options = new ArrayList<>();
            property.get("enum").forEach(options::add);
            select.setItems(options);
            select.setItemLabelGenerator(v -> v.isTextual() ? v.asText() : v.toString());
            select.setEmptySelectionAllowed(!required);
            select.setLabel(label);
            select.setHelperText(help);
            select.setRequiredIndicatorVisible(required);
            select.setManualValidation(true);
            field = new Field(select, () -> Optional.ofNullable(select.getValue()),
                    v -> select.setValue(v == null ? null : options.stream().filter(v::equals).findFirst().orElse(null)));
        } else if (type.equals("boolean")) {
            Checkbox box = new Checkbox(label);
            box.setHelperText(help);
            box.setManualValidation(true);
            field = new Field(box, () -> Optional.of(json.getNodeFactory().booleanNode(box.getValue())),
                    v -> box.setValue(v != null && v.asBoolean()));
        } else if (type.equals("integer")) {
            IntegerField number = new IntegerField(label);
            number.setHelperText(help);
            number.setRequiredIndicatorVisible(required);
            number.setManualValidation(true);
            if (property.path("minimum").canConvertToInt()) {
                number.setMin(property.get("minimum").asInt());
            }
            if (property.path("maximum").canConvertToInt()) {
                number.setMax(property.get("maximum").asInt());
            }
            number.setStepButtonsVisible(true);
            field = new Field(number, () -> Optional.ofNullable(number.getValue())
                    .map(v -> json.getNodeFactory().numberNode(v)),
                    v -> number.setValue(v != null && v.canConvertToInt() ? v.asInt() : null));
        } else if (type.equals("number")) {
            NumberField number = new NumberField(label);
            number.setHelperText(help);
            number.setRequiredIndicatorVisible(required);
            number.setManualValidation(true);
            if (property.path("minimum").isNumber()) {
                number.setMin(property.get("minimum").asDouble());
            }
            if (property.path("maximum").isNumber()) {
                number.setMax(property.get("maximum").asDouble());
            }
            field = new Field(number, () -> Optional.ofNullable(number.getValue())
                    .map(v -> json.getNodeFactory().numberNode(v)), v -> number.setValue(v != null && v.isNumber()
                            ? v.asDouble() : null));
        } else if (type.equals("string") || type.isEmpty() && fallback != null && fallback.isTextual()) {
            TextField text = new TextField(label);
            text.setHelperText(help);
            text.setRequiredIndicatorVisible(required);
            text.setManualValidation(true);
            if (property.path("maxLength").canConvertToInt()) {
                text.setMaxLength(property.get("maxLength").asInt());
            }
            field = new Field(text, () -> text.getValue().isEmpty() ? Optional.empty()
                    : Optional.of(json.getNodeFactory().textNode(text.getValue())),
                    v -> text.setValue(v == null ? "" : v.isTextual() ? v.asText() : v.toString()));
        } else {
            TextArea area = new TextArea(label);
            area.setHelperText(help == null ? "As JSON" : help + " (as JSON)");
            area.setRequiredIndicatorVisible(required);
            area.setManualValidation(true);
            field = new Field(area, () -> {
                if (area.getValue().isBlank()) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(json.readTree(area.getValue()));
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException(label + ": is not valid JSON (" + e.getOriginalMessage() + ")");
                }
            }, v -> area.setValue(v == null ? "" : v.toPrettyString()));
        }
        ((Component) field.component()).setId("param-" + name);
        field.write().accept(fallback);
        return field;
    }
}

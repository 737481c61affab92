package org.edgewise.instance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.edgewise.catalog.Catalog;
import org.edgewise.catalog.ParameterForm;
import org.edgewise.catalog.ParameterSchemas;
import org.edgewise.document.ValidationException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;

/**
 * What a customer asks for: a title, a published release and one of its software types, the
 * parameters in a form drawn from the release's schema for that type (or as a JSON object), and
 * optionally where it must run.
 */
class RequestServiceForm extends FormLayout {

    private final TextField title = new TextField("Title");
    private final ComboBox<Catalog.Release> release = new ComboBox<>("Software release");
    private final Select<String> softwareType = new Select<>();
    private final Div parametersHolder = new Div();
    private ParameterForm parameters;
    private final TextField region = new TextField("Region");
    private final TextField computer = new TextField("Computer");
    private final TextField capability = new TextField("Capabilities");
    private final Checkbox shared = new Checkbox("Shared instance");
    private final ObjectMapper json;
    private final ParameterSchemas schemas;

    RequestServiceForm(List<Catalog.Release> published, ParameterSchemas schemas, ObjectMapper json) {
        this.json = json;
        this.schemas = schemas;
        title.setId("service-title");
        title.setRequiredIndicatorVisible(true);
        title.setMaxLength(org.edgewise.document.DocumentEngine.MAX_TITLE_LENGTH);
        title.setHelperText("Your name for this service, e.g. shop-frontend");
        release.setId("service-release");
        release.setRequiredIndicatorVisible(true);
        release.setItems(published);
        release.setItemLabelGenerator(r -> r.productName() + " " + r.version());
        release.setHelperText(published.isEmpty() ? "Nothing can be ordered yet: no release is published." : null);
        release.addValueChangeListener(e -> showTypes(e.getValue()));
        softwareType.setLabel("Software type");
        softwareType.setId("service-software-type");
        softwareType.setEnabled(false);
        softwareType.addValueChangeListener(e -> showParameters());
        parametersHolder.setId("service-parameters");
        parametersHolder.setWidthFull();
        showParameters();
        region.setId("service-region");
        region.setHelperText("Optional, e.g. eu-west");
        computer.setId("service-computer");
        computer.setHelperText("Optional: the reference of one computer, e.g. COMP-000001");
        capability.setId("service-capability");
        capability.setHelperText("Optional, separated by commas, e.g. gpu, ipv6");
        shared.setId("service-shared");
        shared.setTooltipText("Runs inside another instance of the same release, e.g. a site on a shared frontend");
        H4 placement = new H4("Where it runs");
        add(title, release, softwareType, shared, parametersHolder, placement, region, computer, capability);
        setColspan(parametersHolder, 2);
        setColspan(placement, 2);
    }

    private void showTypes(Catalog.Release chosen) {
        if (chosen == null) {
            softwareType.setItems(List.of());
            softwareType.setEnabled(false);
            showParameters();
            return;
        }
        softwareType.setItems(chosen.softwareTypes());
        softwareType.setValue(chosen.softwareTypes().get(0));
        softwareType.setEnabled(chosen.softwareTypes().size() > 1);
        showParameters();
    }

    /** The parameters of the chosen release and software type, as its schema describes them. */
    private void showParameters() {
        Catalog.Release chosen = release.getValue();
        String type = softwareType.getValue();
        parameters = new ParameterForm(chosen == null || type == null ? null
                : schemas.schema(chosen.id(), type).orElse(null), json);
        parametersHolder.removeAll();
        parametersHolder.add(parameters);
    }

    /** Shows a refusal of the parameters under their field; returns whether it was about the parameters. */
    boolean showRefusal(ValidationException refusal) {
        String field = refusal.field() == null ? "" : refusal.field();
        if (!field.equals("parameters") && !field.startsWith("parameters.")) {
            return false;
        }
        parameters.showProblems(Map.of(field.equals("parameters") ? "" : field.substring("parameters.".length()),
                refusal.getMessage()));
        return true;
    }

    /** The request, or empty when a field must be corrected first; that field then says why. */
    Optional<InstanceRequests.Request> request() {
        if (release.getValue() == null) {
            release.setErrorMessage("Choose the release to run.");
            release.setInvalid(true);
            return Optional.empty();
        }
        Optional<Map<String, Object>> params = parameters.value();
        if (params.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> problems = schemas.problems(release.getValue().id(), softwareType.getValue(),
                json.valueToTree(params.get()));
        if (!problems.isEmpty()) {
            parameters.showProblems(problems);
            return Optional.empty();
        }
        Map<String, String> sla = new LinkedHashMap<>();
        putIfGiven(sla, "region", region.getValue());
        putIfGiven(sla, "computer", computer.getValue());
        putIfGiven(sla, "capability", capability.getValue());
        return Optional.of(new InstanceRequests.Request(title.getValue(), release.getValue().url(),
                softwareType.getValue(), params.get(), sla, InstanceWorkflows.STARTED, shared.getValue()));
    }

    String title() {
        return title.getValue().strip();
    }

    void titleTaken(String message) {
        title.setErrorMessage(message);
        title.setInvalid(true);
    }

    private static void putIfGiven(Map<String, String> sla, String key, String value) {
        if (value != null && !value.isBlank()) {
            sla.put(key, value.strip());
        }
    }
}

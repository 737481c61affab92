package org.edgewise.instance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.edgewise.document.ValidationException;
import org.edgewise.catalog.Catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;

/**
 * What a customer asks for: a title, a published release and one of its software types, the
 * parameters as a JSON object, and optionally where it must run.
 */
class RequestServiceForm extends FormLayout {

    private final TextField title = new TextField("Title");
    private final ComboBox<Catalog.Release> release = new ComboBox<>("Software release");
    private final Select<String> softwareType = new Select<>();
    private final TextArea parameters = new TextArea("Parameters");
    private final TextField region = new TextField("Region");
    private final TextField computer = new TextField("Computer");
    private final TextField capability = new TextField("Capabilities");
    private final Checkbox shared = new Checkbox("Shared instance");
    private final ObjectMapper json;

    RequestServiceForm(List<Catalog.Release> published, ObjectMapper json) {
        this.json = json;
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
        parameters.setId("service-parameters");
        parameters.setValue("{}");
        parameters.setManualValidation(true);
        parameters.setHelperText("A JSON object, e.g. " + InstanceParameters.EXAMPLE);
        parameters.addValueChangeListener(e -> parameters.setInvalid(false));
        region.setId("service-region");
        region.setHelperText("Optional, e.g. eu-west");
        computer.setId("service-computer");
        computer.setHelperText("Optional: the reference of one computer, e.g. COMP-000001");
        capability.setId("service-capability");
        capability.setHelperText("Optional, separated by commas, e.g. gpu, ipv6");
        shared.setId("service-shared");
        shared.setTooltipText("Runs inside another instance of the same release, e.g. a site on a shared frontend");
        H4 placement = new H4("Where it runs");
        add(title, release, softwareType, shared, parameters, placement, region, computer, capability);
        setColspan(parameters, 2);
        setColspan(placement, 2);
    }

    private void showTypes(Catalog.Release chosen) {
        if (chosen == null) {
            softwareType.setItems(List.of());
            softwareType.setEnabled(false);
            return;
        }
        softwareType.setItems(chosen.softwareTypes());
        softwareType.setValue(chosen.softwareTypes().get(0));
        softwareType.setEnabled(chosen.softwareTypes().size() > 1);
    }

    /** The request, or empty when a field must be corrected first; that field then says why. */
    Optional<InstanceRequests.Request> request() {
        if (release.getValue() == null) {
            release.setErrorMessage("Choose the release to run.");
            release.setInvalid(true);
            return Optional.empty();
        }
        Optional<Map<String, Object>> params = parameters();
        if (params.isEmpty()) {
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

    private Optional<Map<String, Object>> parameters() {
        try {
            return Optional.of(InstanceParameters.parse(json, parameters.getValue()));
        } catch (ValidationException e) {
            parameters.setErrorMessage(e.getMessage());
            parameters.setInvalid(true);
            return Optional.empty();
        }
    }

    private static void putIfGiven(Map<String, String> sla, String key, String value) {
        if (value != null && !value.isBlank()) {
            sla.put(key, value.strip());
        }
    }
}

package org.edgewise.computer;

import org.edgewise.document.ValidationException;

import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;

/** The fields of a computer, for creating and editing. */
class ComputerForm extends FormLayout {

    private final TextField name = new TextField("Name");
    private final TextField hostname = new TextField("Host name");
    private final TextField region = new TextField("Region");
    private final IntegerField capacity = new IntegerField("Capacity (partitions)");
    private final TextArea description = new TextArea("Description");

    ComputerForm() {
        name.setId("computer-name");
        name.setRequiredIndicatorVisible(true);
        name.setMaxLength(200);
        hostname.setId("computer-hostname");
        hostname.setHelperText("As the node reports it, e.g. edge-paris-01");
        region.setId("computer-region");
        region.setHelperText("Where it runs, used later by allocation, e.g. eu-west");
        capacity.setId("computer-capacity");
        capacity.setMin(0);
        capacity.setMax(Computers.MAX_CAPACITY);
        capacity.setStepButtonsVisible(true);
        capacity.setValue(10);
        description.setId("computer-description");
        add(name, hostname, region, capacity, description);
        setColspan(description, 2);
    }

    void setDetails(Computers.Row row) {
        name.setValue(row.name());
        hostname.setValue(nullToEmpty(row.hostname()));
        region.setValue(nullToEmpty(row.region()));
        capacity.setValue(row.capacity());
        description.setValue(nullToEmpty(row.description()));
    }

    Computers.Details details() {
        if (capacity.isInvalid() || capacity.getValue() == null) {
            throw new ValidationException("capacity", "Capacity is a whole number of partitions.");
        }
        return new Computers.Details(name.getValue(), hostname.getValue(), region.getValue(), capacity.getValue(),
                description.getValue());
    }

    void setEditable(boolean editable) {
        name.setReadOnly(!editable);
        hostname.setReadOnly(!editable);
        region.setReadOnly(!editable);
        capacity.setReadOnly(!editable);
        description.setReadOnly(!editable);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}

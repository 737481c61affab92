package org.edgewise.party;

import java.util.List;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextField;

class PersonForm extends FormLayout {

    private final TextField name = new TextField("Name");
    private final EmailField email = new EmailField("E-mail");
    private final TextField phone = new TextField("Phone");
    private final ComboBox<Organisations.Row> organisation = new ComboBox<>("Organisation");

    PersonForm(List<Organisations.Row> organisations) {
        name.setId("person-name");
        name.setRequiredIndicatorVisible(true);
        email.setId("person-email");
        phone.setId("person-phone");
        organisation.setId("person-organisation");
        organisation.setItems(organisations);
        organisation.setItemLabelGenerator(o -> o.name() + " (" + o.reference() + ")");
        organisation.setHelperText("Leave empty for a member of the operator's staff");
        organisation.setClearButtonVisible(true);
        add(name, email, phone, organisation);
    }

    void setDetails(Persons.Row row) {
        name.setValue(row.name());
        email.setValue(Forms.text(row.email()));
        phone.setValue(Forms.text(row.phone()));
        organisation.getListDataView().getItems().filter(o -> Long.valueOf(o.id()).equals(row.organisationId()))
                .findFirst().ifPresent(organisation::setValue);
    }

    Persons.Details details() {
        return new Persons.Details(name.getValue(), email.getValue(), phone.getValue(),
                organisation.getValue() == null ? null : organisation.getValue().id());
    }

    void setEditable(boolean editable) {
        Forms.setEditable(editable, name, email, phone);
        organisation.setReadOnly(true);
    }
}

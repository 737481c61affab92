package org.edgewise.party;

import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;

class OrganisationForm extends FormLayout {

    private final TextField name = new TextField("Name");
    private final EmailField email = new EmailField("E-mail");
    private final TextField vatNumber = new TextField("VAT number");
    private final TextArea address = new TextArea("Address");

    OrganisationForm() {
        name.setId("organisation-name");
        name.setRequiredIndicatorVisible(true);
        email.setId("organisation-email");
        vatNumber.setId("organisation-vat");
        address.setId("organisation-address");
        add(name, email, vatNumber, address);
    }

    void setDetails(Organisations.Row row) {
        name.setValue(row.name());
        email.setValue(Forms.text(row.email()));
        vatNumber.setValue(Forms.text(row.vatNumber()));
        address.setValue(Forms.text(row.address()));
    }

    Organisations.Details details() {
        return new Organisations.Details(name.getValue(), email.getValue(), vatNumber.getValue(), address.getValue());
    }

    void setEditable(boolean editable) {
        Forms.setEditable(editable, name, email, vatNumber, address);
    }
}

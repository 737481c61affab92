package org.edgewise.party;

import java.util.EnumSet;
import java.util.List;


import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import org.edgewise.access.Role;

/** A user's fields. User name and password are only asked when creating. */
class UserForm extends FormLayout {

    private final TextField username = new TextField("User name");
    private final TextField name = new TextField("Name");
    private final PasswordField password = new PasswordField("Password");
    private final CheckboxGroup<Role> roles = new CheckboxGroup<>("Roles");
    private final ComboBox<Organisations.Row> organisation = new ComboBox<>("Customer organisation");

    UserForm(List<Organisations.Row> organisations, boolean creating) {
        username.setId("user-username");
        username.setRequiredIndicatorVisible(true);
        username.setHelperText("Lower-case letters, digits, dots, dashes");
        name.setId("user-name");
        name.setRequiredIndicatorVisible(true);
        password.setId("user-password");
        password.setHelperText("At least " + Users.MIN_PASSWORD_LENGTH + " characters");
        roles.setId("user-roles");
        roles.setItems(Role.userRoles());
        roles.setItemLabelGenerator(Role::label);
        organisation.setId("user-organisation");
        organisation.setItems(organisations);
        organisation.setItemLabelGenerator(o -> o.name() + " (" + o.reference() + ")");
        organisation.setHelperText("Only for customer users: the organisation they act for");
        organisation.setClearButtonVisible(true);
        add(username, name);
        if (creating) {
            add(password);
        } else {
            username.setReadOnly(true);
        }
        add(roles, organisation);
        setColspan(roles, 2);
    }

    void setDetails(Users.Row row) {
        username.setValue(row.username());
        name.setValue(row.name());
        roles.setValue(row.roles());
        organisation.getListDataView().getItems().filter(o -> Long.valueOf(o.id()).equals(row.organisationId()))
                .findFirst().ifPresent(organisation::setValue);
    }

    Users.NewUser newUser() {
        Users.Details d = details();
        return new Users.NewUser(username.getValue(), d.name(), password.getValue(), d.roles(), d.organisationId());
    }

    Users.Details details() {
        return new Users.Details(name.getValue(),
                roles.getValue().isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles.getValue()),
                organisation.getValue() == null ? null : organisation.getValue().id());
    }

    void setEditable(boolean editable) {
        Forms.setEditable(editable, name, roles);
        organisation.setReadOnly(true);
    }
}

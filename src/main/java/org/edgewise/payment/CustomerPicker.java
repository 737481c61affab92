package org.edgewise.payment;

import org.edgewise.access.Actor;

import com.vaadin.flow.component.combobox.ComboBox;

/** Chooses a customer organisation by name or reference, fetched page by page as the person types. */
class CustomerPicker extends ComboBox<Payments.Customer> {

    CustomerPicker(String label, Payments payments, Actor actor) {
        super(label);
        setItems(query -> payments.customers(query.getFilter().orElse(""), query.getOffset(), query.getLimit(), actor)
                .stream());
        setItemLabelGenerator(c -> c.name() + " · " + c.reference());
        setPlaceholder("Type a name or a reference");
        setWidthFull();
    }
}

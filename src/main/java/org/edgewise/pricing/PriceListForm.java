package org.edgewise.pricing;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import org.edgewise.party.Organisations;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.TextField;

/** The fields of a price list beside its items: name, customer, currency and validity in the billing time zone. */
class PriceListForm extends FormLayout {

    private final ZoneId zone;
    private final TextField name = new TextField("Name");
    private final ComboBox<Organisations.Row> customer = new ComboBox<>("Customer");
    private final ComboBox<String> currency = new ComboBox<>("Currency");
    private final DateTimePicker validFrom = new DateTimePicker();
    private final DateTimePicker validTo = new DateTimePicker();

    PriceListForm(List<Organisations.Row> customers, ZoneId zone, Instant defaultStart) {
        this.zone = zone;
        name.setId("price-list-name");
        name.setRequiredIndicatorVisible(true);
        name.setMaxLength(org.edgewise.document.DocumentEngine.MAX_TITLE_LENGTH);
        name.setHelperText("e.g. Standard prices 2027");
        customer.setId("price-list-customer");
        customer.setItems(customers);
        customer.setItemLabelGenerator(o -> o.name() + " (" + o.reference() + ")");
        customer.setClearButtonVisible(true);
        customer.setPlaceholder("Every customer (general list)");
        customer.setHelperText("Empty for the general list; a customer's own list replaces it for that customer");
        currency.setId("price-list-currency");
        currency.setItems("EUR", "USD", "GBP", "CHF", "JPY");
        currency.setAllowCustomValue(true);
        currency.addCustomValueSetListener(e -> currency.setValue(e.getDetail()));
        currency.setValue("EUR");
        validFrom.setId("price-list-valid-from");
        validFrom.setLabel("Valid from (" + zone.getId() + ")");
        validFrom.setRequiredIndicatorVisible(true);
        validFrom.setHelperText("Not before the moment it is activated: a price never changes retroactively");
        validFrom.setValue(local(defaultStart));
        validTo.setId("price-list-valid-to");
        validTo.setLabel("Valid to (" + zone.getId() + ")");
        validTo.setHelperText("Empty: until a later list takes over, or it is retired");
        add(name, customer, currency, validFrom, validTo);
    }

    void show(PriceLists.Row row) {
        name.setValue(row.title());
        customer.setValue(row.customerId() == null ? null : customer.getListDataView().getItems()
                .filter(o -> o.id() == row.customerId()).findFirst()
                .orElse(new Organisations.Row(row.customerId(), "", row.customerName(), "", null, null, null)));
        currency.setValue(row.currency());
        validFrom.setValue(local(row.validFrom()));
        validTo.setValue(local(row.validTo()));
    }

    void setEditable(boolean editable) {
        name.setReadOnly(!editable);
        customer.setReadOnly(!editable);
        currency.setReadOnly(!editable);
        validFrom.setReadOnly(!editable);
        validTo.setReadOnly(!editable);
    }

    PriceLists.Details details() {
        return new PriceLists.Details(name.getValue(), customer.getValue() == null ? null : customer.getValue().id(),
                currency.getValue(), instant(validFrom.getValue()), instant(validTo.getValue()));
    }

    private LocalDateTime local(Instant at) {
        return at == null ? null : LocalDateTime.ofInstant(at, zone);
    }

    private Instant instant(LocalDateTime local) {
        return local == null ? null : local.atZone(zone).toInstant();
    }
}

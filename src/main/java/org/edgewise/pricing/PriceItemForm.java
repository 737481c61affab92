package org.edgewise.pricing;

import java.math.BigDecimal;
import java.util.List;

import org.edgewise.catalog.Catalog;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextField;

/** One price of a list: the product chosen by name, its software type or every type, the charge and the money. */
class PriceItemForm extends FormLayout {

    private final ComboBox<Catalog.Product> product = new ComboBox<>("Product");
    private final TextField softwareType = new TextField("Software type");
    private final ComboBox<String> charge = new ComboBox<>("Charge");
    private final BigDecimalField unitPrice = new BigDecimalField("Unit price");
    private final BigDecimalField taxRate = new BigDecimalField("Tax rate");

    private final String currency;

    PriceItemForm(List<Catalog.Product> products, String currency) {
        this.currency = currency;
        product.setId("price-item-product");
        product.setItems(products);
        product.setItemLabelGenerator(Catalog.Product::name);
        product.setRequiredIndicatorVisible(true);
        softwareType.setId("price-item-software-type");
        softwareType.setPlaceholder("every type");
        softwareType.setHelperText("Empty: the price of every software type without a price of its own");
        charge.setId("price-item-charge");
        charge.setItems(PriceLists.CHARGES);
        charge.setAllowCustomValue(true);
        charge.addCustomValueSetListener(e -> charge.setValue(e.getDetail()));
        charge.setValue(PriceLists.MONTH);
        charge.setHelperText("month: a month of subscription; cpu_hour; disk_gb_month; counter:<name> per unit");
        unitPrice.setId("price-item-unit-price");
        unitPrice.setSuffixComponent(new Span(currency));
        unitPrice.setHelperText("Up to " + PriceLists.UNIT_PRICE_DECIMALS + " decimals; amounts are rounded to the "
                + Money.minorDigits(currency) + " decimals of " + currency + " on the invoice only");
        taxRate.setId("price-item-tax-rate");
        taxRate.setSuffixComponent(new Span("%"));
        taxRate.setValue(new BigDecimal("20.00"));
        add(product, softwareType, charge, unitPrice, taxRate);
    }

    void show(PriceLists.Item item) {
        product.getListDataView().getItems().filter(p -> p.id() == item.productId()).findFirst()
                .ifPresent(product::setValue);
        softwareType.setValue(item.softwareType());
        charge.setValue(item.charge());
        unitPrice.setValue(Money.shown(item.unitPrice(), currency));
        taxRate.setValue(item.taxRate());
    }

    PriceLists.ItemDetails details() {
        return new PriceLists.ItemDetails(product.getValue() == null ? null : product.getValue().id(),
                softwareType.getValue(), charge.getValue(), unitPrice.getValue(), taxRate.getValue());
    }
}

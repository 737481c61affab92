package org.edgewise.billing;

import java.math.BigDecimal;
import java.util.List;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;

/** The parts invoice and credit note pages share: the tax summary, the totals, a read-only field. */
final class BillingGrids {

    private BillingGrids() {
    }

    static Grid<Invoices.Tax> taxes(List<Invoices.Tax> taxes, String currency, String id) {
        Grid<Invoices.Tax> grid = new Grid<>();
        grid.setId(id);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.addColumn(t -> Amounts.rate(t.rate())).setHeader("Tax rate").setTextAlign(ColumnTextAlign.END);
        grid.addColumn(t -> Amounts.money(t.net(), currency)).setHeader("Net").setTextAlign(ColumnTextAlign.END);
        grid.addColumn(t -> Amounts.money(t.tax(), currency)).setHeader("Tax").setTextAlign(ColumnTextAlign.END);
        grid.setItems(taxes);
        grid.setAllRowsVisible(true);
        grid.setWidth("min(560px, 100%)");
        grid.setEmptyStateText("No tax: there are no lines.");
        return grid;
    }

    static Component totals(BigDecimal net, BigDecimal tax, BigDecimal gross, String currency, String id) {
        Div totals = new Div(total("Net", net, currency, "total-net"), total("Tax", tax, currency, "total-tax"),
                total("Total", gross, currency, "total-gross"));
        totals.setId(id);
        totals.addClassName("billing-totals");
        return totals;
    }

    static TextField readOnly(String label, String value, String id) {
        TextField field = new TextField(label);
        field.setValue(value == null ? "" : value);
        field.setReadOnly(true);
        field.setId(id);
        return field;
    }

    private static Div total(String label, BigDecimal amount, String currency, String className) {
        Span value = new Span(Amounts.money(amount, currency));
        value.addClassName("billing-total-value");
        Div row = new Div(new Span(label + ": "), value);
        row.addClassName(className);
        return row;
    }
}

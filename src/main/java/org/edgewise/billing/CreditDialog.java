package org.edgewise.billing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextArea;

/**
 * What to credit of an invoice: each line with what is left to credit of it, already filled in, so that crediting
 * the whole invoice is one click; lowering a quantity (or setting it to 0) credits a part.
 */
class CreditDialog extends Dialog {

    CreditDialog(Invoices.Invoice invoice, List<CreditNotes.Creditable> lines,
            BiPredicate<List<CreditNotes.Credit>, String> create) {
        setHeaderTitle("Credit " + invoice.number());
        setWidth("min(900px, 95vw)");
        Map<Long, BigDecimalField> quantities = new LinkedHashMap<>();
        Grid<CreditNotes.Creditable> grid = new Grid<>();
        grid.setId("credit-lines");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.addColumn(CreditNotes.Creditable::position).setHeader("#").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(CreditNotes.Creditable::description).setHeader("Description").setFlexGrow(1);
        grid.addColumn(l -> Invoices.plain(l.uncreditedQuantity()) + " of " + Invoices.plain(l.quantity()) + " "
                + l.unit()).setHeader("Left to credit").setAutoWidth(true);
        grid.addColumn(l -> Amounts.money(l.uncreditedNet(), invoice.currency())).setHeader("Net left")
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addComponentColumn(l -> {
            BigDecimalField quantity = new BigDecimalField();
            quantity.setValue(l.uncreditedQuantity());
            quantity.setEnabled(l.uncreditedQuantity().signum() > 0);
            quantity.setId("credit-quantity-" + l.position());
            quantities.put(l.lineId(), quantity);
            return quantity;
        }).setHeader("Quantity to credit").setAutoWidth(true);
        grid.setItems(lines);
        grid.setAllRowsVisible(true);
        TextArea reason = new TextArea("Reason");
        reason.setWidthFull();
        reason.setMaxLength(1_000);
        reason.setId("credit-reason");
        add(new Paragraph("The credit note is a draft until it is issued. A line credited in full is credited its "
                + "whole net; a part of a line is credited its quantity × unit price."), grid, reason);
        Button save = new Button("Create credit note", e -> {
            List<CreditNotes.Credit> credits = new ArrayList<>();
            quantities.forEach((lineId, field) -> {
                BigDecimal quantity = field.getValue();
                if (quantity != null && quantity.signum() != 0) {
                    credits.add(new CreditNotes.Credit(lineId, quantity));
                }
            });
            if (credits.isEmpty()) {
                reason.setInvalid(true);
                reason.setErrorMessage("Give a quantity to credit on at least one line.");
                return;
            }
            if (create.test(credits, reason.getValue())) {
                close();
            }
        });
        save.setId("credit-create");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button("Cancel", e -> close());
        getFooter().add(cancel, save);
    }
}

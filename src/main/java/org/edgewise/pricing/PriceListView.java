package org.edgewise.pricing;

import java.util.List;

import org.edgewise.access.Role;
import org.edgewise.catalog.Catalog;
import org.edgewise.catalog.CatalogWorkflows;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.PageRequest;
import org.edgewise.party.Organisations;
import org.edgewise.security.CurrentUser;
import org.edgewise.ui.DocumentPage;
import org.edgewise.ui.DocumentView;
import org.edgewise.ui.EditableFields;
import org.edgewise.ui.FormDialog;
import org.edgewise.ui.Notifications;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

/** One price list: its fields, its prices (added, changed and removed while a draft), its actions and timeline. */
@Route("price-lists/:reference")
@RolesAllowed({ Role.CUSTOMER_NAME, Role.SALES_NAME, Role.BILLING_NAME, Role.SUPPORT_NAME, Role.OPERATOR_NAME,
        Role.ADMIN_NAME })
public class PriceListView extends DocumentView<PriceLists.Row> {

    private final PriceLists lists;
    private final Organisations organisations;
    private final Catalog catalog;

    public PriceListView(PriceLists lists, Organisations organisations, Catalog catalog, DocumentEngine engine,
            CurrentUser currentUser) {
        super(engine, currentUser, "Price list", "Price lists", "price-lists", "All price lists");
        this.lists = lists;
        this.organisations = organisations;
        this.catalog = catalog;
    }

    @Override
    protected PriceLists.Row find(String reference) {
        return lists.get(reference, actor);
    }

    @Override
    protected long idOf(PriceLists.Row row) {
        return row.id();
    }

    @Override
    protected void compose(DocumentPage page, PriceLists.Row row, Document doc) {
        boolean editable = engine.canEdit(doc, actor);
        PriceListForm form = new PriceListForm(editable ? organisations.active(actor) : List.of(), lists.zone(),
                row.validFrom());
        form.show(row);
        page.setFields(EditableFields.of(form, editable, form::setEditable,
                () -> lists.update(row.id(), form.details(), actor), reference, this::load));
        page.setLines(items(row, editable));
        page.confirmBefore(PricingWorkflows.ACTIVATE, "From " + lists.when(row.validFrom()) + " these prices apply to "
                + (row.customerName() == null ? "every customer without a list of their own" : row.customerName())
                + ". Once active they can no longer be changed: a later list takes over from its own start.");
    }

    private VerticalLayout items(PriceLists.Row row, boolean editable) {
        Grid<PriceLists.Item> grid = new Grid<>();
        grid.setId("price-list-items");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(PriceLists.Item::productName).setHeader("Product").setAutoWidth(true);
        grid.addColumn(i -> i.softwareType().isEmpty() ? "every type" : i.softwareType()).setHeader("Software type")
                .setAutoWidth(true);
        grid.addColumn(PriceLists.Item::charge).setHeader("Charge").setAutoWidth(true);
        grid.addColumn(i -> Money.format(i.unitPrice(), row.currency())).setHeader("Unit price").setAutoWidth(true);
        grid.addColumn(i -> Money.percent(i.taxRate())).setHeader("Tax rate").setAutoWidth(true);
        if (editable) {
            grid.addComponentColumn(i -> {
                Button change = new Button("Change", e -> edit(row, i));
                change.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
                change.setId("price-item-change-" + i.id());
                Button remove = new Button("Remove", e -> {
                    if (Notifications.attempt(() -> lists.removeItem(i.id(), actor))) {
                        Notifications.success("Price of " + i.describe() + " removed.");
                        load();
                    }
                });
                remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
                remove.setId("price-item-remove-" + i.id());
                return new HorizontalLayout(change, remove);
            }).setHeader("").setAutoWidth(true);
        }
        grid.setItems(lists.items(row.id(), actor));
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText(editable ? "No price yet: add the first one." : "No price in this list.");
        HorizontalLayout heading = new HorizontalLayout(new H3("Prices"));
        heading.setAlignItems(FlexComponent.Alignment.BASELINE);
        if (editable) {
            Button add = new Button("Add a price", VaadinIcon.PLUS.create(), e -> edit(row, null));
            add.setId("price-item-add");
            heading.add(add);
        }
        VerticalLayout section = new VerticalLayout(heading, grid);
        section.setPadding(false);
        return section;
    }

    /** Adds a price, or changes {@code item} when there is one. */
    private void edit(PriceLists.Row row, PriceLists.Item item) {
        List<Catalog.Product> products = catalog.productPage(new PageRequest(null, CatalogWorkflows.ACTIVE,
                List.of(new PageRequest.Sort("name", true)), 0, 1000), actor);
        PriceItemForm form = new PriceItemForm(products, row.currency());
        if (item != null) {
            form.show(item);
        }
        new FormDialog(item == null ? "Add a price" : "Change the price of " + item.describe(), form, "Save", () -> {
            boolean ok = Notifications.attempt(() -> {
                if (item == null) {
                    lists.addItem(row.id(), form.details(), actor);
                } else {
                    lists.changeItem(item.id(), form.details(), actor);
                }
            });
            if (ok) {
                load();
            }
            return ok;
        }).open();
    }
}

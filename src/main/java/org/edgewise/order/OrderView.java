package org.edgewise.order;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.edgewise.access.Role;
import org.edgewise.catalog.Catalog;
import org.edgewise.catalog.ParameterForm;
import org.edgewise.catalog.ParameterSchemas;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.ValidationException;
import org.edgewise.pricing.Money;
import org.edgewise.security.CurrentUser;
import org.edgewise.ui.ReadOnlyField;
import org.edgewise.ui.DocumentPage;
import org.edgewise.ui.DocumentView;
import org.edgewise.ui.FormDialog;
import org.edgewise.ui.Formats;
import org.edgewise.ui.Notifications;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

/**
 * One order: its customer, what its check waits for, its services (each with its plan, parameters, monthly price
 * and, once confirmed, the service it became) and the timeline, with the workflow's actions: submit a cart, send it
 * as a quotation, accept or decline a quotation, confirm or reject a submitted order.
 */
@Route("orders/:reference")
@RolesAllowed({ Role.CUSTOMER_NAME, Role.SALES_NAME, Role.BILLING_NAME, Role.SUPPORT_NAME, Role.ADMIN_NAME })
public class OrderView extends DocumentView<Orders.Order> {

    private final Orders orders;
    private final Catalog catalog;
    private final ParameterSchemas schemas;
    private final ObjectMapper json;

    public OrderView(Orders orders, Catalog catalog, ParameterSchemas schemas, ObjectMapper json, DocumentEngine engine,
            CurrentUser currentUser) {
        super(engine, currentUser, "Order", "Orders", "orders", "All orders");
        this.orders = orders;
        this.catalog = catalog;
        this.schemas = schemas;
        this.json = json;
    }

    @Override
    protected Orders.Order find(String reference) {
        return orders.get(reference, actor);
    }

    @Override
    protected long idOf(Orders.Order order) {
        return order.id();
    }

    @Override
    protected void compose(DocumentPage page, Orders.Order order, Document doc) {
        FormLayout fields = new FormLayout();
        fields.add(ReadOnlyField.of("Customer", order.customerName(), "order-customer"),
                ReadOnlyField.of("Ordered by", order.orderedBy(), "order-ordered-by"),
                ReadOnlyField.of("Submitted", Formats.when(order.submittedAt(), ""), "order-submitted"),
                ReadOnlyField.of("Confirmed", Formats.when(order.confirmedAt(), ""), "order-confirmed"),
                ReadOnlyField.of("First month", order.monthTotal().entrySet().stream()
                        .map(e -> Money.rounded(e.getValue(), e.getKey()) + " with tax").reduce((a, b) -> a + ", " + b)
                        .orElse("no price set"), "order-month-total"));
        VerticalLayout top = new VerticalLayout(fields);
        top.setPadding(false);
        if (order.checkNote() != null) {
            Paragraph note = new Paragraph(order.checkNote());
            note.setId("order-check-note");
            note.addClassName("attention");
            top.addComponentAsFirst(note);
        }
        page.setFields(top);
        page.confirmBefore(OrderWorkflows.SUBMIT, "Submitting orders these services: they start at once and their "
                + "subscriptions begin.");
        page.confirmBefore(OrderWorkflows.ACCEPT, "Accepting orders these services: they start at once and their "
                + "subscriptions begin.");
        VerticalLayout lines = new VerticalLayout(new H3("Services"), lines(order, doc));
        lines.setPadding(false);
        if (engine.canEdit(doc, actor)) {
            Button add = new Button("Add a service", VaadinIcon.PLUS.create(), e -> addLine(order));
            add.setId("order-add-line");
            lines.add(add);
        }
        page.setLines(lines);
    }

    private Grid<Orders.Line> lines(Orders.Order order, Document doc) {
        Grid<Orders.Line> grid = new Grid<>();
        grid.setId("order-lines");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(Orders.Line::title).setHeader("Service").setAutoWidth(true);
        grid.addColumn(l -> l.product() + " · " + l.softwareType()).setHeader("Product and plan").setAutoWidth(true);
        grid.addColumn(l -> l.parameters().toString()).setHeader("Settings").setFlexGrow(1);
        grid.addColumn(l -> l.monthPrice() == null ? "no price set" : Money.format(l.monthPrice(), l.currency())
                + " + " + Money.percent(l.taxRate())).setHeader("Per month").setAutoWidth(true);
        grid.addComponentColumn(l -> l.tree() == null ? new Div() : new Anchor("services/" + l.tree(), l.tree()))
                .setHeader("Running as").setAutoWidth(true);
        if (engine.canEdit(doc, actor)) {
            grid.addComponentColumn(l -> {
                Button remove = new Button(VaadinIcon.TRASH.create(), e -> {
                    if (Notifications.attempt(() -> orders.removeLine(order.id(), l.id(), actor))) {
                        load();
                    }
                });
                remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
                remove.setTooltipText("Take this service out of the order");
                return remove;
            }).setAutoWidth(true);
        }
        grid.setItems(order.lines());
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText("No service yet: add one.");
        return grid;
    }

    private void addLine(Orders.Order order) {
        ComboBox<Catalog.Release> release = new ComboBox<>("Product");
        release.setId("order-line-release");
        release.setItems(catalog.newestPublished());
        release.setItemLabelGenerator(r -> r.productName() + " " + r.version());
        release.setRequiredIndicatorVisible(true);
        Select<String> plan = new Select<>();
        plan.setLabel("Plan");
        plan.setId("order-line-plan");
        TextField title = new TextField("Name of the service");
        title.setId("order-line-title");
        title.setRequiredIndicatorVisible(true);
        Div parameters = new Div();
        ParameterForm[] form = { new ParameterForm(null, json) };
        parameters.add(form[0]);
        Runnable redraw = () -> {
            parameters.removeAll();
            Optional<com.fasterxml.jackson.databind.JsonNode> schema = release.getValue() == null || plan.getValue() == null
                    ? Optional.empty() : schemas.schema(release.getValue().id(), plan.getValue());
            form[0] = new ParameterForm(schema.orElse(null), json);
            parameters.add(form[0]);
        };
        release.addValueChangeListener(e -> {
            plan.setItems(e.getValue() == null ? List.of() : e.getValue().softwareTypes());
            if (e.getValue() != null) {
                plan.setValue(e.getValue().softwareTypes().get(0));
            }
            redraw.run();
        });
        plan.addValueChangeListener(e -> redraw.run());
        FormLayout layout = new FormLayout(release, plan, title, parameters);
        layout.setColspan(parameters, 2);
        new FormDialog("Add a service to " + order.reference(), layout, "Add", () -> {
            if (release.getValue() == null) {
                release.setErrorMessage("Choose the product.");
                release.setInvalid(true);
                return false;
            }
            Optional<Map<String, Object>> values = form[0].value();
            if (values.isEmpty()) {
                return false;
            }
            try {
                orders.addLine(order.id(), new Orders.NewLine(null, release.getValue().reference(), plan.getValue(),
                        title.getValue(), values.get()), actor);
            } catch (ValidationException e) {
                if ("title".equals(e.field())) {
                    title.setErrorMessage(e.getMessage());
                    title.setInvalid(true);
                } else if (e.field() != null && e.field().startsWith("parameters")) {
                    form[0].showProblems(Map.of(e.field().replaceFirst("^parameters\\.?", ""), e.getMessage()));
                } else {
                    Notifications.error(e.getMessage());
                }
                return false;
            }
            load();
            return true;
        }).open();
    }
}

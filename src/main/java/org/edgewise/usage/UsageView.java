package org.edgewise.usage;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.security.CurrentUser;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

/**
 * What services used in a billing month, per service, instance, customer or computer (the last two for staff),
 * in readable units; a click opens the service, instance, customer or computer. Customers see their own.
 */
@Route("usage")
@PageTitle("Usage · Edgewise")
@Menu(order = 30, title = "Usage", icon = "vaadin:chart")
@RolesAllowed({ Role.CUSTOMER_NAME, Role.OPERATOR_NAME, Role.SALES_NAME, Role.BILLING_NAME, Role.ADMIN_NAME })
public class UsageView extends VerticalLayout {

    /** How many months back the period selector goes. */
    static final int MONTHS_SHOWN = 24;

    final Select<YearMonth> period = new Select<>();
    final Select<UsageTotals.Grouping> grouping = new Select<>();
    final Grid<UsageTotals.Totals> grid = new Grid<>();

    public UsageView(UsageTotals totals, BillingMonths months, CurrentUser currentUser) {
        Actor actor = currentUser.actor();
        addClassName("usage-view");
        setSizeFull();
        List<YearMonth> choices = new ArrayList<>();
        for (int back = 0; back < MONTHS_SHOWN; back++) {
            choices.add(months.current().minusMonths(back));
        }
        period.setLabel("Month");
        period.setItems(choices);
        period.setItemLabelGenerator(UsageSection.MONTH::format);
        period.setValue(choices.get(0));
        period.setId("usage-period");
        grouping.setLabel("Added up");
        grouping.setItems(totals.groupings(actor));
        grouping.setItemLabelGenerator(g -> g.label);
        grouping.setValue(UsageTotals.Grouping.TREE);
        grouping.setId("usage-grouping");
        HorizontalLayout toolbar = new HorizontalLayout(new H2("Usage"), period, grouping);
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);
        Paragraph help = new Paragraph("Months of the billing time zone (" + months.zone().getId() + "). CPU time, "
                + "uptime and counters add up over the month; memory is each instance's peak and disk its last "
                + "measured size, added up over the instances of a group.");
        help.addClassName("usage-help");

        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.setSizeFull();
        grid.setId("usage-grid");
        grid.addColumn(t -> t.reference() == null ? "" : t.reference()).setHeader("Reference").setAutoWidth(true);
        grid.addColumn(UsageTotals.Totals::title).setHeader("Name").setAutoWidth(true).setResizable(true);
        for (UsageFormats.Shown shown : UsageFormats.FIXED) {
            grid.addColumn(t -> shown.format(t.usage().get(shown.metric()))).setHeader(shown.label()).setAutoWidth(true);
        }
        grid.addColumn(t -> UsageFormats.counters(t.usage())).setHeader("Counters").setAutoWidth(true);
        grid.setEmptyStateText("No usage measured in this month.");
        grid.addItemClickListener(e -> {
            if (e.getItem().reference() != null) {
                getUI().ifPresent(ui -> ui.navigate(grouping.getValue().route + e.getItem().reference()));
            }
        });
        grid.setItems(query -> totals.page(grouping.getValue(), period.getValue(), null, actor, query.getOffset(),
                query.getLimit()).stream(), query -> totals.count(grouping.getValue(), period.getValue(), null, actor));
        period.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        grouping.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        add(toolbar, help, grid);
    }
}

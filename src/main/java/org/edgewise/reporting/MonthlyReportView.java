package org.edgewise.reporting;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.edgewise.access.Role;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

/**
 * The monthly revenue and usage report: twelve months up to the chosen one, as charts drawn on the server
 * and as the figures behind them, and the chosen month's revenue per product.
 */
@Route("reports/revenue-and-usage")
@PageTitle("Revenue and usage · Edgewise")
@Menu(order = 75, title = "Revenue and usage", icon = "vaadin:chart")
@RolesAllowed({ Role.SALES_NAME, Role.BILLING_NAME, Role.ADMIN_NAME })
public class MonthlyReportView extends VerticalLayout {

    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);

    private final MonthlyFigures figures;
    private final VerticalLayout body = new VerticalLayout();

    public MonthlyReportView(MonthlyFigures figures, Clock clock) {
        this.figures = figures;
        addClassName("monthly-report");
        YearMonth now = YearMonth.from(clock.instant().atZone(figures.zone()));
        Select<YearMonth> month = new Select<>();
        month.setId("report-month");
        month.setLabel("Twelve months up to");
        List<YearMonth> months = new ArrayList<>();
        for (int i = 0; i < 36; i++) {
            months.add(now.minusMonths(i));
        }
        month.setItems(months);
        month.setItemLabelGenerator(LABEL::format);
        month.setValue(now);
        month.addValueChangeListener(e -> show(e.getValue()));
        body.setPadding(false);
        add(new H2("Revenue and usage"), month, body);
        show(now);
    }

    private void show(YearMonth last) {
        body.removeAll();
        YearMonth first = last.minusMonths(11);
        List<MonthlyFigures.Revenue> revenue = figures.revenue(first, last);
        List<MonthlyFigures.Usage> usage = figures.usage(first, last);
        List<String> labels = new ArrayList<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            labels.add(LABEL.format(m));
        }
        Map<String, List<BigDecimal>> netByCurrency = new LinkedHashMap<>();
        for (MonthlyFigures.Revenue r : revenue) {
            netByCurrency.computeIfAbsent("Net revenue (" + r.currency() + ")", c -> new ArrayList<>()).add(r.net());
        }
        body.add(new H3("Revenue, net of tax and of credit notes"),
                chart("revenue-chart", "Revenue per month", Charts.bars("Net revenue", labels, netByCurrency)),
                revenueGrid(revenue));
        Map<String, List<BigDecimal>> usageSeries = new LinkedHashMap<>();
        usageSeries.put("CPU hours", column(usage, MonthlyFigures.Usage::cpuHours));
        usageSeries.put("Service hours (uptime)", column(usage, MonthlyFigures.Usage::uptimeHours));
        body.add(new H3("Usage measured by the nodes"),
                chart("usage-chart", "Usage per month", Charts.lines("Hours", labels, usageSeries)), usageGrid(usage));
        List<MonthlyFigures.ProductRevenue> products = figures.revenueByProduct(last);
        body.add(new H3("Revenue per product in " + LABEL.format(last)));
        if (products.isEmpty()) {
            body.add(new Paragraph("No invoice was issued in " + LABEL.format(last) + "."));
        } else {
            Map<String, List<BigDecimal>> byProduct = new LinkedHashMap<>();
            List<String> names = new ArrayList<>();
            for (MonthlyFigures.ProductRevenue p : products) {
                if (!names.contains(p.product())) {
                    names.add(p.product());
                }
            }
            for (MonthlyFigures.ProductRevenue p : products) {
                List<BigDecimal> values = byProduct.computeIfAbsent(p.currency(),
                        c -> new ArrayList<>(java.util.Collections.nCopies(names.size(), BigDecimal.ZERO)));
                values.set(names.indexOf(p.product()), p.net());
            }
            body.add(chart("product-chart", "Revenue per product", Charts.bars("Net revenue", names, byProduct)));
            Grid<MonthlyFigures.ProductRevenue> grid = grid();
            grid.addColumn(MonthlyFigures.ProductRevenue::product).setHeader("Product");
            grid.addColumn(p -> p.net().toPlainString() + " " + p.currency()).setHeader("Net revenue");
            grid.setItems(products);
            body.add(grid);
        }
    }

    private static List<BigDecimal> column(List<MonthlyFigures.Usage> usage,
            Function<MonthlyFigures.Usage, BigDecimal> value) {
        return usage.stream().map(value).toList();
    }

    /** The chart as the console shows every chart (the monthly figures' charts are drawn by this package's own). */
    private static Image chart(String id, String alt, byte[] png) {
        return org.edgewise.ui.Charts.image(id, alt, png);
    }

    private static Grid<MonthlyFigures.Revenue> revenueGrid(List<MonthlyFigures.Revenue> rows) {
        Grid<MonthlyFigures.Revenue> grid = grid();
        grid.setId("revenue-grid");
        grid.addColumn(r -> LABEL.format(r.month())).setHeader("Month");
        grid.addColumn(r -> r.invoiced().toPlainString() + " " + r.currency()).setHeader("Invoiced");
        grid.addColumn(r -> r.credited().toPlainString() + " " + r.currency()).setHeader("Credited");
        grid.addColumn(r -> r.net().toPlainString() + " " + r.currency()).setHeader("Net revenue");
        grid.setItems(rows);
        return grid;
    }

    private static Grid<MonthlyFigures.Usage> usageGrid(List<MonthlyFigures.Usage> rows) {
        Grid<MonthlyFigures.Usage> grid = grid();
        grid.setId("usage-grid");
        grid.addColumn(u -> LABEL.format(u.month())).setHeader("Month");
        grid.addColumn(u -> u.cpuHours().toPlainString()).setHeader("CPU hours");
        grid.addColumn(u -> u.uptimeHours().toPlainString()).setHeader("Service hours");
        grid.addColumn(u -> u.peakMemoryGb().toPlainString()).setHeader("Highest peak memory (GB)");
        grid.addColumn(u -> u.counted().toPlainString()).setHeader("Counted (e.g. requests)");
        grid.setItems(rows);
        return grid;
    }

    private static <T> Grid<T> grid() {
        Grid<T> grid = new Grid<>();
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setAllRowsVisible(true);
        return grid;
    }
}

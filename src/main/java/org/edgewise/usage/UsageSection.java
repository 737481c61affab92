package org.edgewise.usage;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.edgewise.access.Actor;
import org.edgewise.instance.InstanceInfo;
import org.edgewise.instance.ServiceSection;
import org.edgewise.instance.Trees;
import org.springframework.core.annotation.Order;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/** On a service's and an instance's page: what it used this month and last month, for those who may see usage. */
@org.springframework.stereotype.Component
@Order(10)
class UsageSection implements ServiceSection {

    static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);

    private final UsageTotals totals;
    private final BillingMonths months;

    UsageSection(UsageTotals totals, BillingMonths months) {
        this.totals = totals;
        this.months = months;
    }

    @Override
    public Optional<Component> sectionFor(Trees.Tree tree, Actor actor) {
        if (!UsageTotals.maySee(actor)) {
            return Optional.empty();
        }
        long treeId = tree.root().treeId();
        YearMonth now = months.current();
        return Optional.of(section("service-usage", now, totals.ofTree(treeId, now, actor),
                totals.ofTree(treeId, now.minusMonths(1), actor)));
    }

    @Override
    public Optional<Component> sectionFor(InstanceInfo instance, Actor actor) {
        if (!UsageTotals.maySee(actor)) {
            return Optional.empty();
        }
        YearMonth now = months.current();
        return Optional.of(section("instance-usage", now, totals.ofInstance(instance.id(), now, actor),
                totals.ofInstance(instance.id(), now.minusMonths(1), actor)));
    }

    /** One line per metric, with this month's and last month's totals. */
    static Component section(String id, YearMonth now, Map<String, BigDecimal> thisMonth, Map<String, BigDecimal> lastMonth) {
        VerticalLayout section = new VerticalLayout(new H3("Usage"));
        section.setPadding(false);
        section.setId(id);
        if (thisMonth.isEmpty() && lastMonth.isEmpty()) {
            section.add(new Paragraph("No usage measured in " + MONTH.format(now) + " or " + MONTH.format(now.minusMonths(1))
                    + " yet: its node reports what it uses every minute while it runs."));
            return section;
        }
        Grid<UsageFormats.Shown> grid = new Grid<>();
        grid.addColumn(UsageFormats.Shown::label).setHeader("Measured").setAutoWidth(true);
        grid.addColumn(s -> s.format(thisMonth.get(s.metric()))).setHeader(MONTH.format(now) + " (so far)")
                .setAutoWidth(true);
        grid.addColumn(s -> s.format(lastMonth.get(s.metric()))).setHeader(MONTH.format(now.minusMonths(1)))
                .setAutoWidth(true);
        grid.setItems(UsageFormats.shown(List.of(thisMonth, lastMonth)));
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setId(id + "-grid");
        section.add(grid);
        return section;
    }
}

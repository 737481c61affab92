package org.edgewise.payment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.security.CurrentUser;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

/** What customers owe: each customer's balance, and the aged receivables today with their totals. */
@Route("receivables")
@PageTitle("Receivables · Edgewise")
@Menu(order = 42, title = "Receivables", icon = "vaadin:scale")
@RolesAllowed({ Role.SALES_NAME, Role.BILLING_NAME, Role.ADMIN_NAME })
public class ReceivablesView extends VerticalLayout {

    public ReceivablesView(Receivables receivables, CurrentUser currentUser) {
        Actor actor = currentUser.actor();
        addClassName("receivables");
        setMaxWidth("1400px");
        Receivables.AgedReceivables aged = receivables.agedReceivables(actor);
        add(new H2("Receivables"), new H3("Aged receivables on " + aged.asOf()), agedGrid(aged),
                new H3("Balances"), balanceGrid(receivables.balances(actor)));
    }

    /** One row per customer and currency, then the totals of each currency. */
    static Grid<Receivables.Aged> agedGrid(Receivables.AgedReceivables aged) {
        Grid<Receivables.Aged> grid = new Grid<>();
        grid.setId("aged-receivables");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(a -> a.customerReference() == null ? a.customerName()
                : a.customerName() + " · " + a.customerReference()).setHeader("Customer").setFlexGrow(1)
                .setResizable(true);
        for (Receivables.Bucket bucket : Receivables.Bucket.values()) {
            grid.addColumn(a -> Money.format(a.in(bucket), a.currency())).setHeader(bucket.label()).setAutoWidth(true)
                    .setKey(bucket.name());
        }
        grid.addColumn(a -> Money.format(a.total(), a.currency())).setHeader("Total").setAutoWidth(true);
        grid.setPartNameGenerator(a -> a.customerReference() == null ? "total" : null);
        List<Receivables.Aged> rows = new ArrayList<>(aged.customers());
        rows.addAll(aged.totals());
        grid.setItems(rows);
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText("Nothing is due.");
        return grid;
    }

    static Grid<Receivables.Balance> balanceGrid(List<Receivables.Balance> balances) {
        Grid<Receivables.Balance> grid = new Grid<>();
        grid.setId("balances");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(b -> b.customerName() + " · " + b.customerReference()).setHeader("Customer").setFlexGrow(1)
                .setResizable(true);
        amount(grid, "Invoiced", Receivables.Balance::invoiced);
        amount(grid, "Credited", Receivables.Balance::credited);
        amount(grid, "Paid", Receivables.Balance::paid);
        amount(grid, "Unallocated credit", Receivables.Balance::unallocated);
        amount(grid, "Balance", Receivables.Balance::balance);
        grid.setItems(balances);
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText("No customer was invoiced or paid anything yet.");
        return grid;
    }

    private static void amount(Grid<Receivables.Balance> grid, String header,
            Function<Receivables.Balance, BigDecimal> value) {
        grid.addColumn(b -> Money.format(value.apply(b), b.currency())).setHeader(header).setAutoWidth(true);
    }
}

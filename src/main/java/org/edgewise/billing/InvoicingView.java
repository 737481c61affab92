package org.edgewise.billing;

import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.security.CurrentUser;
import org.edgewise.ui.Formats;
import org.edgewise.ui.Notifications;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.FooterRow;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;

import jakarta.annotation.security.RolesAllowed;

/**
 * The monthly invoicing for billing and sales staff: choose a month that is over, preview what each customer would
 * be invoiced, then run it; the progress shows while it runs (on this Master or another), and the drafts it made
 * are one click away when it is done.
 */
@Route("invoicing")
@PageTitle("Invoicing · Edgewise")
@Menu(order = 60, title = "Invoicing", icon = "vaadin:calc-book")
@RolesAllowed({ Role.SALES_NAME, Role.BILLING_NAME, Role.ADMIN_NAME })
public class InvoicingView extends VerticalLayout {

    static final int REFRESH_MILLIS = 1_000;

    private final InvoiceRuns runs;
    private final Actor actor;
    private final Select<YearMonth> month = new Select<>();
    private final Grid<InvoiceRuns.PreviewRow> grid = new Grid<>();
    private final FooterRow footer;
    private final Grid.Column<InvoiceRuns.PreviewRow> customerColumn;
    private final Grid.Column<InvoiceRuns.PreviewRow> linesColumn;
    private final Grid.Column<InvoiceRuns.PreviewRow> netColumn;
    private final Grid.Column<InvoiceRuns.PreviewRow> taxColumn;
    private final Grid.Column<InvoiceRuns.PreviewRow> grossColumn;
    private final Div progress = new Div();
    private Optional<InvoiceRuns.Status> shown = Optional.empty();
    private Registration polling;

    public InvoicingView(InvoiceRuns runs, CurrentUser currentUser) {
        this.runs = runs;
        this.actor = currentUser.actor();
        setSizeFull();
        addClassName("invoicing");
        month.setLabel("Month");
        month.setId("invoicing-month");
        month.setItems(runs.months());
        month.setItemLabelGenerator(runs::label);
        Button preview = new Button("Preview", VaadinIcon.EYE.create(), e -> preview());
        preview.setId("invoicing-preview");
        Button run = new Button("Run", VaadinIcon.PLAY.create(), e -> confirmRun());
        run.setId("invoicing-run");
        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout toolbar = new HorizontalLayout(new H2("Invoicing"), month, preview, run);
        toolbar.setAlignItems(Alignment.BASELINE);

        grid.setId("invoicing-preview-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        customerColumn = grid.addColumn(r -> r.customerName() + " (" + r.customerReference() + ")")
                .setHeader("Customer").setFlexGrow(1).setSortable(true);
        linesColumn = grid.addColumn(InvoiceRuns.PreviewRow::lines).setHeader("Lines")
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true).setSortable(true);
        grid.addColumn(r -> Amounts.netPerRate(r.taxes())).setHeader("Net per tax rate").setAutoWidth(true);
        netColumn = grid.addColumn(r -> r.net().toPlainString()).setHeader("Net").setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true).setComparator(InvoiceRuns.PreviewRow::net);
        taxColumn = grid.addColumn(r -> r.tax().toPlainString()).setHeader("Tax").setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true).setComparator(InvoiceRuns.PreviewRow::tax);
        grossColumn = grid.addColumn(r -> r.gross().toPlainString()).setHeader("Gross")
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true).setComparator(InvoiceRuns.PreviewRow::gross);
        grid.addColumn(InvoiceRuns.PreviewRow::currency).setHeader("Currency").setAutoWidth(true).setSortable(true);
        footer = grid.appendFooterRow();
        grid.setEmptyStateText("Choose a month and Preview to see what each customer would be invoiced.");
        grid.setSizeFull();
        progress.setId("invoicing-progress");
        progress.setWidthFull();
        add(toolbar, progress, grid);

        month.addValueChangeListener(e -> {
            grid.setItems(List.of());
            showTotals(List.of());
            show(e.getValue() == null ? Optional.empty() : runs.status(e.getValue(), actor));
        });
        month.setValue(runs.months().get(0));
    }

    @Override
    protected void onAttach(AttachEvent event) {
        polling = event.getUI().addPollListener(e -> shown.filter(InvoiceRuns.Status::isRunning)
                .ifPresent(run -> show(runs.status(run.month(), actor))));
        event.getUI().setPollInterval(shown.filter(InvoiceRuns.Status::isRunning).isPresent() ? REFRESH_MILLIS : -1);
    }

    @Override
    protected void onDetach(DetachEvent event) {
        event.getUI().setPollInterval(-1);
        if (polling != null) {
            polling.remove();
        }
    }

    private void preview() {
        InvoiceRuns.Preview[] preview = new InvoiceRuns.Preview[1];
        if (Notifications.attempt(() -> preview[0] = runs.preview(month.getValue(), actor))) {
            grid.setItems(preview[0].customers());
            showTotals(preview[0].totals());
            show(preview[0].run());
        }
    }

    private void confirmRun() {
        YearMonth chosen = month.getValue();
        if (chosen == null) {
            Notifications.error("Choose the month to invoice.");
            return;
        }
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setId("invoicing-confirm");
        confirm.setHeader("Invoice " + runs.label(chosen) + "?");
        confirm.setText("Every customer with charges not invoiced yet, up to the end of " + runs.label(chosen)
                + ", gets a draft invoice. The drafts can be corrected, then issued; a month is run once.");
        confirm.setCancelable(true);
        confirm.setConfirmText("Run");
        confirm.addConfirmListener(e -> {
            InvoiceRuns.Status[] started = new InvoiceRuns.Status[1];
            if (Notifications.attempt(() -> started[0] = runs.start(chosen, actor))) {
                show(Optional.of(started[0]));
            }
        });
        confirm.open();
    }

    private void show(Optional<InvoiceRuns.Status> run) {
        shown = run;
        progress.removeAll();
        getUI().ifPresent(ui -> ui.setPollInterval(run.filter(InvoiceRuns.Status::isRunning).isPresent()
                ? REFRESH_MILLIS : -1));
        if (run.isEmpty()) {
            progress.add(new Paragraph("This month has not been run."));
            return;
        }
        InvoiceRuns.Status status = run.get();
        ProgressBar bar = new ProgressBar(0, Math.max(1, status.customersTotal()), status.customersDone());
        bar.setId("invoicing-progress-bar");
        Span text = new Span(String.format("%s: %s — %d of %d customers done, %d invoices created. Started by %s, %s%s.",
                status.period(), describe(status), status.customersDone(), status.customersTotal(),
                status.invoicesCreated(), status.startedBy(), Formats.when(status.startedAt(), ""),
                status.finishedAt() == null ? "" : ", finished " + Formats.when(status.finishedAt(), "")));
        text.setId("invoicing-progress-text");
        progress.add(bar, text);
        if (status.error() != null) {
            Paragraph error = new Paragraph("Stopped: " + status.error() + " Run it again once this is fixed: the "
                    + "customers already done stay done.");
            error.setId("invoicing-error");
            progress.add(error);
        }
        if (status.isDone()) {
            Anchor drafts = new Anchor("invoices?state=" + BillingWorkflows.DRAFT, "Open the draft invoices");
            drafts.setId("invoicing-drafts");
            progress.add(new Div(drafts));
        }
    }

    private static String describe(InvoiceRuns.Status status) {
        return switch (status.state()) {
            case InvoiceRuns.RUNNING -> "running";
            case InvoiceRuns.DONE -> "done";
            default -> "stopped";
        };
    }

    private void showTotals(List<InvoiceRuns.CurrencyTotal> totals) {
        footer.getCell(customerColumn).setText(totals.isEmpty() ? "" : "Total");
        footer.getCell(linesColumn).setComponent(lines(totals, t -> Integer.toString(t.lines())));
        footer.getCell(netColumn).setComponent(lines(totals, t -> Amounts.money(t.net(), t.currency())));
        footer.getCell(taxColumn).setComponent(lines(totals, t -> Amounts.money(t.tax(), t.currency())));
        footer.getCell(grossColumn).setComponent(lines(totals, t -> Amounts.money(t.gross(), t.currency())));
    }

    /** One line per currency, since amounts of different currencies are never added. */
    private static Div lines(List<InvoiceRuns.CurrencyTotal> totals, Function<InvoiceRuns.CurrencyTotal, String> text) {
        Div cell = new Div();
        totals.forEach(t -> cell.add(new Div(text.apply(t))));
        return cell;
    }
}

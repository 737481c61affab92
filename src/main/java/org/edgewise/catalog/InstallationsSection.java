package org.edgewise.catalog;

import java.util.List;
import java.util.Optional;

import org.edgewise.access.Actor;
import org.edgewise.computer.ComputerWorkflows;
import org.edgewise.computer.ComputerSection;
import org.edgewise.computer.Computers;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.PageRequest;
import org.edgewise.ui.FormDialog;
import org.edgewise.ui.Formats;
import org.edgewise.ui.Notifications;
import org.edgewise.ui.StateBadge;
import org.springframework.core.annotation.Order;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;

/**
 * The software of a computer on its page: each installation with what is true of it (asked and reported
 * combined, a failing build with its attempts), what was asked, what the node reported and the line of its
 * log that says what went wrong, and for operators the buttons to supply a release and to remove one.
 */
@org.springframework.stereotype.Component
@Order(10)
class InstallationsSection implements ComputerSection {

    private final Installations installations;
    private final Catalog catalog;
    private final DocumentEngine engine;

    InstallationsSection(Installations installations, Catalog catalog, DocumentEngine engine) {
        this.installations = installations;
        this.catalog = catalog;
        this.engine = engine;
    }

    @Override
    public Optional<Component> sectionFor(Computers.Row computer, Actor actor, Runnable reload) {
        return Optional.of(new Panel(computer, actor));
    }

    private final class Panel extends VerticalLayout {

        private final Computers.Row computer;
        private final Actor actor;
        private final boolean mayManage;
        private final Grid<Installations.Installation> grid = new Grid<>();

        Panel(Computers.Row computer, Actor actor) {
            this.computer = computer;
            this.actor = actor;
            this.mayManage = engine.mayCreate(CatalogWorkflows.INSTALLATION, actor)
                    && !computer.state().equals(ComputerWorkflows.DECOMMISSIONED);
            setId("computer-software");
            setPadding(false);
            HorizontalLayout heading = new HorizontalLayout(new H3("Software"));
            heading.setAlignItems(FlexComponent.Alignment.BASELINE);
            if (mayManage) {
                Button supply = new Button("Supply a release", VaadinIcon.DOWNLOAD.create(), e -> supply());
                supply.setId("supply-release");
                heading.add(supply);
            }
            grid.setId("installations-grid");
            grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
            grid.addColumn(Installations.Installation::url).setHeader("Release").setAutoWidth(true).setFlexGrow(1)
                    .setResizable(true);
            grid.addComponentColumn(i -> {
                StateBadge status = new StateBadge(i.status());
                status.addClassName("installation-status");
                return status;
            }).setHeader("Status").setAutoWidth(true).setResizable(true);
            grid.addComponentColumn(i -> new StateBadge(engine.workflow(CatalogWorkflows.INSTALLATION).state(i.requestedState()))).setHeader("Requested").setAutoWidth(true);
            grid.addComponentColumn(i -> i.reportedState() == null ? new Span("not reported yet")
                    : new StateBadge(CatalogWorkflows.reported(i.reportedState()))).setHeader("Reported").setAutoWidth(true);
            grid.addComponentColumn(this::errorCell).setHeader("Last error").setAutoWidth(true).setResizable(true);
            grid.addColumn(i -> Formats.when(i.reportedAt(), "")).setHeader("Reported at").setAutoWidth(true);
            if (mayManage) {
                grid.addComponentColumn(this::actionCell).setHeader("").setAutoWidth(true).setFlexGrow(0);
            }
            grid.setAllRowsVisible(true);
            grid.setEmptyStateText("No software is supplied on this computer yet.");
            add(heading, grid);
            refresh();
        }

        private void refresh() {
            grid.setItems(installations.onComputer(computer.id()));
        }

        private Component errorCell(Installations.Installation i) {
            if (i.errorLog() == null) {
                return new Span();
            }
            Button log = new Button(Formats.errorLine(i.errorLog(), 80), e -> showLog(i));
            log.addClassName("installation-log");
            log.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR);
            log.setTooltipText("Show the end of the log");
            return log;
        }

        private Component actionCell(Installations.Installation i) {
            if (i.requestedState().equals(CatalogWorkflows.AVAILABLE)) {
                Button remove = new Button("Remove", e -> confirmRemove(i));
                remove.addClassName("installation-remove");
                remove.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR,
                        ButtonVariant.LUMO_TERTIARY);
                return remove;
            }
            Button again = new Button("Supply again", e -> supply(i.url()));
            again.addClassName("installation-supply-again");
            again.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            return again;
        }

        private void showLog(Installations.Installation i) {
            Dialog dialog = new Dialog();
            dialog.setHeaderTitle("Log of " + i.url());
            dialog.setWidth("min(900px, 95vw)");
            Pre log = new Pre(i.errorLog());
            log.addClassName("log");
            log.setId("installation-log-text");
            dialog.add(log);
            dialog.getFooter().add(new Button("Close", e -> dialog.close()));
            dialog.open();
        }

        private void confirmRemove(Installations.Installation i) {
            ConfirmDialog confirm = new ConfirmDialog();
            confirm.setHeader("Remove " + i.url() + "?");
            confirm.setText("The node of " + computer.reference() + " will delete this software. Instances of it "
                    + "on this computer can no longer run there. You can supply it again later.");
            confirm.setCancelable(true);
            confirm.setConfirmText("Remove");
            confirm.setConfirmButtonTheme("error primary");
            confirm.addConfirmListener(e -> {
                if (Notifications.attempt(() -> installations.remove(computer.id(), i.url(), actor))) {
                    Notifications.success(i.url() + " will be removed from " + computer.reference() + ".");
                    refresh();
                }
            });
            confirm.open();
        }

        private void supply() {
            ComboBox<Catalog.Release> release = new ComboBox<>("Release from the catalogue");
            release.setId("supply-release-choice");
            release.setItems(catalog.releasePage(PageRequest.all(), actor).stream()
                    .filter(r -> !r.state().equals(CatalogWorkflows.DEPRECATED)).toList());
            release.setItemLabelGenerator(r -> r.productName() + " " + r.version() + " · " + r.state() + " · "
                    + r.url());
            release.setClearButtonVisible(true);
            release.setWidthFull();
            TextField url = new TextField("Or its URL");
            url.setId("supply-release-url");
            url.setHelperText("The URL of a release that is in the catalogue");
            url.setWidthFull();
            release.addValueChangeListener(e -> url.setEnabled(e.getValue() == null));
            FormLayout form = new FormLayout(release, url);
            form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
            new FormDialog("Supply a release on " + computer.reference(), form, "Supply", () -> {
                String chosen = release.getValue() != null ? release.getValue().url() : url.getValue();
                return supply(chosen);
            }).open();
        }

        private boolean supply(String url) {
            boolean ok = Notifications.attempt(() -> installations.supply(computer.id(), url, actor));
            if (ok) {
                Notifications.success("The node of " + computer.reference() + " will build " + url.strip() + ".");
                refresh();
            }
            return ok;
        }
    }
}

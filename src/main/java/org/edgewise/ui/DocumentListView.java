package org.edgewise.ui;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import org.edgewise.document.PageRequest;
import org.edgewise.document.State;
import org.edgewise.document.Workflow;
import org.springframework.beans.factory.annotation.Autowired;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.contextmenu.ContextMenu;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.QuerySortOrder;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.server.streams.DownloadEvent;

/**
 * A list of documents of one type: a filter on reference and name, a state filter (also from the
 * {@code ?state=} of a deep link), a grid that pages lazily from the database with sortable columns,
 * an Export button that downloads the list as an Excel workbook (its visible columns in the order shown, with
 * the filter, state and sort of the moment), and a "New" button (Alt+N) for those who may create. A click
 * opens the document.
 */
public abstract class DocumentListView<T> extends VerticalLayout implements BeforeEnterObserver {

    protected final Grid<T> grid = new Grid<>();
    private final TextField filter = new TextField();
    private final Select<State> state = new Select<>();
    private final Workflow workflow;
    private final String title;
    private final Function<PageRequest, List<T>> page;
    /** What each column added by {@link #column} or {@link #stateColumn} writes to the export. */
    private final Map<Grid.Column<T>, XlsxExport.Column<T>> exportable = new LinkedHashMap<>();
    /** The columns in the order the user moved them to; empty while they are in the order added. */
    private List<Grid.Column<T>> shownOrder = List.of();
    /** Dates the export's file name; the Master's clock for every view Spring builds, that is every route. */
    private Clock clock = Clock.systemUTC();
    private Button create;
    private final HorizontalLayout toolbar;

    protected DocumentListView(String title, Workflow workflow, Function<PageRequest, List<T>> page,
            ToIntFunction<PageRequest> count, Function<T, String> detailUrl, boolean canCreate) {
        this.workflow = workflow;
        this.title = title;
        this.page = page;
        addClassName("document-list");
        setSizeFull();
        filter.setPlaceholder("Filter by reference or name");
        filter.setPrefixComponent(VaadinIcon.SEARCH.create());
        filter.setClearButtonVisible(true);
        filter.setValueChangeMode(ValueChangeMode.LAZY);
        filter.setId("list-filter");
        filter.addValueChangeListener(e -> refresh());
        state.setPlaceholder("Any state");
        state.setEmptySelectionAllowed(true);
        state.setEmptySelectionCaption("Any state");
        state.setItems(workflow.states());
        state.setItemLabelGenerator(s -> s == null ? "" : s.label());
        state.setId("list-state");
        state.addValueChangeListener(e -> refresh());
        Button columns = new Button("Columns", VaadinIcon.GRID_H.create());
        columns.setId("list-columns");
        columns.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        ContextMenu columnMenu = new ContextMenu(columns);
        columnMenu.setOpenOnClick(true);
        columnMenu.addOpenedChangeListener(e -> {
            if (e.isOpened()) {
                columnMenu.removeAll();
                for (Grid.Column<T> column : grid.getColumns()) {
                    MenuItem item = columnMenu.addItem(column.getHeaderText(), click -> column.setVisible(!column.isVisible()));
                    item.setCheckable(true);
                    item.setChecked(column.isVisible());
                    item.setKeepOpen(true);
                }
            }
        });
        Button export = new Button("Export", VaadinIcon.DOWNLOAD.create());
        export.setId("list-export");
        export.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        export.setTooltipText("Download as Excel (XLSX)");
        Anchor download = new Anchor(this::download, AttachmentType.DOWNLOAD, "");
        download.add(export);
        // the button inside the link is what takes the focus and the Enter key: one stop for the keyboard
        download.getElement().setAttribute("tabindex", "-1");
        toolbar = new HorizontalLayout(new H2(title), filter, state, columns, download);
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);
        toolbar.setWidthFull();
        // the stylesheet wraps it on a phone, where the title, filter and buttons do not fit on one line
        toolbar.addClassName("list-toolbar");
        if (canCreate) {
            create = new Button("New " + workflow.label().toLowerCase(), VaadinIcon.PLUS.create(), e -> create());
            create.setId("list-new");
            create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            create.addClickShortcut(Key.KEY_N, KeyModifier.ALT);
            create.setTooltipText("Alt+N");
            toolbar.add(create);
        }
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.setSizeFull();
        grid.setId("list-grid");
        grid.setMultiSort(true, Grid.MultiSortPriority.APPEND);
        grid.setColumnReorderingAllowed(true);
        grid.addColumnReorderListener(e -> shownOrder = e.getColumns());
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate(detailUrl.apply(e.getItem()))));
        grid.setEmptyStateText("Nothing here yet" + (canCreate ? ": create the first one with New." : "."));
        add(toolbar, grid);
        grid.setItems(query -> page.apply(request(query.getSortOrders(), query.getOffset(), query.getLimit())).stream(),
                query -> count.applyAsInt(request(List.of(), 0, Integer.MAX_VALUE)));
    }

    /** Adds a sortable text column; its key is the sort key the source understands. */
    protected Grid.Column<T> column(String header, String key, com.vaadin.flow.function.ValueProvider<T, ?> value) {
        Grid.Column<T> column = grid.addColumn(value).setHeader(header).setKey(key).setSortProperty(key)
                .setResizable(true).setAutoWidth(true);
        exportable.put(column, new XlsxExport.Column<>(header, value));
        return column;
    }

    /** Adds the state column as a badge. */
    protected Grid.Column<T> stateColumn(com.vaadin.flow.function.ValueProvider<T, String> state) {
        Grid.Column<T> column = grid.addComponentColumn(row -> new StateBadge(workflow.state(state.apply(row))))
                .setHeader("State").setKey("state").setSortProperty("state").setAutoWidth(true);
        exportable.put(column, new XlsxExport.Column<>("State", row -> workflow.state(state.apply(row)).label()));
        return column;
    }

    /** Adds a filter of the view's own beside the state filter; the view refreshes the list when it changes. */
    protected void addFilter(Component extra) {
        toolbar.addComponentAtIndex(toolbar.indexOf(state) + 1, extra);
    }

    /** Names the New button after what users do, e.g. "Request a service". */
    protected void setCreateText(String text) {
        if (create != null) {
            create.setText(text);
        }
    }

    /** Opens the creation form; called by the New button. */
    protected abstract void create();

    protected void refresh() {
        grid.getDataProvider().refreshAll();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        List<String> wanted = event.getLocation().getQueryParameters().getParameters().get("state");
        if (wanted != null && !wanted.isEmpty() && workflow.hasState(wanted.get(0))) {
            state.setValue(workflow.state(wanted.get(0)));
        }
    }

    @Autowired
    void useClock(Clock clock) {
        this.clock = clock;
    }

    /**
     * The list as it is shown now, ready to write: the visible columns in the order shown, with the filter,
     * state and sort of the grid.
     */
    XlsxExport<T> exportAsShown() {
        List<Grid.Column<T>> order = shownOrder.isEmpty() ? grid.getColumns() : shownOrder;
        List<XlsxExport.Column<T>> columns = order.stream().filter(Grid.Column::isVisible)
                .filter(exportable::containsKey).map(exportable::get).toList();
        return new XlsxExport<>(title, columns, page,
                request(grid.getDataCommunicator().getBackEndSorting(), 0, Integer.MAX_VALUE));
    }

    private void download(DownloadEvent event) throws IOException {
        // a download request does not hold the session's lock: take it to read the grid, not for the whole export
        AtomicReference<XlsxExport<T>> shown = new AtomicReference<>();
        event.getUI().accessSynchronously(() -> shown.set(exportAsShown()));
        event.setFileName(title + "-" + LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC) + ".xlsx");
        event.setContentType(XlsxExport.CONTENT_TYPE);
        try (OutputStream out = event.getOutputStream()) {
            shown.get().write(out);
        }
    }

    private PageRequest request(List<QuerySortOrder> orders, int offset, int limit) {
        List<PageRequest.Sort> sort = orders.stream()
                .map(o -> new PageRequest.Sort(o.getSorted(), o.getDirection() == SortDirection.ASCENDING))
                .toList();
        return new PageRequest(filter.getValue(), state.getValue() == null ? null : state.getValue().name(), sort,
                offset, limit);
    }
}

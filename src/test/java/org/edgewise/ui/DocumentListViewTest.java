package org.edgewise.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edgewise.ComponentTree.all;
import static org.edgewise.ComponentTree.byId;
import static org.edgewise.access.RoleGroup.OPERATIONS;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.edgewise.document.PageRequest;
import org.edgewise.document.State;
import org.edgewise.document.Tone;
import org.edgewise.document.Workflow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnReorderEvent;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.SortDirection;

/**
 * The list of every document type reads its state filter from the type's workflow, and exports what it
 * shows.
 */
class DocumentListViewTest {

    private static final Workflow LAMPS = Workflow.define("lamp", "Lamp").series("LMP")
            .state("off", Tone.WARNING)
            .state("on", "shining", Tone.SUCCESS)
            .finalState("broken", Tone.DANGER)
            .initial("off")
            .createdBy(OPERATIONS)
            .transition("off", "switch-on", "on", "Switch on", OPERATIONS)
            .build();

    /** Held here, as Vaadin holds the current UI only weakly. */
    private final UI ui = new UI();

    /** A view is made inside the UI it belongs to; its download link asks that UI for its address. */
    @BeforeEach
    void openUi() {
        UI.setCurrent(ui);
    }

    @AfterEach
    void closeUi() {
        UI.setCurrent(null);
    }

    @Test
    void theStateFilterOffersTheWorkflowsStatesByTheirLabels() {
        DocumentListView<String> list = new DocumentListView<>("Lamps", LAMPS, page -> List.of(), page -> 0,
                row -> "lamps/" + row, false) {
            @Override
            protected void create() {
                // nobody may create here
            }
        };

        @SuppressWarnings("unchecked")
        Select<State> filter = all(list).filter(Select.class::isInstance).map(c -> (Select<State>) c).findFirst()
                .orElseThrow();
        assertThat(filter.getListDataView().getItems().map(State::name)).containsExactly("off", "on", "broken");
        assertThat(filter.getItemLabelGenerator().apply(LAMPS.state("on"))).isEqualTo("shining");
        assertThat(filter.getItemLabelGenerator().apply(null)).isEmpty();
    }

    record Lamp(String name, String state, int watts, String note) { }

    @Test
    void theExportHasTheVisibleColumnsInTheOrderShownAndAsksForTheListsFilterStateAndSort() throws IOException {
        List<PageRequest> asked = new ArrayList<>();
        DocumentListView<Lamp> list = lamps(page -> {
            asked.add(page);
            return page.offset() == 0 ? List.of(new Lamp("desk", "on", 40, "by the window"), new Lamp("hall", "off", 60, null))
                    : List.of();
        });
        Grid<Lamp> grid = list.grid;
        ((TextField) byId(list, "list-filter").orElseThrow()).setValue("a");
        @SuppressWarnings("unchecked")
        Select<State> state = (Select<State>) byId(list, "list-state").orElseThrow();
        state.setValue(LAMPS.state("on"));
        grid.sort(List.of(new GridSortOrder<>(grid.getColumnByKey("watts"), SortDirection.DESCENDING),
                new GridSortOrder<>(grid.getColumnByKey("name"), SortDirection.ASCENDING)));
        grid.getColumnByKey("note").setVisible(false);
        ComponentUtil.fireEvent(grid, new ColumnReorderEvent<>(grid, true, List.of(grid.getColumnByKey("watts"),
                grid.getColumnByKey("note"), grid.getColumnByKey("state"), grid.getColumnByKey("name"))));

        try (XSSFWorkbook workbook = written(list)) {
            XSSFSheet sheet = workbook.getSheet("Lamps");
            assertThat(texts(sheet.getRow(0))).containsExactly("Watts", "State", "Name");
            assertThat(sheet.getRow(1).getCell(0).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(texts(sheet.getRow(1))).as("the state by its label").containsExactly("40.0", "shining", "desk");
            assertThat(texts(sheet.getRow(2))).containsExactly("60.0", "off", "hall");
            assertThat(sheet.getLastRowNum()).isEqualTo(2);
        }
        assertThat(asked).containsExactly(new PageRequest("a", "on",
                List.of(new PageRequest.Sort("watts", false), new PageRequest.Sort("name", true)), 0, 5_000));
    }

    @Test
    void theExportButtonSitsBesideColumnsAndDownloadsAWorkbook() {
        DocumentListView<Lamp> list = lamps(page -> List.of());

        Button export = (Button) byId(list, "list-export").orElseThrow();
        assertThat(export.getText()).isEqualTo("Export");
        assertThat(export.getTooltip().getText()).isEqualTo("Download as Excel (XLSX)");
        assertThat(export.getThemeNames()).contains(ButtonVariant.LUMO_TERTIARY.getVariantName());
        Anchor link = (Anchor) export.getParent().orElseThrow();
        assertThat(link.isDownload()).isTrue();
        List<Component> toolbar = link.getParent().orElseThrow().getChildren().toList();
        assertThat(toolbar.indexOf(link)).isEqualTo(toolbar.indexOf(byId(list, "list-columns").orElseThrow()) + 1);
    }

    private static DocumentListView<Lamp> lamps(java.util.function.Function<PageRequest, List<Lamp>> page) {
        return new DocumentListView<>("Lamps", LAMPS, page, p -> 0, row -> "lamps/" + row.name(), false) {
            {
                column("Name", "name", Lamp::name);
                stateColumn(Lamp::state);
                column("Watts", "watts", Lamp::watts);
                column("Note", "note", Lamp::note);
            }

            @Override
            protected void create() {
                // nobody may create here
            }
        };
    }

    private static XSSFWorkbook written(DocumentListView<?> list) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        list.exportAsShown().write(out);
        return new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()));
    }

    private static List<String> texts(Row row) {
        List<String> texts = new ArrayList<>();
        row.forEach(cell -> texts.add(cell.toString()));
        return texts;
    }

    @Test
    void aBadgeShowsTheStatesLabelAndTone() {
        StateBadge badge = new StateBadge(LAMPS.state("broken"));

        assertThat(badge.getText()).isEqualTo("broken");
        assertThat(badge.getElement().getAttribute("data-tone")).isEqualTo("danger");
        assertThat(badge.getElement().getAttribute("data-state")).isEqualTo("broken");
    }
}

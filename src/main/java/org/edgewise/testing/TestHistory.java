package org.edgewise.testing;

import java.util.List;

import org.edgewise.document.Workflow;
import org.edgewise.ui.Formats;
import org.edgewise.ui.StateBadge;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;

/** How test results are written wherever several are listed: their counts, their duration, a grid of them. */
final class TestHistory {

    private TestHistory() {
    }

    /** "12 passed · 1 failed": the counts that are not zero, or what there is instead of lines. */
    static String counts(TestResults.Result r) {
        List<String> parts = new java.util.ArrayList<>();
        if (r.passed() > 0) {
            parts.add(r.passed() + " passed");
        }
        if (r.failed() > 0) {
            parts.add(r.failed() + " failed");
        }
        if (r.errors() > 0) {
            parts.add(r.errors() + (r.errors() == 1 ? " error" : " errors"));
        }
        if (r.skipped() > 0) {
            parts.add(r.skipped() + " skipped");
        }
        if (!parts.isEmpty()) {
            return String.join(" · ", parts);
        }
        return r.finished() ? "no test ran" : "not finished";
    }

    /** How long it ran, or why there is no length yet. */
    static String duration(TestResults.Result r) {
        if (r.duration() != null) {
            return Formats.age(r.duration());
        }
        return r.startedAt() == null ? "not started" : "running";
    }

    /**
     * The results newest first, each opening its page; with the version column when they are of several releases.
     */
    static Grid<TestResults.Result> grid(String id, List<TestResults.Result> results, Workflow workflow,
            boolean withVersion) {
        Grid<TestResults.Result> grid = new Grid<>();
        grid.setId(id);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(TestResults.Result::reference).setHeader("Reference").setAutoWidth(true);
        if (withVersion) {
            grid.addColumn(r -> r.version() == null ? r.releaseReference() : r.version()).setHeader("Version")
                    .setAutoWidth(true);
        }
        grid.addComponentColumn(r -> new StateBadge(workflow.state(r.state()))).setHeader("State").setAutoWidth(true);
        grid.addColumn(r -> r.passed()).setHeader("Passed").setAutoWidth(true);
        grid.addColumn(r -> r.failed() + r.errors()).setHeader("Failed").setAutoWidth(true);
        grid.addColumn(TestHistory::duration).setHeader("Duration").setAutoWidth(true);
        grid.addColumn(r -> Formats.when(r.queuedAt(), "")).setHeader("Queued").setAutoWidth(true);
        grid.addColumn(r -> r.message() == null ? "" : r.message()).setHeader("Message").setFlexGrow(1);
        grid.setItems(results);
        grid.setAllRowsVisible(true);
        grid.addItemClickListener(e -> grid.getUI().ifPresent(ui -> ui.navigate("test-results/" + e.getItem().reference())));
        return grid;
    }
}

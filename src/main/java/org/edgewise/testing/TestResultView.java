package org.edgewise.testing;

import java.util.List;
import java.util.Locale;

import org.edgewise.access.Role;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.State;
import org.edgewise.document.Tone;
import org.edgewise.security.CurrentUser;
import org.edgewise.ui.DocumentPage;
import org.edgewise.ui.DocumentView;
import org.edgewise.ui.Formats;
import org.edgewise.ui.ReadOnlyField;
import org.edgewise.ui.StateBadge;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

/**
 * One run of a release's tests: what ran where and why, how it ended, and a line per test, those that failed
 * first; a line opens its log. An operator stops a run that is queued or running.
 */
@Route("test-results/:reference")
@RolesAllowed({ Role.OPERATOR_NAME, Role.ADMIN_NAME, Role.SUPPORT_NAME, Role.SALES_NAME, Role.BILLING_NAME })
public class TestResultView extends DocumentView<TestResults.Result> {

    private final TestResults results;

    public TestResultView(TestResults results, DocumentEngine engine, CurrentUser currentUser) {
        super(engine, currentUser, "Test result", "Test results", "test-results", "All test results");
        this.results = results;
    }

    @Override
    protected TestResults.Result find(String reference) {
        return results.get(reference, actor);
    }

    @Override
    protected long idOf(TestResults.Result result) {
        return result.id();
    }

    @Override
    protected void compose(DocumentPage page, TestResults.Result r, Document doc) {
        page.confirmBefore(TestingWorkflows.STOP, "The run ends without a verdict and its scratch tree "
                + (r.tree() == null ? "" : r.tree() + " ") + "is destroyed. Run the tests again from the release's page.");
        FormLayout fields = new FormLayout();
        fields.add(ReadOnlyField.of("Product", r.product(), "test-result-product"),
                ReadOnlyField.of("Version", r.version(), "test-result-version"),
                ReadOnlyField.of("Reason", r.reason(), "test-result-reason"),
                ReadOnlyField.of("Tests", TestHistory.counts(r), "test-result-counts"),
                ReadOnlyField.of("Queued", Formats.when(r.queuedAt(), ""), "test-result-queued"),
                ReadOnlyField.of("Started", Formats.when(r.startedAt(), "not yet"), "test-result-started"),
                ReadOnlyField.of("Finished", Formats.when(r.finishedAt(), "not yet"), "test-result-finished"),
                ReadOnlyField.of("Duration", TestHistory.duration(r) + " (time limit "
                        + Formats.age(java.time.Duration.ofSeconds(r.timeLimitSeconds())) + ")", "test-result-duration"));
        VerticalLayout top = new VerticalLayout();
        top.setPadding(false);
        if (r.message() != null) {
            Paragraph message = new Paragraph(r.message());
            message.addClassName("attention");
            message.setId("test-result-message");
            top.add(message);
        }
        top.add(links(r), fields);
        page.setFields(top);
        page.setLines(lines(results.lines(r.id())));
    }

    /** The release, the computer and scratch tree it ran on, and the run before it of the same product. */
    private static Component links(TestResults.Result r) {
        Div links = new Div();
        links.addClassName("test-result-links");
        links.add(link("Release", r.releaseReference() + " · " + r.releaseUrl(), "releases/" + r.releaseReference(),
                "test-result-release"));
        if (r.computer() != null) {
            links.add(link("Computer", r.computer(), "computers/" + r.computer(), "test-result-computer"));
        }
        if (r.tree() != null) {
            links.add(link("Scratch tree", r.tree(), "services/" + r.tree(), "test-result-tree"));
        }
        if (r.previousReference() != null) {
            links.add(link("Previous run of " + r.product(), r.previousReference(), "test-results/" + r.previousReference(),
                    "test-result-previous"));
        }
        return links;
    }

    private static Div link(String label, String text, String href, String id) {
        Anchor target = new Anchor(href, text);
        target.setId(id);
        return new Div(new Span(label + ": "), target);
    }

    private static Component lines(List<TestResults.Line> lines) {
        VerticalLayout section = new VerticalLayout(new H3("Tests"));
        section.setPadding(false);
        Grid<TestResults.Line> grid = new Grid<>();
        grid.setId("test-result-lines");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(TestResults.Line::name).setHeader("Test").setAutoWidth(true).setResizable(true);
        grid.addComponentColumn(l -> {
            StateBadge badge = new StateBadge(status(l.status()));
            badge.addClassName("test-line-status");
            return badge;
        }).setHeader("Status").setAutoWidth(true);
        grid.addColumn(l -> seconds(l.durationMs())).setHeader("Duration").setAutoWidth(true);
        grid.addColumn(l -> l.message() == null ? "" : l.message()).setHeader("Message").setFlexGrow(1);
        grid.setItems(lines);
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText("No line: the node reports one per test once the run is over.");
        grid.addItemClickListener(e -> showLog(e.getItem()));
        section.add(grid);
        return section;
    }

    /** A test's status with the badge of the state of a run that ended so. */
    static State status(String status) {
        return State.of(status, switch (status) {
            case "passed" -> Tone.SUCCESS;
            case "failed" -> Tone.DANGER;
            case "error" -> Tone.WARNING;
            default -> Tone.NEUTRAL;
        });
    }

    /** Milliseconds as seconds to the tenth ("0.4 s", "12.3 s"), or empty when not measured. */
    static String seconds(Long millis) {
        return millis == null ? "" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** Opens the line's log in a dialog. */
    static Dialog showLog(TestResults.Line line) {
        Dialog dialog = new Dialog();
        dialog.setId("test-line-dialog");
        dialog.setHeaderTitle(line.name() + " · " + line.status());
        dialog.setWidth("min(900px, 95vw)");
        if (line.message() != null) {
            Paragraph message = new Paragraph(line.message());
            message.setId("test-line-message");
            dialog.add(message);
        }
        Pre log = new Pre(line.log() == null || line.log().isBlank() ? "(no output)" : line.log());
        log.addClassName("log");
        log.setId("test-line-log");
        dialog.add(log);
        Button close = new Button("Close", e -> dialog.close());
        close.setId("test-line-close");
        dialog.getFooter().add(close);
        dialog.open();
        return dialog;
    }
}

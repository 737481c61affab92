package org.edgewise.testing;

import org.edgewise.access.Role;
import org.edgewise.document.DocumentEngine;
import org.edgewise.security.CurrentUser;
import org.edgewise.ui.DocumentListView;
import org.edgewise.ui.Formats;

import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

/** Every run of a release's tests, newest first; {@code ?state=failed} lists those that failed. */
@Route("test-results")
@PageTitle("Test results · Edgewise")
@Menu(order = 22, title = "Test results", icon = "vaadin:flask")
@RolesAllowed({ Role.OPERATOR_NAME, Role.ADMIN_NAME, Role.SUPPORT_NAME, Role.SALES_NAME, Role.BILLING_NAME })
public class TestResultListView extends DocumentListView<TestResults.Result> {

    public TestResultListView(TestResults results, DocumentEngine engine, CurrentUser currentUser) {
        super("Test results", engine.workflow(TestingWorkflows.TYPE), p -> results.page(p, currentUser.actor()),
                p -> results.count(p, currentUser.actor()), row -> "test-results/" + row.reference(), false);
        column("Reference", "reference", TestResults.Result::reference);
        column("Product", "product", TestResults.Result::product);
        column("Version", "version", r -> r.version() == null ? "" : r.version());
        stateColumn(TestResults.Result::state);
        column("Tests", "failed", TestHistory::counts);
        column("Duration", "duration", TestHistory::duration).setSortable(false);
        column("Computer", "computer", r -> r.computer() == null ? "" : r.computer());
        column("Queued", "queued", r -> Formats.when(r.queuedAt(), ""));
        column("Reason", "reason", TestResults.Result::reason).setSortable(false);
        grid.setEmptyStateText("No test has run yet: publishing a release whose release.json declares tests runs them.");
    }

    @Override
    protected void create() {
        throw new UnsupportedOperationException("A run is queued from the page of the release to test");
    }
}

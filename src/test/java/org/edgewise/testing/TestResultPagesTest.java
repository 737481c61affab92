package org.edgewise.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.edgewise.Fixtures.OPERATOR;

import java.util.List;

import org.edgewise.ComponentTree;
import org.edgewise.MasterTest;
import org.edgewise.catalog.Catalog;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.PageRequest;
import org.edgewise.document.WorkflowException;
import org.edgewise.security.CurrentUser;
import org.edgewise.ui.DocumentPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;

/**
 * What the console shows of test runs: a run's page with its lines failing first and each line's log, a release's
 * tests with the button that runs them again, a product's history with its trend, and the list by state.
 */
class TestResultPagesTest extends MasterTest {

    /** Made for each test from the Master's beans, not a bean itself, so that every test class shares one Master. */
    ReportedRuns runs;

    @Autowired
    TestResults results;

    @Autowired
    DocumentEngine engine;

    @Autowired
    Catalog catalog;

    @Autowired
    CurrentUser currentUser;

    @Autowired
    ReleaseTestsSection releaseSection;

    @Autowired
    ProductTestsSection productSection;

    /** Held here, as Vaadin holds the current UI only weakly. */
    private final UI ui = new UI();

    @BeforeEach
    void insideAUi(@Autowired AutowireCapableBeanFactory beans) {
        UI.setCurrent(ui);
        runs = beans.createBean(ReportedRuns.class);
    }

    @AfterEach
    void leaveTheUi() {
        UI.setCurrent(null);
    }

    @Test
    void aRunsPageListsItsFailingTestsFirstAndALineOpensItsLog() {
        Document product = runs.product();
        TestResults.Result failed = runs.finish(runs.publish(runs.releaseWithTests(product, "2")), List.of(
                new TestResults.Line("promise web-answers", "passed", 35L, null, "answers"),
                new TestResults.Line("WebTest.greets", "failed", 1200L, "expected <Tested> but was <Hello>",
                        "org.opentest4j.AssertionFailedError: expected <Tested> but was <Hello>\n\tat WebTest.greets"),
                new TestResults.Line("WebTest.answers", "passed", 80L, null, null)));
        signIn(OPERATOR);
        TestResultView view = new TestResultView(results, engine, currentUser);
        DocumentPage page = new DocumentPage(engine, OPERATOR, d -> { });

        view.compose(page, view.find(failed.reference()), engine.get(failed.id(), OPERATOR));

        @SuppressWarnings("unchecked")
        Grid<TestResults.Line> lines = (Grid<TestResults.Line>) byId(page, "test-result-lines");
        assertThat(lines.getGenericDataView().getItems().map(TestResults.Line::name))
                .containsExactly("WebTest.greets", "promise web-answers", "WebTest.answers");
        assertThat(text(page, "test-result-counts")).isEqualTo("2 passed · 1 failed");
        assertThat(((Paragraph) byId(page, "test-result-message")).getText()).isEqualTo("1 of 3 tests failed.");
        assertThat(byId(page, "test-result-release").getElement().getAttribute("href"))
                .isEqualTo("releases/" + failed.releaseReference());

        Dialog log = TestResultView.showLog(lines.getGenericDataView().getItems().findFirst().orElseThrow());

        assertThat(((Pre) byId(log, "test-line-log")).getText()).contains("expected <Tested> but was <Hello>")
                .contains("at WebTest.greets");
        assertThat(log.isOpened()).isTrue();
    }

    @Test
    void aReleasesTestsSayWhatItDeclaresAndRunTestsQueuesAnotherRun() {
        Document product = runs.product();
        Document release = runs.releaseWithTests(product, "2");
        TestResults.Result first = runs.publish(release);
        Catalog.Release shown = catalog.release(release.reference(), OPERATOR);
        int[] reloaded = new int[1];

        Component section = releaseSection.sectionFor(shown, OPERATOR, () -> reloaded[0]++).orElseThrow();

        assertThat(((Paragraph) byId(section, "release-tests-declared")).getText())
                .contains("1 test command: suite").contains("3 min");
        assertThat(historyOf(section, "release-test-history")).containsExactly(first.reference());
        ((Button) byId(section, "release-run-tests")).click();
        assertThat(reloaded[0]).isEqualTo(1);
        assertThat(results.history(release.reference(), null, 10, OPERATOR)).hasSize(2)
                .allSatisfy(r -> assertThat(r.state()).isEqualTo(TestingWorkflows.QUEUED));
    }

    @Test
    void runningTestsOfAReleaseThatDeclaresNoneQueuesNothingAndSaysWhy() {
        Document release = runs.releaseWithoutTests(runs.product(), "1");
        Catalog.Release shown = catalog.release(release.reference(), OPERATOR);
        int[] reloaded = new int[1];

        Component section = releaseSection.sectionFor(shown, OPERATOR, () -> reloaded[0]++).orElseThrow();
        ((Button) byId(section, "release-run-tests")).click();

        assertThat(((Paragraph) byId(section, "release-tests-declared")).getText()).contains("declares no tests");
        assertThat(reloaded[0]).isZero();
        assertThat(results.history(release.reference(), null, 10, OPERATOR)).isEmpty();
        assertThatThrownBy(() -> results.queue(release.reference(), OPERATOR)).isInstanceOf(WorkflowException.class)
                .hasMessageContaining("declares no tests in its release.json");
    }

    @Test
    void aProductShowsTheRunsOfAllItsReleasesNewestFirstWithTheirTrend() {
        Document product = runs.product();
        TestResults.Result passed = runs.finish(runs.publish(runs.releaseWithTests(product, "2")),
                List.of(new TestResults.Line("suite", "passed", 10L, null, null)));
        TestResults.Result failed = runs.finish(runs.publish(runs.releaseWithTests(product, "2.1")),
                List.of(new TestResults.Line("suite", "failed", 10L, "exit 1: no", null)));

        Component section = productSection.sectionFor(catalog.product(product.reference(), OPERATOR), OPERATOR)
                .orElseThrow();

        assertThat(historyOf(section, "product-test-history")).containsExactly(failed.reference(), passed.reference());
        assertThat(byId(section, "product-test-trend")).isInstanceOf(Image.class);
        byte[] png = TestTrendChart.png(List.of(passed, failed));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void theListFiltersByState() {
        Document product = runs.product();
        TestResults.Result failed = runs.finish(runs.publish(runs.releaseWithTests(product, "3")),
                List.of(new TestResults.Line("suite", "failed", 10L, "exit 1: no", null)));
        TestResults.Result queued = runs.publish(runs.releaseWithTests(product, "4"));
        String name = failed.product();

        List<String> failedOnes = results.page(new PageRequest(name, TestingWorkflows.FAILED, List.of(), 0, 50), OPERATOR)
                .stream().map(TestResults.Result::reference).toList();

        assertThat(failedOnes).containsExactly(failed.reference());
        assertThat(results.count(new PageRequest(name, null, List.of(), 0, 50), OPERATOR)).isEqualTo(2);
        assertThat(results.page(new PageRequest(queued.reference(), null, List.of(), 0, 50), OPERATOR))
                .extracting(TestResults.Result::state).containsExactly(TestingWorkflows.QUEUED);
    }

    private static List<String> historyOf(Component section, String id) {
        @SuppressWarnings("unchecked")
        Grid<TestResults.Result> grid = (Grid<TestResults.Result>) byId(section, id);
        return grid.getGenericDataView().getItems().map(TestResults.Result::reference).toList();
    }

    private static Component byId(Component root, String id) {
        return ComponentTree.byId(root, id).orElseThrow(() -> new AssertionError("no #" + id));
    }

    private static String text(Component root, String id) {
        return ((com.vaadin.flow.component.textfield.TextField) byId(root, id)).getValue();
    }
}

package org.edgewise.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.edgewise.access.Actor;
import org.edgewise.catalog.Catalog;
import org.edgewise.catalog.ProductSection;
import org.edgewise.document.DocumentEngine;
import org.edgewise.ui.Charts;
import org.springframework.core.annotation.Order;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/** On a product's page: the runs of its releases' tests, newest first, and their trend over the last runs. */
@org.springframework.stereotype.Component
@Order(10)
class ProductTestsSection implements ProductSection {

    static final int SHOWN = 30;

    private final TestResults results;
    private final DocumentEngine engine;

    ProductTestsSection(TestResults results, DocumentEngine engine) {
        this.results = results;
        this.engine = engine;
    }

    @Override
    public Optional<Component> sectionFor(Catalog.Product product, Actor actor) {
        if (!engine.workflow(TestingWorkflows.TYPE).mayRead(actor)) {
            return Optional.empty();
        }
        VerticalLayout section = new VerticalLayout(new H3("Tests"));
        section.setPadding(false);
        section.setId("product-tests");
        List<TestResults.Result> history = results.history(null, product.reference(), SHOWN, actor);
        if (history.isEmpty()) {
            Paragraph none = new Paragraph("No release of this product has run its tests yet: publishing a release"
                    + " whose release.json declares tests runs them.");
            none.setId("product-tests-none");
            section.add(none);
            return Optional.of(section);
        }
        List<TestResults.Result> finished = new ArrayList<>(history.stream().filter(TestResults.Result::finished).toList());
        Collections.reverse(finished);
        if (!finished.isEmpty()) {
            section.add(Charts.image("product-test-trend", "Share of tests passed and duration of the last runs",
                    TestTrendChart.png(finished)));
        }
        section.add(TestHistory.grid("product-test-history", history, engine.workflow(TestingWorkflows.TYPE), true));
        return Optional.of(section);
    }
}

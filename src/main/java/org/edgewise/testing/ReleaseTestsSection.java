package org.edgewise.testing;

import java.util.List;
import java.util.Optional;

import org.edgewise.access.Actor;
import org.edgewise.catalog.Catalog;
import org.edgewise.catalog.ReleaseSection;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.ui.Notifications;
import org.springframework.core.annotation.Order;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/**
 * On a release's page: the tests its release.json declares, the results of their runs newest first, and for
 * operations a button that runs them again now.
 */
@org.springframework.stereotype.Component
@Order(10)
class ReleaseTestsSection implements ReleaseSection {

    static final int SHOWN = 20;

    private final TestResults results;
    private final DocumentEngine engine;

    ReleaseTestsSection(TestResults results, DocumentEngine engine) {
        this.results = results;
        this.engine = engine;
    }

    @Override
    public Optional<Component> sectionFor(Catalog.Release release, Actor actor, Runnable reload) {
        if (!engine.workflow(TestingWorkflows.TYPE).mayRead(actor)) {
            return Optional.empty();
        }
        HorizontalLayout heading = new HorizontalLayout(new H3("Tests"));
        heading.setAlignItems(FlexComponent.Alignment.BASELINE);
        if (engine.mayCreate(TestingWorkflows.TYPE, actor)) {
            Button run = new Button("Run tests", VaadinIcon.PLAY.create(), e -> {
                Document[] queued = new Document[1];
                if (Notifications.attempt(() -> queued[0] = results.queue(release.reference(), actor))) {
                    Notifications.success(queued[0].reference() + " queued: it starts once a test computer is free.");
                    reload.run();
                }
            });
            run.setId("release-run-tests");
            heading.add(run);
        }
        Paragraph declared = new Paragraph(declared(results.declaredTests(release.id())));
        declared.setId("release-tests-declared");
        VerticalLayout section = new VerticalLayout(heading, declared);
        section.setPadding(false);
        section.setId("release-tests");
        List<TestResults.Result> history = results.history(release.reference(), null, SHOWN, actor);
        if (history.isEmpty()) {
            Paragraph none = new Paragraph("No run of its tests yet: publishing the release runs them.");
            none.setId("release-tests-none");
            section.add(none);
        } else {
            section.add(TestHistory.grid("release-test-history", history, engine.workflow(TestingWorkflows.TYPE), false));
        }
        return Optional.of(section);
    }

    /** What release.json declares, as an operator reads it. */
    static String declared(JsonNode tests) {
        if (tests == null) {
            return "Its release.json declares no tests (\"tests\"): none run when it is published, and upgrades to it"
                    + " are never proposed.";
        }
        // sorted by name: the database keeps the commands' names but not the order release.json runs them in
        List<String> names = new java.util.ArrayList<>();
        tests.path("commands").fieldNames().forEachRemaining(names::add);
        names.sort(null);
        return "Its release.json declares " + names.size() + (names.size() == 1 ? " test command: " : " test commands: ")
                + String.join(", ", names) + ", with a time limit of "
                + org.edgewise.ui.Formats.age(TestResults.timeLimit(tests)) + ".";
    }
}

package org.edgewise.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.edgewise.access.Role;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.security.CurrentUser;
import org.edgewise.ui.DocumentPage;
import org.edgewise.ui.DocumentView;
import org.edgewise.ui.EditableFields;
import org.edgewise.ui.Notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

/**
 * A software release: what nodes build, and what customers may order once it is published. Its version,
 * software types and description may be corrected while it is a draft, and its parameters read again from
 * its release.json; its URL names it for good.
 */
@Route("releases/:reference")
@RolesAllowed({ Role.OPERATOR_NAME, Role.ADMIN_NAME })
public class ReleaseView extends DocumentView<Catalog.Release> {

    private final Catalog catalog;
    private final List<ReleaseSection> sections;

    public ReleaseView(Catalog catalog, DocumentEngine engine, CurrentUser currentUser, List<ReleaseSection> sections) {
        super(engine, currentUser, "Software release", "Software releases", "releases", "All software releases");
        this.catalog = catalog;
        this.sections = sections;
    }

    @Override
    protected Catalog.Release find(String reference) {
        return catalog.release(reference, actor);
    }

    @Override
    protected long idOf(Catalog.Release release) {
        return release.id();
    }

    @Override
    protected void compose(DocumentPage page, Catalog.Release release, Document doc) {
        var product = engine.get(release.productId(), actor);
        Anchor productLink = new Anchor("products/" + product.reference(), "Product " + product.title() + " ("
                + product.reference() + ")");
        productLink.setId("release-product-link");
        ReleaseForm form = new ReleaseForm(release);
        VerticalLayout fields = new VerticalLayout(EditableFields.of(form, engine.canEdit(doc, actor), form::setEditable,
                () -> catalog.updateRelease(release.id(), form.details(), actor), reference, this::load), productLink,
                parameters(release, engine.canEdit(doc, actor)));
        fields.setPadding(false);
        page.setFields(fields);
        VerticalLayout lines = new VerticalLayout();
        lines.setPadding(false);
        sections.forEach(section -> section.sectionFor(release, actor, this::load).ifPresent(lines::add));
        if (lines.getComponentCount() > 0) {
            page.setLines(lines);
        }
    }

    /** The parameters the release declares per software type, and, for a draft, a way to read them again. */
    private Component parameters(Catalog.Release release, boolean editable) {
        Catalog.DeclaredParameters declared = catalog.declaredParameters(release.id());
        VerticalLayout section = new VerticalLayout(new H4("Parameters"));
        section.setPadding(false);
        section.setId("release-parameters");
        if (declared.schemas() == null) {
            Span note = new Span("Unknown: " + declared.note() + " Requests take any parameters.");
            note.setId("release-parameters-note");
            section.add(note);
        } else if (declared.schemas().isEmpty()) {
            section.add(new Span("release.json declares no parameters: requests take any parameters."));
        }
        List<Parameter> rows = new ArrayList<>();
        if (declared.schemas() != null) {
            declared.schemas().fields().forEachRemaining(type -> {
                Set<String> required = new HashSet<>();
                type.getValue().path("required").forEach(name -> required.add(name.asText()));
                type.getValue().path("properties").fields().forEachRemaining(p -> rows.add(new Parameter(type.getKey(),
                        p.getKey(), p.getValue().path("title").asText(""), p.getValue().path("type").asText(
                                p.getValue().has("enum") ? "choice" : ""),
                        p.getValue().has("default") ? text(p.getValue().get("default")) : "",
                        required.contains(p.getKey()))));
            });
        }
        if (!rows.isEmpty()) {
            Grid<Parameter> grid = new Grid<>();
            grid.setId("release-parameters-grid");
            grid.addColumn(Parameter::softwareType).setHeader("Software type").setAutoWidth(true);
            grid.addColumn(Parameter::name).setHeader("Name").setAutoWidth(true);
            grid.addColumn(Parameter::title).setHeader("Title").setAutoWidth(true);
            grid.addColumn(Parameter::type).setHeader("Type").setAutoWidth(true);
            grid.addColumn(Parameter::defaultValue).setHeader("Default").setAutoWidth(true);
            grid.addColumn(p -> p.required() ? "required" : "").setHeader("Required").setAutoWidth(true);
            grid.setItems(rows);
            grid.setAllRowsVisible(true);
            section.add(grid);
        }
        if (editable) {
            Button again = new Button("Read parameters again", e -> {
                if (Notifications.attempt(() -> catalog.readParametersAgain(release.id(), actor))) {
                    Notifications.success("Parameters read again from release.json.");
                    load();
                }
            });
            again.setId("release-read-parameters");
            again.setTooltipText("Reads release.json from the release's URL again, while the release is a draft");
            section.add(again);
        }
        return section;
    }

    private record Parameter(String softwareType, String name, String title, String type, String defaultValue,
            boolean required) { }

    private static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : value.toString();
    }
}

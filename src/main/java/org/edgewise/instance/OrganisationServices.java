package org.edgewise.instance;

import java.util.List;
import java.util.Optional;

import org.edgewise.access.Actor;
import org.edgewise.party.OrganisationSection;
import org.edgewise.party.Organisations;
import org.springframework.stereotype.Component;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/** The services an organisation owns, on its page, each with what is true of it beside what was asked. */
@Component
class OrganisationServices implements OrganisationSection {

    private final Trees trees;

    OrganisationServices(Trees trees) {
        this.trees = trees;
    }

    @Override
    public Optional<com.vaadin.flow.component.Component> sectionFor(Organisations.Row organisation, Actor actor) {
        List<Trees.Row> services = trees.ownedBy(organisation.id(), actor);
        Grid<Trees.Row> grid = new Grid<>();
        grid.setId("organisation-services");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(Trees.Row::reference).setHeader("Reference").setAutoWidth(true);
        grid.addColumn(Trees.Row::title).setHeader("Title").setAutoWidth(true);
        grid.addComponentColumn(row -> InstanceDisplay.status(row.status())).setHeader("Status").setKey("status")
                .setAutoWidth(true).setResizable(true);
        grid.addColumn(ServiceListView::place).setHeader("Place").setAutoWidth(true).setResizable(true);
        grid.setItems(services);
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText("This organisation has no service.");
        grid.addItemClickListener(e -> grid.getUI().ifPresent(ui -> ui.navigate("services/" + e.getItem().reference())));
        VerticalLayout section = new VerticalLayout(new H3("Services"), grid);
        section.setPadding(false);
        return Optional.of(section);
    }
}

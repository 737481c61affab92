package org.edgewise.computer;

import java.util.Optional;

import org.edgewise.access.Actor;
import org.edgewise.ui.StateBadge;
import org.springframework.core.annotation.Order;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/** The partitions the node reported, with what runs in each. */
@org.springframework.stereotype.Component
@Order(20)
class PartitionsSection implements ComputerSection {

    private final Partitions partitions;

    PartitionsSection(Partitions partitions) {
        this.partitions = partitions;
    }

    @Override
    public Optional<Component> sectionFor(Computers.Row computer, Actor actor, Runnable reload) {
        Grid<Partitions.Partition> grid = new Grid<>();
        grid.setId("partitions-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(Partitions.Partition::name).setHeader("Name").setAutoWidth(true);
        grid.addColumn(Partitions.Partition::address).setHeader("Address").setAutoWidth(true);
        grid.addColumn(p -> String.join(", ", p.capabilities())).setHeader("Capabilities").setAutoWidth(true);
        grid.addComponentColumn(p -> new StateBadge(ComputerWorkflows.partitionState(p.state()))).setHeader("State")
                .setAutoWidth(true);
        grid.addColumn(Partitions.Partition::instance).setHeader("Instance").setAutoWidth(true);
        grid.setItems(partitions.list(computer.id()));
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText("The node has not reported any partition yet.");
        VerticalLayout section = new VerticalLayout(new H3("Partitions"), grid);
        section.setPadding(false);
        section.setId("computer-partitions");
        return Optional.of(section);
    }
}

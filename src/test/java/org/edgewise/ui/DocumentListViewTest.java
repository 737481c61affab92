package org.edgewise.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edgewise.ComponentTree.all;
import static org.edgewise.access.RoleGroup.OPERATIONS;

import java.util.List;

import org.edgewise.document.State;
import org.edgewise.document.Tone;
import org.edgewise.document.Workflow;
import org.junit.jupiter.api.Test;

import com.vaadin.flow.component.select.Select;

/** The list of every document type reads its state filter from the type's workflow. */
class DocumentListViewTest {

    private static final Workflow LAMPS = Workflow.define("lamp", "Lamp").series("LMP")
            .state("off", Tone.WARNING)
            .state("on", "shining", Tone.SUCCESS)
            .finalState("broken", Tone.DANGER)
            .initial("off")
            .createdBy(OPERATIONS)
            .transition("off", "switch-on", "on", "Switch on", OPERATIONS)
            .build();

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

    @Test
    void aBadgeShowsTheStatesLabelAndTone() {
        StateBadge badge = new StateBadge(LAMPS.state("broken"));

        assertThat(badge.getText()).isEqualTo("broken");
        assertThat(badge.getElement().getAttribute("data-tone")).isEqualTo("danger");
        assertThat(badge.getElement().getAttribute("data-state")).isEqualTo("broken");
    }
}

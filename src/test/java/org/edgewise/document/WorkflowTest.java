package org.edgewise.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.edgewise.access.RoleGroup.CUSTOMERS;
import static org.edgewise.access.RoleGroup.OPERATIONS;

import java.util.EnumSet;

import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.junit.jupiter.api.Test;

class WorkflowTest {

    private static Workflow.Builder lamp() {
        return Workflow.define("lamp", "Lamp").series("LMP")
                .state("off", Tone.WARNING)
                .state("on", "shining", Tone.SUCCESS)
                .finalState("broken", Tone.DANGER)
                .initial("off")
                .createdBy(OPERATIONS);
    }

    @Test
    void statesCarryTheirLabelToneAndFinalityInTheOrderDeclared() {
        Workflow w = lamp().transition("off", "switch-on", "on", "Switch on", CUSTOMERS).build();

        assertThat(w.states()).extracting(State::name).containsExactly("off", "on", "broken");
        assertThat(w.state("on").label()).isEqualTo("shining");
        assertThat(w.state("on").tone()).isEqualTo(Tone.SUCCESS);
        assertThat(w.state("broken").isFinal()).isTrue();
        assertThat(w.state("off").isFinal()).isFalse();
        assertThatThrownBy(() -> w.state("dimmed")).hasMessageContaining("no state \"dimmed\"");
    }

    @Test
    void theActionTowardsAStateIsReadFromTheTransitions() {
        Workflow w = lamp().transition("off", "switch-on", "on", "Switch on", CUSTOMERS)
                .transition("on", "switch-off", "off", "Switch off", CUSTOMERS).build();

        assertThat(w.towards("off", "on")).get().extracting(Transition::action).isEqualTo("switch-on");
        assertThat(w.towards("on", "on")).isEmpty();
        assertThatThrownBy(() -> w.towards("off", "broken")).isInstanceOf(WorkflowException.class)
                .hasMessageContaining("cannot become broken");
    }

    @Test
    void aWorkflowThatContradictsItselfDoesNotBuild() {
        assertThatThrownBy(() -> lamp().transition("off", "melt", "liquid", "Melt", OPERATIONS).build())
                .hasMessageContaining("state liquid is used but not declared");
        assertThatThrownBy(() -> lamp().transition("broken", "mend", "off", "Mend", OPERATIONS).build())
                .hasMessageContaining("broken is final");
        assertThatThrownBy(() -> lamp().numberedOn("issue", "LMP", "L-{0000}").build())
                .hasMessageContaining("numbered on issue, which no transition is");
    }

    @Test
    void groupsDecideWhoMayCreateAndActAndTheSystemMayAlways() {
        Workflow w = lamp().transition("off", "switch-on", "on", "Switch on", CUSTOMERS).build();
        Actor customer = new Actor("carl", EnumSet.of(Role.CUSTOMER), 1L);
        Actor operator = new Actor("olivia", EnumSet.of(Role.OPERATOR), null);
        Actor billing = new Actor("bill", EnumSet.of(Role.BILLING), null);

        assertThat(w.mayCreate(operator)).isTrue();
        assertThat(w.mayCreate(customer)).isFalse();
        assertThat(w.mayCreate(billing)).isFalse();
        assertThat(w.mayCreate(Actor.system())).isTrue();
        Transition switchOn = w.find("off", "switch-on").orElseThrow();
        assertThat(switchOn.allows(customer)).isTrue();
        assertThat(switchOn.allows(operator)).isFalse();
        assertThat(switchOn.allows(Actor.system())).isTrue();
    }
}

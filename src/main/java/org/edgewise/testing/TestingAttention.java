package org.edgewise.testing;

import java.util.List;

import org.edgewise.access.Actor;
import org.edgewise.access.RoleGroup;
import org.edgewise.ui.Attention;
import org.springframework.stereotype.Component;

/** Operations see the releases whose latest run of their tests failed: none of them is proposed as an upgrade. */
@Component
class TestingAttention implements Attention {

    private final TestResults results;

    TestingAttention(TestResults results) {
        this.results = results;
    }

    @Override
    public List<Item> itemsFor(Actor actor) {
        if (!actor.in(RoleGroup.OPERATIONS)) {
            return List.of();
        }
        long failing = results.latestByRelease().values().stream()
                .filter(r -> r.state().equals(TestingWorkflows.FAILED) || r.state().equals(TestingWorkflows.ERROR))
                .count();
        return List.of(new Item("tests-failing", "Test runs failing", failing,
                "Releases whose latest run failed: never proposed as upgrades", "test-results?state=failed"));
    }
}

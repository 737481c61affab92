package org.edgewise.catalog;

import java.util.List;

import org.edgewise.access.Actor;
import org.edgewise.access.RoleGroup;
import org.edgewise.ui.Attention;
import org.springframework.stereotype.Component;

/**
 * Operators see the software whose build keeps failing, counted once while its node retries, with the computers
 * it fails on.
 */
@Component
class InstallationAttention implements Attention {

    private final Installations installations;

    InstallationAttention(Installations installations) {
        this.installations = installations;
    }

    @Override
    public List<Item> itemsFor(Actor actor) {
        if (!actor.in(RoleGroup.OPERATIONS)) {
            return List.of();
        }
        List<Installations.Failure> failures = installations.failures();
        List<String> computers = failures.stream().map(Installations.Failure::computer).distinct().toList();
        String explanation = failures.isEmpty() ? "Every supplied release builds"
                : failures.size() == 1 ? "On " + failures.get(0).computer() + ": "
                        + Installations.buildFailed(failures.get(0).attempts(), failures.get(0).errorLog())
                : "Failed on " + String.join(", ", computers.stream().limit(3).toList())
                        + (computers.size() > 3 ? " and " + (computers.size() - 3) + " more" : "");
        String link = computers.isEmpty() ? "computers" : "computers/" + computers.get(0);
        return List.of(new Item("installations-error", "Software failing to build", failures.size(), explanation, link));
    }
}

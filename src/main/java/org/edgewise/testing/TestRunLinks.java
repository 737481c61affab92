package org.edgewise.testing;

import java.util.Optional;

import org.edgewise.access.Actor;
import org.edgewise.instance.TreeLinks;
import org.springframework.stereotype.Component;

/** On a scratch tree's page, the test run it was made for. */
@Component
class TestRunLinks implements TreeLinks {

    private final TestResults results;

    TestRunLinks(TestResults results) {
        this.results = results;
    }

    @Override
    public Optional<Link> linkFor(long treeId, Actor actor) {
        if (!actor.isStaff()) {
            return Optional.empty();
        }
        return results.ofTree(treeId).map(reference -> new Link("Test run", reference, "test-results/" + reference));
    }
}

package org.edgewise.bench;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * After the sweep, nothing lost and nothing doubled: every tree has one place, no partition holds two, and the
 * nodes' plans hold exactly the requested instances.
 */
final class AllocationCheck {

    private final BenchRun bench;
    private final Report report;

    AllocationCheck(BenchRun bench) {
        this.bench = bench;
        this.report = bench.report();
    }

    /** Checks the requested roots against the trees API and the nodes' plans; returns the nodes to poll with. */
    List<PollLoad.Node> check(Set<String> roots, Fleet fleet) throws IOException, InterruptedException {
        long verifyStart = System.nanoTime();
        Map<String, String> placeByRoot = new HashMap<>();
        Set<String> places = new HashSet<>();
        int duplicatePlaces = 0;
        int listed = 0;
        for (int offset = 0; ; offset += 1000) {
            JsonNode page = bench.api().requester("GET", "/api/v1/trees?limit=1000&offset=" + offset, null);
            for (JsonNode row : page) {
                listed++;
                String place = row.get("place").isNull() ? null : row.get("place").asText();
                placeByRoot.put(row.get("rootReference").asText(), place);
                if (place != null && !places.add(place)) {
                    duplicatePlaces++;
                }
            }
            if (page.size() < 1000 || offset > 10_000_000) {
                break;
            }
        }
        long withPlace = placeByRoot.values().stream().filter(p -> p != null).count();
        NodePlans plans = NodePlans.read(bench, fleet, roots);
        Set<String> missing = new HashSet<>(roots);
        missing.removeAll(plans.instances());
        report.line(String.format("Check: the trees API lists %d trees, %d with a place, %d places used twice; the %d"
                + " nodes' plans hold %d instances (%d distinct), %d partitions hold one, %d requested roots are in no"
                + " plan, %d plan instances were never requested (%.1f s to check)", listed, withPlace, duplicatePlaces,
                plans.nodes().size(), plans.instanceCount(), plans.instances().size(), plans.busyPartitions(),
                missing.size(), plans.unknown(), (System.nanoTime() - verifyStart) / 1e9));
        boolean ok = listed == roots.size() && withPlace == roots.size() && duplicatePlaces == 0
                && plans.instanceCount() == roots.size() && plans.instances().size() == roots.size() && missing.isEmpty()
                && plans.unknown() == 0;
        report.line("Lost or doubled allocations: " + (ok ? "none" : "YES, see the figures above"));
        report.summaryLine("lost or doubled allocations", ok ? "none" : "YES");
        return plans.nodes();
    }
}

package org.edgewise.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every seeded computer's plan as its node gets it: the ETags the simulated nodes poll with, and the instances
 * placed, for the allocation check.
 */
record NodePlans(List<PollLoad.Node> nodes, Set<String> instances, long instanceCount, long busyPartitions,
        long unknown) {

    /**
     * Reads the plans of the fleet's nodes; {@code requested} (or null) are the root instances requested, so that
     * instances nobody requested are counted as {@code unknown}.
     */
    static NodePlans read(BenchRun bench, Fleet fleet, Set<String> requested) throws InterruptedException {
        String[] credentials = fleet.credentials();
        PollLoad.Node[] nodes = new PollLoad.Node[credentials.length];
        Set<String> instances = ConcurrentHashMap.newKeySet();
        AtomicLong instanceCount = new AtomicLong();
        AtomicLong busy = new AtomicLong();
        AtomicLong unknown = new AtomicLong();
        int failed = Parallel.run("plans read", bench.options().seedClients, credentials.length, 600, i -> {
            if (credentials[i] == null) {
                return;
            }
            Api.Plan plan = bench.api().plan(credentials[i]);
            nodes[i] = new PollLoad.Node(credentials[i], plan.etag());
            for (JsonNode partition : plan.body().get("partitions")) {
                JsonNode instance = partition.get("instance");
                if ("busy".equals(partition.get("state").asText())) {
                    busy.incrementAndGet();
                }
                if (instance != null && !instance.isNull()) {
                    String reference = instance.get("reference").asText();
                    instanceCount.incrementAndGet();
                    instances.add(reference);
                    if (requested != null && !requested.contains(reference)) {
                        unknown.incrementAndGet();
                    }
                }
            }
        });
        if (failed > 0) {
            bench.report().line("  " + failed + " plans could not be read");
        }
        List<PollLoad.Node> list = new ArrayList<>();
        for (PollLoad.Node n : nodes) {
            if (n != null) {
                list.add(n);
            }
        }
        return new NodePlans(list, instances, instanceCount.get(), busy.get(), unknown.get());
    }
}

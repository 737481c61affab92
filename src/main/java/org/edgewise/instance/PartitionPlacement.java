package org.edgewise.instance;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

import org.edgewise.document.FieldChange;
import org.edgewise.instance.PlacementStore.Decisions;
import org.edgewise.instance.PlacementStore.Demand;
import org.edgewise.instance.PlacementStore.Host;
import org.edgewise.instance.PlacementStore.Pending;
import org.edgewise.instance.PlacementStore.Slot;
import org.edgewise.instance.PlacementStore.Stranded;
import org.springframework.stereotype.Component;

/**
 * Places instances in partitions of their own: a free partition of an open computer that has the release
 * supplied, matches the SLA, is in the customer's allocation scope and has capacity left. Computers whose
 * node reported the release built come first, then those still building it (or that reported nothing yet);
 * a computer whose build of the release failed gets nothing. Instances asking for the same thing are spread
 * over the least busy computers that fit, a round at a time, and so are stranded instances moved away from
 * a failed build.
 */
@Component
class PartitionPlacement {

    private final PlacementStore store;
    private final WaitExplanation explanation;

    PartitionPlacement(PlacementStore store, WaitExplanation explanation) {
        this.store = store;
        this.explanation = explanation;
    }

    /**
     * Places instances that ask for the same release, SLA and scope: takes the least busy computers that
     * fit, spreads the instances over them (always the least busy next), takes that many free partitions
     * of each and writes the placements, in rounds until all are placed or nothing more fits.
     */
    void placeAlike(Demand demand, List<Pending> instances, Decisions d) {
        List<Pending> waiting = new ArrayList<>(instances);
        while (!waiting.isEmpty()) {
            Map<Long, Slot> round = nextRound(demand, waiting.stream().map(Pending::id).toList());
            if (round.isEmpty()) {
                break;
            }
            store.writePlacements(round);
            round.forEach((instanceId, slot) -> {
                d.timeline.put(instanceId, List.of(new FieldChange("partition", null, slot.place())));
            });
            waiting.removeIf(p -> round.containsKey(p.id()));
        }
        if (!waiting.isEmpty()) {
            String why = explanation.noPartition(demand);
            waiting.stream().filter(p -> !why.equals(p.note())).forEach(p -> d.notes.put(p.id(), why));
        }
    }

    /**
     * Moves the stranded instances that another computer takes, a round at a time as {@link #placeAlike}
     * places, with a timeline entry saying from where to where and why; those that no computer takes yet
     * say why they stay. Returns how many moved.
     */
    int move(List<Stranded> stranded) {
        if (stranded.isEmpty()) {
            return 0;
        }
        Decisions d = new Decisions();
        Map<Demand, List<Stranded>> byDemand = new LinkedHashMap<>();
        stranded.forEach(s -> byDemand.computeIfAbsent(s.demand(), k -> new ArrayList<>()).add(s));
        byDemand.forEach((demand, instances) -> {
            Map<Long, Stranded> waiting = new LinkedHashMap<>();
            instances.forEach(s -> waiting.put(s.id(), s));
            while (!waiting.isEmpty()) {
                Map<Long, Slot> round = nextRound(demand, List.copyOf(waiting.keySet()));
                if (round.isEmpty()) {
                    break;
                }
                Map<Long, Long> hostedMoved = store.writeMoves(round, waiting);
                round.forEach((id, slot) -> d.timeline.put(id, List.of(new FieldChange("partition",
                        waiting.get(id).place(), slot.place() + ", moved there as the " + waiting.get(id).failure()))));
                hostedMoved.forEach((sharedId, hostId) -> d.timeline.put(sharedId, List.of(new FieldChange(
                        "partition", waiting.get(hostId).place(), round.get(hostId).place() + ", with its host "
                                + "instance, moved there as the " + waiting.get(hostId).failure()))));
                round.keySet().forEach(waiting::remove);
            }
            waiting.values().forEach(s -> {
                String why = s.failure() + "; it moves to another computer as soon as one fits.";
                if (!why.equals(s.note())) {
                    d.notes.put(s.id(), why);
                }
            });
        });
        return store.record(d);
    }

    /**
     * One round of places for instances asking for the same thing, oldest first: the computers that fit,
     * the instances spread over them, and a free partition of each pick, locked. Empty when nothing fits.
     */
    private Map<Long, Slot> nextRound(Demand demand, List<Long> waiting) {
        List<Host> hosts = store.lockHosts(demand, waiting.size());
        List<Long> picks = spread(hosts, waiting.size());
        if (picks.isEmpty()) {
            return Map.of();
        }
        Map<Long, ArrayDeque<Slot>> slots = store.lockPartitions(picks, hosts, demand.sla());
        Map<Long, Slot> round = new LinkedHashMap<>();
        Iterator<Long> next = waiting.iterator();
        for (long computerId : picks) {
            Slot slot = slots.getOrDefault(computerId, new ArrayDeque<>()).poll();
            if (slot != null && next.hasNext()) {
                round.put(next.next(), slot);
            }
        }
        return round;
    }

    /**
     * Which computer each of {@code count} instances should go to: each time the least busy one with room
     * of the most preferred tier that has room.
     */
    private static List<Long> spread(List<Host> hosts, int count) {
        PriorityQueue<Host> queue = new PriorityQueue<>(Comparator.<Host>comparingInt(h -> h.tier)
                .thenComparingInt(h -> h.busy).thenComparingLong(h -> h.id));
        hosts.stream().filter(h -> h.busy < h.capacity).forEach(queue::add);
        List<Long> picks = new ArrayList<>(count);
        while (picks.size() < count && !queue.isEmpty()) {
            Host h = queue.poll();
            picks.add(h.id);
            h.busy++;
            if (h.busy < h.capacity) {
                queue.add(h);
            }
        }
        return picks;
    }
}

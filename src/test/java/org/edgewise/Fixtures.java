package org.edgewise;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.catalog.Catalog;
import org.edgewise.catalog.Installations;
import org.edgewise.computer.Computers;
import org.edgewise.computer.Partitions;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.instance.InstanceRequests;
import org.edgewise.party.Organisations;
import org.springframework.stereotype.Component;

/** Builds the documents tests need through the same services the console and the APIs use. */
@Component
public class Fixtures {

    public static final Actor OPERATOR = new Actor("olivia", EnumSet.of(Role.OPERATOR), null);

    private final Computers computers;
    private final Partitions partitions;
    private final Catalog catalog;
    private final Installations installations;
    private final DocumentEngine engine;
    private final Organisations organisations;

    Fixtures(Computers computers, Partitions partitions, Catalog catalog, Installations installations,
            DocumentEngine engine, Organisations organisations) {
        this.computers = computers;
        this.partitions = partitions;
        this.catalog = catalog;
        this.installations = installations;
        this.engine = engine;
        this.organisations = organisations;
    }

    /** A published release with a unique URL. */
    public String release() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Document product = catalog.createProduct("Product " + suffix, null, OPERATOR);
        Document release = catalog.createRelease(new Catalog.NewRelease(product.id(), "file:/releases/" + suffix,
                "1.0", List.of("default", "frontend"), null), OPERATOR);
        engine.apply(release.id(), "publish", OPERATOR, null);
        return "file:/releases/" + suffix;
    }

    /** An open computer in a region, with partitions part0… offering the given capabilities. */
    public Document openComputer(String region, int capacity, int partitionCount, List<String> capabilities) {
        Document computer = computers.create(new Computers.Details("node " + UUID.randomUUID().toString().substring(0, 8),
                null, region, capacity, null), OPERATOR);
        List<Partitions.Spec> specs = new ArrayList<>();
        for (int i = 0; i < partitionCount; i++) {
            specs.add(new Partitions.Spec("part" + i, "127.0.0." + (i + 1), capabilities));
        }
        partitions.format(computer.id(), specs, node(computer));
        return engine.apply(computer.id(), "open", OPERATOR, null);
    }

    public void supply(Document computer, String url) {
        installations.supply(computer.id(), url, OPERATOR);
    }

    public long organisation() {
        return organisations.create(new Organisations.Details("Customer " + UUID.randomUUID().toString().substring(0, 8),
                null, null, null), new Actor("ada", EnumSet.of(Role.ADMIN), null)).id();
    }

    public static Actor customer(long organisationId) {
        return new Actor("carl-" + organisationId, EnumSet.of(Role.CUSTOMER), organisationId);
    }

    public static Actor node(Document computer) {
        return new Actor(computer.reference(), EnumSet.of(Role.NODE), null);
    }

    public static InstanceRequests.Request request(String title, String url, Map<String, String> sla) {
        return new InstanceRequests.Request(title, url, "default", Map.of("size", "small"), sla, "started", false);
    }
}

package org.edgewise.subscription;

import static org.edgewise.jooq.Tables.USAGE_BATCH;
import static org.edgewise.jooq.Tables.USAGE_RECORD;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.edgewise.Fixtures;
import org.edgewise.MasterTest;
import org.edgewise.TestClock;
import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.catalog.Catalog;
import org.edgewise.computer.Computers;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.instance.InstanceInfo;
import org.edgewise.instance.InstanceRequests;
import org.edgewise.instance.Trees;
import org.edgewise.pricing.PriceLists;
import org.edgewise.pricing.PricingWorkflows;
import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the tests of subscriptions and charges build through the real services: customers, products with a
 * published release, customers' own price lists, services requested as the customer, and usage rows as a
 * node's batch stores them. Each test uses its own customer and product, so that the lists and
 * subscriptions of other tests on the shared Master change nothing it sees.
 */
abstract class SubscriptionScenarios extends MasterTest {

    static final Actor FINANCE = new Actor("fiona", EnumSet.of(Role.BILLING), null);
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    record Product(long id, String name, String url) { }

    @Autowired
    Fixtures fixtures;

    @Autowired
    Catalog catalog;

    @Autowired
    Computers computers;

    @Autowired
    InstanceRequests requests;

    @Autowired
    Trees trees;

    @Autowired
    PriceLists priceLists;

    @Autowired
    Subscriptions subscriptions;

    @Autowired
    Charges charges;

    @Autowired
    DocumentEngine engine;

    @Autowired
    TestClock clock;

    @Autowired
    DSLContext db;

    /** A moment of the billing time zone, e.g. {@code paris(2026, 12, 11, 0, 0, 0)}. */
    static Instant paris(int year, int month, int day, int hour, int minute, int second) {
        return LocalDateTime.of(year, month, day, hour, minute, second).atZone(PARIS).toInstant();
    }

    long customer() {
        return fixtures.organisation();
    }

    Product product() {
        String url = fixtures.release();
        Catalog.Release release = catalog.releaseByUrl(url).orElseThrow();
        return new Product(release.productId(), release.productName(), url);
    }

    static PriceLists.ItemDetails price(Product product, String charge, String unitPrice) {
        return new PriceLists.ItemDetails(product.id(), "", charge, new BigDecimal(unitPrice), new BigDecimal("20"));
    }

    /**
     * An active list of the customer's own, valid from a minute from now: the time to write and activate it
     * even on a busy machine, since a list is activated only from a moment still to come.
     */
    long activeList(long customerId, List<PriceLists.ItemDetails> items) {
        return activeList(customerId, clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(60), items);
    }

    long activeList(Long customerId, Instant validFrom, List<PriceLists.ItemDetails> items) {
        Document list = priceLists.create(new PriceLists.Details(unique("prices"), customerId, "EUR", validFrom, null),
                FINANCE);
        items.forEach(item -> priceLists.addItem(list.id(), item, FINANCE));
        engine.apply(list.id(), PricingWorkflows.ACTIVATE, FINANCE, null);
        return list.id();
    }

    /** Stops the clock at {@code at}, which lies ahead: the Master's time only moves forward. */
    void moveTo(Instant at) {
        clock.stop();
        clock.advance(Duration.between(clock.instant(), at));
    }

    /** A service requested by the customer now, as the console or the API request it. */
    InstanceInfo service(long customerId, Product product) {
        return requests.requestTree(new InstanceRequests.Request(unique("service"), product.url(), "default", Map.of(),
                Map.of(), null, false), Fixtures.customer(customerId));
    }

    Subscriptions.Row subscriptionOf(InstanceInfo root) {
        return subscriptions.ofTree(root.treeId(), FINANCE).orElseThrow();
    }

    /** Stores one usage row of the service's root instance in a batch of its own, received now; returns its id. */
    long usage(InstanceInfo root, long customerId, String metric, String quantity, Instant from, Instant to) {
        long computer = computerForUsage();
        String batch = "batch-" + UUID.randomUUID();
        db.insertInto(USAGE_BATCH)
                .set(USAGE_BATCH.COMPUTER_ID, computer)
                .set(USAGE_BATCH.BATCH_ID, batch)
                .set(USAGE_BATCH.RECEIVED_AT, clock.instant().atOffset(ZoneOffset.UTC))
                .set(USAGE_BATCH.RECORD_COUNT, 1)
                .execute();
        return db.insertInto(USAGE_RECORD)
                .set(USAGE_RECORD.COMPUTER_ID, computer)
                .set(USAGE_RECORD.BATCH_ID, batch)
                .set(USAGE_RECORD.INSTANCE_ID, root.id())
                .set(USAGE_RECORD.TREE_ID, root.treeId())
                .set(USAGE_RECORD.OWNER_ID, customerId)
                .set(USAGE_RECORD.METRIC, metric)
                .set(USAGE_RECORD.QUANTITY, new BigDecimal(quantity))
                .set(USAGE_RECORD.PERIOD_START, from.atOffset(ZoneOffset.UTC))
                .set(USAGE_RECORD.PERIOD_END, to.atOffset(ZoneOffset.UTC))
                .set(USAGE_RECORD.RECEIVED_AT, clock.instant().atOffset(ZoneOffset.UTC))
                .returningResult(USAGE_RECORD.ID)
                .fetchSingle().value1();
    }

    private Long usageComputer;

    private long computerForUsage() {
        if (usageComputer == null) {
            usageComputer = computers.create(new Computers.Details(unique("metered"), null, "usage", 1, null),
                    Fixtures.OPERATOR).id();
        }
        return usageComputer;
    }

    List<Subscriptions.Candidate> candidates(Subscriptions.Row subscription) {
        return subscriptions.candidates(subscription.id(), FINANCE);
    }
}

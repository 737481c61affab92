package org.edgewise.subscription;

import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.INVOICE_CANDIDATE;
import static org.edgewise.jooq.Tables.INVOICE_LINE;
import static org.edgewise.jooq.Tables.SUBSCRIPTION;
import static org.edgewise.jooq.Tables.USAGE_CHARGE;
import static org.edgewise.jooq.Tables.USAGE_RECORD;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.edgewise.access.Actor;
import org.edgewise.catalog.Catalog;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.DocumentNotFoundException;
import org.edgewise.document.DocumentQueries;
import org.edgewise.document.PageRequest;
import org.edgewise.instance.Trees;
import org.edgewise.pricing.PriceInForce;
import org.edgewise.pricing.PriceLists;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every instance tree of a customer is a subscription, made in the transaction that requests the tree and
 * closed in the one that destroys it. The provider's own trees have none.
 */
@Service
public class Subscriptions {

    /**
     * A subscription as lists show it, with the monthly price in force now ({@code null} when there is none).
     */
    public record Row(long id, String reference, String title, String state, long customerId, String customerName,
            String treeReference, String treeTitle, String product, String softwareType, Instant startedAt,
            Instant endedAt, Instant billedUntil, String currency, BigDecimal monthlyPrice) { }

    /** A charge of the subscription, with the invoice it went on ({@code null} while it is on none). */
    public record Candidate(long id, String description, Instant periodStart, Instant periodEnd, BigDecimal quantity,
            String unit, BigDecimal unitPrice, BigDecimal amount, String currency, BigDecimal taxRate, String invoice) { }

    /**
     * Usage rows of the subscription's tree that no candidate priced yet, per metric: either waiting for
     * the next charge run ({@code priceInForce}) or without a price in force for their time, so never
     * charged unless one was set for it.
     */
    public record UnpricedUsage(String metric, boolean priceInForce, int records, Instant from, Instant to) { }

    private static final org.edgewise.jooq.tables.Document CUSTOMER_DOC = DOCUMENT.as("customer_doc");
    private static final org.edgewise.jooq.tables.Document TREE_DOC = DOCUMENT.as("tree_doc");
    private static final org.edgewise.jooq.tables.Document PRODUCT_DOC = DOCUMENT.as("product_doc");
    private static final org.edgewise.jooq.tables.Document INVOICE_DOC = DOCUMENT.as("invoice_doc");
    private static final Map<String, Field<?>> SORT = Map.of("reference", DOCUMENT.ID, "state", DOCUMENT.STATE,
            "customer", CUSTOMER_DOC.TITLE, "tree", TREE_DOC.REFERENCE, "product", PRODUCT_DOC.TITLE, "softwareType",
            SUBSCRIPTION.SOFTWARE_TYPE, "startedAt", SUBSCRIPTION.STARTED_AT, "endedAt", SUBSCRIPTION.ENDED_AT);

    private final DSLContext db;
    private final DocumentEngine engine;
    private final Catalog catalog;
    private final Clock clock;

    Subscriptions(DSLContext db, DocumentEngine engine, Catalog catalog, Clock clock) {
        this.db = db;
        this.engine = engine;
        this.catalog = catalog;
        this.clock = clock;
    }

    /**
     * Part of confirming an order whose first month was paid in advance: the tree's monthly price is charged
     * only from a month (of the billing time zone) after the subscription started, and its timeline says why.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public void firstMonthPaidInAdvance(long treeId, java.time.ZoneId zone, String paidBy) {
        db.select(SUBSCRIPTION.ID, SUBSCRIPTION.STARTED_AT).from(SUBSCRIPTION).where(SUBSCRIPTION.TREE_ID.eq(treeId))
                .fetchOptional().ifPresent(r -> {
                    OffsetDateTime until = r.value2().atZoneSameInstant(zone).plusMonths(1).toOffsetDateTime()
                            .withOffsetSameInstant(ZoneOffset.UTC);
                    db.update(SUBSCRIPTION).set(SUBSCRIPTION.BILLED_UNTIL, until)
                            .where(SUBSCRIPTION.ID.eq(r.value1()).and(SUBSCRIPTION.BILLED_UNTIL.lt(until)))
                            .execute();
                    engine.comment(r.value1(), "The monthly price until " + until.toInstant() + " was paid in advance by "
                            + paidBy + ": it is charged from then on.", Actor.system());
                });
    }

    /** A customer's new tree starts its subscription, for the product of the tree's release. */
    @EventListener
    void treeRequested(Trees.Requested requested) {
        if (requested.ownerId() == null) {
            return;
        }
        Catalog.Release release = catalog.releaseByUrl(requested.releaseUrl()).orElseThrow(
                () -> new IllegalStateException("A requested tree names the release " + requested.releaseUrl()
                        + ", which the catalogue does not hold"));
        Document tree = engine.get(requested.treeId(), Actor.system());
        String title = release.productName() + " · " + tree.title();
        Document doc = engine.create(SubscriptionWorkflows.TYPE,
                title.length() <= DocumentEngine.MAX_TITLE_LENGTH ? title : title.substring(0, DocumentEngine.MAX_TITLE_LENGTH),
                requested.ownerId(), Actor.system());
        OffsetDateTime start = now();
        db.insertInto(SUBSCRIPTION)
                .set(SUBSCRIPTION.ID, doc.id())
                .set(SUBSCRIPTION.TREE_ID, requested.treeId())
                .set(SUBSCRIPTION.CUSTOMER_ID, requested.ownerId())
                .set(SUBSCRIPTION.PRODUCT_ID, release.productId())
                .set(SUBSCRIPTION.SOFTWARE_TYPE, requested.softwareType())
                .set(SUBSCRIPTION.STARTED_AT, start)
                .set(SUBSCRIPTION.BILLED_UNTIL, start)
                .execute();
    }

    /** The tree of a subscription was destroyed: the subscription closes with it. */
    void treeDestroyed(Document tree) {
        db.select(SUBSCRIPTION.ID).from(SUBSCRIPTION).join(DOCUMENT).on(DOCUMENT.ID.eq(SUBSCRIPTION.ID))
                .where(SUBSCRIPTION.TREE_ID.eq(tree.id())).and(DOCUMENT.STATE.ne(SubscriptionWorkflows.CLOSED))
                .fetchOptional(SUBSCRIPTION.ID)
                .ifPresent(id -> engine.apply(id, SubscriptionWorkflows.CLOSE, Actor.system(),
                        "its service " + tree.reference() + " was destroyed"));
    }

    /** A closed subscription ends now (to the second, as every charge). */
    void end(Document subscription) {
        db.update(SUBSCRIPTION)
                .set(SUBSCRIPTION.ENDED_AT, DSL.greatest(SUBSCRIPTION.STARTED_AT, DSL.val(now())))
                .where(SUBSCRIPTION.ID.eq(subscription.id()))
                .execute();
    }

    @Transactional(readOnly = true)
    public List<Row> page(PageRequest page, Actor actor) {
        return select().where(DocumentQueries.visibleList(SubscriptionWorkflows.TYPE, actor, page, CUSTOMER_DOC.TITLE,
                        PRODUCT_DOC.TITLE, TREE_DOC.REFERENCE, TREE_DOC.TITLE))
                .orderBy(page.sortFields(SORT, DOCUMENT.ID.desc()))
                .offset(page.offset()).limit(page.limit())
                .fetch(this::toRow);
    }

    @Transactional(readOnly = true)
    public int count(PageRequest page, Actor actor) {
        return db.fetchCount(select().where(DocumentQueries.visibleList(SubscriptionWorkflows.TYPE, actor, page,
                CUSTOMER_DOC.TITLE, PRODUCT_DOC.TITLE, TREE_DOC.REFERENCE, TREE_DOC.TITLE)));
    }

    @Transactional(readOnly = true)
    public Row get(String reference, Actor actor) {
        Document doc = engine.get(reference, actor);
        return select().where(DOCUMENT.ID.eq(doc.id())).and(DOCUMENT.DOC_TYPE.eq(SubscriptionWorkflows.TYPE))
                .fetchOptional(this::toRow).orElseThrow(() -> new DocumentNotFoundException(reference));
    }

    /** The subscription of a tree, if it has one this user may see. */
    @Transactional(readOnly = true)
    public Optional<Row> ofTree(long treeId, Actor actor) {
        if (!engine.workflow(SubscriptionWorkflows.TYPE).mayRead(actor)) {
            return Optional.empty();
        }
        return select().where(SUBSCRIPTION.TREE_ID.eq(treeId)).and(DocumentQueries.visibleTo(actor))
                .fetchOptional(this::toRow);
    }

    /** The charges of a subscription this user may see, oldest first. */
    @Transactional(readOnly = true)
    public List<Candidate> candidates(long subscriptionId, Actor actor) {
        Document doc = engine.get(subscriptionId, actor);
        return db.select(INVOICE_CANDIDATE.ID, INVOICE_CANDIDATE.DESCRIPTION, INVOICE_CANDIDATE.PERIOD_START,
                        INVOICE_CANDIDATE.PERIOD_END, INVOICE_CANDIDATE.QUANTITY, INVOICE_CANDIDATE.UNIT,
                        INVOICE_CANDIDATE.UNIT_PRICE, INVOICE_CANDIDATE.AMOUNT, INVOICE_CANDIDATE.CURRENCY,
                        INVOICE_CANDIDATE.TAX_RATE, DSL.coalesce(INVOICE_DOC.NUMBER, INVOICE_DOC.REFERENCE))
                .from(INVOICE_CANDIDATE)
                .leftJoin(INVOICE_LINE).on(INVOICE_LINE.ID.eq(INVOICE_CANDIDATE.INVOICE_LINE_ID))
                .leftJoin(INVOICE_DOC).on(INVOICE_DOC.ID.eq(INVOICE_LINE.INVOICE_ID))
                .where(INVOICE_CANDIDATE.SUBSCRIPTION_ID.eq(doc.id()))
                .orderBy(INVOICE_CANDIDATE.PERIOD_START, INVOICE_CANDIDATE.ID)
                .fetch(r -> new Candidate(r.value1(), r.value2(), r.value3().toInstant(), r.value4().toInstant(),
                        r.value5(), r.value6(), r.value7(), r.value8(), r.value9(), r.value10(), r.value11()));
    }

    /** The usage of the subscription's tree that no candidate priced yet, per metric and whether a price is in force. */
    @Transactional(readOnly = true)
    public List<UnpricedUsage> unpricedUsage(long subscriptionId, Actor actor) {
        Document doc = engine.get(subscriptionId, actor);
        Field<String> charge = DSL.when(USAGE_RECORD.METRIC.eq("cpu_seconds"), DSL.inline(PriceLists.CPU_HOUR))
                .when(USAGE_RECORD.METRIC.eq("disk_bytes"), DSL.inline(PriceLists.DISK_GB_MONTH))
                .otherwise(USAGE_RECORD.METRIC);
        Table<?> price = PriceInForce.at(SUBSCRIPTION.CUSTOMER_ID, SUBSCRIPTION.PRODUCT_ID, SUBSCRIPTION.SOFTWARE_TYPE,
                charge, USAGE_RECORD.PERIOD_END).asTable("price");
        Field<Boolean> priced = DSL.field(price.field(PriceInForce.PRICE_LIST_ID).isNotNull());
        return db.select(USAGE_RECORD.METRIC, priced, DSL.count(), DSL.min(USAGE_RECORD.PERIOD_START),
                        DSL.max(USAGE_RECORD.PERIOD_END))
                .from(SUBSCRIPTION)
                .join(USAGE_RECORD).on(USAGE_RECORD.TREE_ID.eq(SUBSCRIPTION.TREE_ID))
                .leftJoin(DSL.lateral(price)).on(DSL.trueCondition())
                .where(SUBSCRIPTION.ID.eq(doc.id()))
                .and(USAGE_RECORD.METRIC.in("cpu_seconds", "disk_bytes").or(USAGE_RECORD.METRIC.startsWith("counter:")))
                .andNotExists(DSL.selectOne().from(USAGE_CHARGE).where(USAGE_CHARGE.USAGE_RECORD_ID.eq(USAGE_RECORD.ID)))
                .groupBy(USAGE_RECORD.METRIC, priced)
                .orderBy(USAGE_RECORD.METRIC, priced)
                .fetch(r -> new UnpricedUsage(r.value1(), r.value2(), r.value3(), r.value4().toInstant(),
                        r.value5().toInstant()));
    }

    private SelectOnConditionStep<Record> select() {
        Table<?> price = PriceInForce.at(SUBSCRIPTION.CUSTOMER_ID, SUBSCRIPTION.PRODUCT_ID, SUBSCRIPTION.SOFTWARE_TYPE,
                DSL.inline(PriceLists.MONTH), DSL.val(now())).asTable("price");
        return db.select(List.of(DOCUMENT.ID, DOCUMENT.REFERENCE, DOCUMENT.TITLE, DOCUMENT.STATE,
                        SUBSCRIPTION.CUSTOMER_ID, CUSTOMER_DOC.TITLE, TREE_DOC.REFERENCE, TREE_DOC.TITLE,
                        PRODUCT_DOC.TITLE, SUBSCRIPTION.SOFTWARE_TYPE, SUBSCRIPTION.STARTED_AT, SUBSCRIPTION.ENDED_AT,
                        SUBSCRIPTION.BILLED_UNTIL, price.field(PriceInForce.CURRENCY),
                        price.field(PriceInForce.UNIT_PRICE)))
                .from(DOCUMENT).join(SUBSCRIPTION).on(SUBSCRIPTION.ID.eq(DOCUMENT.ID))
                .join(CUSTOMER_DOC).on(CUSTOMER_DOC.ID.eq(SUBSCRIPTION.CUSTOMER_ID))
                .join(TREE_DOC).on(TREE_DOC.ID.eq(SUBSCRIPTION.TREE_ID))
                .join(PRODUCT_DOC).on(PRODUCT_DOC.ID.eq(SUBSCRIPTION.PRODUCT_ID))
                .leftJoin(DSL.lateral(price)).on(DSL.trueCondition());
    }

    private Row toRow(Record r) {
        return new Row(r.get(DOCUMENT.ID), r.get(DOCUMENT.REFERENCE), r.get(DOCUMENT.TITLE), r.get(DOCUMENT.STATE),
                r.get(SUBSCRIPTION.CUSTOMER_ID), r.get(CUSTOMER_DOC.TITLE), r.get(TREE_DOC.REFERENCE),
                r.get(TREE_DOC.TITLE), r.get(PRODUCT_DOC.TITLE), r.get(SUBSCRIPTION.SOFTWARE_TYPE),
                instant(r.get(SUBSCRIPTION.STARTED_AT)), instant(r.get(SUBSCRIPTION.ENDED_AT)),
                instant(r.get(SUBSCRIPTION.BILLED_UNTIL)), r.get(PriceInForce.CURRENCY, String.class),
                r.get(PriceInForce.UNIT_PRICE, BigDecimal.class));
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }

    /** Now to the second: subscriptions start and end at whole seconds, the resolution of their charges. */
    private OffsetDateTime now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC);
    }
}

package org.edgewise.subscription;

import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.SUBSCRIPTION;
import static org.edgewise.jooq.Tables.TIMELINE_ENTRY;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.edgewise.document.TimelineEntry;
import org.edgewise.pricing.PriceInForce;
import org.edgewise.pricing.PriceLists;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * The statements of a charge run. Each works on a batch of subscriptions at once (arrays as parameters,
 * {@code INSERT … SELECT}), never on one row at a time, so that a run over a hundred thousand
 * subscriptions is a few hundred statements.
 */
@Repository
class ChargeStore {

    /** A subscription of the batch as its charges need it; the row is locked until the batch commits. */
    record Subscription(long id, long customerId, long productId, String softwareType, String product,
            Instant startedAt, Instant endedAt, Instant billedUntil) { }

    /** A suspend or resume of a subscription, from its timeline. */
    record Pause(long subscriptionId, Instant at, String action) { }

    /** Where a monthly price is looked up: for this subscription's customer and product, at {@code at}. */
    record PriceQuery(long customerId, long productId, String softwareType, Instant at) { }

    record Candidate(long customerId, long subscriptionId, String sourceKey, String description, Instant periodStart,
            Instant periodEnd, BigDecimal quantity, BigDecimal unitPrice, BigDecimal amount, String currency,
            BigDecimal taxRate) { }

    /** What the usage of a batch gave: candidates made, usage rows priced, usage rows left without a price. */
    record UsageCharged(int candidates, int records, int unpriced) { }

    private static final org.edgewise.jooq.tables.Document PRODUCT_DOC = DOCUMENT.as("product_doc");

    /**
     * The usage of a batch, priced in one statement: the rows no candidate priced yet that were measured from
     * before the end of the period (a later month's are that month's to bill), by subscription,
     * charge and span of one price (between two instants where some list starts or ends), priced at the
     * end of their span's latest row; a candidate per group, then a usage_charge row per usage row. Rows
     * without a price in force stay as they are, counted in {@code unpriced}.
     */
    private static final String CHARGE_USAGE = """
            WITH fresh AS MATERIALIZED (
                SELECT u.id, s.id AS subscription_id, s.customer_id, s.product_id, s.software_type,
                       product.title AS product,
                       CASE u.metric WHEN 'cpu_seconds' THEN 'cpu_hour' WHEN 'disk_bytes' THEN 'disk_gb_month'
                            ELSE u.metric END AS charge,
                       CASE u.metric
                           WHEN 'cpu_seconds' THEN u.quantity / 3600
                           WHEN 'disk_bytes' THEN u.quantity
                               * (extract(epoch FROM u.period_end) - extract(epoch FROM u.period_start))
                               / (1000000000 * (extract(epoch FROM (date_trunc('month', u.period_end AT TIME ZONE {1})
                                                      + interval '1 month') AT TIME ZONE {1})
                                                - extract(epoch FROM date_trunc('month', u.period_end AT TIME ZONE {1})
                                                      AT TIME ZONE {1})))
                           ELSE u.quantity END AS units,
                       u.period_start, u.period_end,
                       width_bucket(u.period_end, {2}) AS price_span
                FROM subscription s
                JOIN document product ON product.id = s.product_id
                JOIN usage_record u ON u.tree_id = s.tree_id
                WHERE s.id = ANY({0})
                  AND u.period_start < {6}
                  AND (u.metric IN ('cpu_seconds', 'disk_bytes') OR u.metric LIKE 'counter:%')
                  AND NOT EXISTS (SELECT 1 FROM usage_charge c WHERE c.usage_record_id = u.id)
            ), grouped AS (
                SELECT subscription_id, customer_id, product_id, software_type, product, charge, price_span,
                       round(sum(units), 6) AS quantity, min(period_start) AS period_start,
                       max(period_end) AS period_end, min(id) AS first_record, count(*) AS records
                FROM fresh
                GROUP BY subscription_id, customer_id, product_id, software_type, product, charge, price_span
            ), priced AS (
                SELECT g.*, price.currency, price.unit_price, price.tax_rate,
                       'usage:' || g.subscription_id || ':' || g.charge || ':' || {3} AS base_key,
                       row_number() OVER (PARTITION BY g.subscription_id, g.charge ORDER BY g.price_span) AS nth
                FROM grouped g
                CROSS JOIN LATERAL ({4}) price
            ), keyed AS (
                SELECT p.*,
                       CASE WHEN p.nth = 1 AND NOT EXISTS (SELECT 1 FROM invoice_candidate taken
                                                           WHERE taken.source_key = p.base_key)
                            THEN p.base_key ELSE p.base_key || ':' || p.first_record END AS source_key
                FROM priced p
            ), inserted AS (
                INSERT INTO invoice_candidate (customer_id, subscription_id, source_key, charge, description,
                                               period_start, period_end, quantity, unit, unit_price, amount,
                                               currency, tax_rate, created_at)
                SELECT k.customer_id, k.subscription_id, k.source_key, k.charge,
                       k.product || ' (' || k.software_type || '), '
                           || CASE k.charge WHEN 'cpu_hour' THEN 'CPU time' WHEN 'disk_gb_month' THEN 'disk space'
                                  ELSE substr(k.charge, 9) END || ', '
                           || to_char(k.period_start AT TIME ZONE {1}, 'FMDD Mon YYYY HH24:MI') || ' – '
                           || to_char(k.period_end AT TIME ZONE {1}, 'FMDD Mon YYYY HH24:MI')
                           || ' (' || k.records || CASE WHEN k.records = 1 THEN ' record)' ELSE ' records)' END,
                       k.period_start, k.period_end, k.quantity,
                       CASE k.charge WHEN 'cpu_hour' THEN 'hour' WHEN 'disk_gb_month' THEN 'GB-month'
                            ELSE left(substr(k.charge, 9), 40) END,
                       k.unit_price, k.quantity * k.unit_price, k.currency, k.tax_rate, {5}
                FROM keyed k
                ON CONFLICT (source_key) DO NOTHING
                RETURNING id, source_key
            ), charged AS (
                INSERT INTO usage_charge (usage_record_id, candidate_id)
                SELECT f.id, i.id
                FROM inserted i
                JOIN keyed k ON k.source_key = i.source_key
                JOIN fresh f ON f.subscription_id = k.subscription_id AND f.charge = k.charge
                            AND f.price_span = k.price_span
                RETURNING usage_record_id
            )
            SELECT (SELECT count(*) FROM inserted) AS candidates,
                   (SELECT count(*) FROM charged) AS records,
                   (SELECT count(*) FROM fresh) - (SELECT coalesce(sum(records), 0) FROM keyed) AS unpriced
            """;

    private static final String INSERT_RECURRING = """
            INSERT INTO invoice_candidate (customer_id, subscription_id, source_key, charge, description, period_start,
                                           period_end, quantity, unit, unit_price, amount, currency, tax_rate,
                                           created_at)
            SELECT c.customer_id, c.subscription_id, c.source_key, 'month', c.description, c.period_start, c.period_end,
                   c.quantity, 'month', c.unit_price, c.amount, c.currency, c.tax_rate, {11}
            FROM unnest({0}::bigint[], {1}::bigint[], {2}::text[], {3}::text[], {4}::timestamptz[], {5}::timestamptz[],
                        {6}::numeric[], {7}::numeric[], {8}::numeric[], {9}::text[], {10}::numeric[])
                 AS c(customer_id, subscription_id, source_key, description, period_start, period_end, quantity,
                      unit_price, amount, currency, tax_rate)
            ON CONFLICT (source_key) DO NOTHING
            """;

    private static final String MOVE_BILLED_UNTIL = """
            UPDATE subscription s SET billed_until = m.until
            FROM unnest({0}::bigint[], {1}::timestamptz[]) AS m(id, until)
            WHERE s.id = m.id AND s.billed_until < m.until
            """;

    private final DSLContext db;

    ChargeStore(DSLContext db) {
        this.db = db;
    }

    /** The ids of every subscription (of one customer, or of all), in order. */
    List<Long> subscriptionIds(Long customerId) {
        return db.select(SUBSCRIPTION.ID).from(SUBSCRIPTION)
                .where(customerId == null ? DSL.trueCondition() : SUBSCRIPTION.CUSTOMER_ID.eq(customerId))
                .orderBy(SUBSCRIPTION.ID)
                .fetch(SUBSCRIPTION.ID);
    }

    /**
     * These subscriptions, locked in the order of their ids until the batch commits: a run on another thread or
     * Master waits for them, then finds their charges made. The lock leaves foreign keys that name a
     * subscription (an invoice line's) free to be checked meanwhile.
     */
    List<Subscription> lock(List<Long> ids) {
        return db.select(SUBSCRIPTION.ID, SUBSCRIPTION.CUSTOMER_ID, SUBSCRIPTION.PRODUCT_ID,
                        SUBSCRIPTION.SOFTWARE_TYPE, PRODUCT_DOC.TITLE, SUBSCRIPTION.STARTED_AT, SUBSCRIPTION.ENDED_AT,
                        SUBSCRIPTION.BILLED_UNTIL)
                .from(SUBSCRIPTION).join(PRODUCT_DOC).on(PRODUCT_DOC.ID.eq(SUBSCRIPTION.PRODUCT_ID))
                .where(SUBSCRIPTION.ID.eq(DSL.any(ids.toArray(Long[]::new))))
                .orderBy(SUBSCRIPTION.ID)
                .forNoKeyUpdate().of(SUBSCRIPTION)
                .fetch(r -> new Subscription(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
                        r.value6().toInstant(), r.value7() == null ? null : r.value7().toInstant(),
                        r.value8().toInstant()));
    }

    /** The suspends and resumes of these subscriptions, in the order they happened. */
    Map<Long, List<Pause>> pauses(Collection<Long> subscriptionIds) {
        if (subscriptionIds.isEmpty()) {
            return Map.of();
        }
        return db.select(TIMELINE_ENTRY.DOCUMENT_ID, TIMELINE_ENTRY.AT, TIMELINE_ENTRY.ACTION)
                .from(TIMELINE_ENTRY)
                .where(TIMELINE_ENTRY.DOCUMENT_ID.eq(DSL.any(subscriptionIds.toArray(Long[]::new))))
                .and(TIMELINE_ENTRY.KIND.eq(TimelineEntry.Kind.TRANSITION.name().toLowerCase(java.util.Locale.ROOT)))
                .and(TIMELINE_ENTRY.ACTION.in(SubscriptionWorkflows.SUSPEND, SubscriptionWorkflows.RESUME))
                .orderBy(TIMELINE_ENTRY.DOCUMENT_ID, TIMELINE_ENTRY.ID)
                .fetch(r -> new Pause(r.value1(), r.value2().toInstant(), r.value3()))
                .stream().collect(Collectors.groupingBy(Pause::subscriptionId));
    }

    /** Every instant at which some price list starts or ends, in order. */
    List<Instant> priceChanges() {
        OffsetDateTime[] changes = db.select(PriceInForce.changes()).fetchSingle().value1();
        return changes == null ? List.of() : java.util.Arrays.stream(changes).map(OffsetDateTime::toInstant).toList();
    }

    /** The monthly price in force for each query, in the same order; empty where there is none. */
    List<Optional<PriceLists.Price>> monthlyPrices(List<PriceQuery> queries) {
        List<Optional<PriceLists.Price>> prices = new ArrayList<>(queries.size());
        for (int i = 0; i < queries.size(); i++) {
            prices.add(Optional.empty());
        }
        if (queries.isEmpty()) {
            return prices;
        }
        Long[] n = new Long[queries.size()];
        for (int i = 0; i < n.length; i++) {
            n[i] = (long) i;
        }
        Table<?> asked = DSL.table("unnest({0}::bigint[], {1}::bigint[], {2}::bigint[], {3}::text[], {4}::timestamptz[])"
                + " AS asked(n, customer_id, product_id, software_type, at)", DSL.val(n),
                DSL.val(queries.stream().map(PriceQuery::customerId).toArray(Long[]::new)),
                DSL.val(queries.stream().map(PriceQuery::productId).toArray(Long[]::new)),
                DSL.val(queries.stream().map(PriceQuery::softwareType).toArray(String[]::new)),
                DSL.val(queries.stream().map(q -> utc(q.at())).toArray(OffsetDateTime[]::new)));
        Table<?> price = PriceInForce.at(column("asked", "customer_id", Long.class),
                column("asked", "product_id", Long.class), column("asked", "software_type", String.class),
                DSL.inline(PriceLists.MONTH), column("asked", "at", OffsetDateTime.class)).asTable("price");
        Field<Long> index = column("asked", "n", Long.class);
        for (Record r : db.select(index, price.field(PriceInForce.PRICE_LIST_ID, Long.class),
                        price.field(PriceInForce.CURRENCY, String.class),
                        price.field(PriceInForce.UNIT_PRICE, BigDecimal.class),
                        price.field(PriceInForce.TAX_RATE, BigDecimal.class))
                .from(asked).crossJoin(DSL.lateral(price)).fetch()) {
            prices.set(r.get(index).intValue(), Optional.of(new PriceLists.Price(r.get(1, Long.class),
                    r.get(2, String.class), r.get(3, BigDecimal.class), r.get(4, BigDecimal.class))));
        }
        return prices;
    }

    /** Inserts the recurring candidates; one whose source key exists already is left out. Returns how many were new. */
    int insertRecurring(List<Candidate> candidates, Instant now) {
        if (candidates.isEmpty()) {
            return 0;
        }
        return db.execute(INSERT_RECURRING,
                DSL.val(candidates.stream().map(Candidate::customerId).toArray(Long[]::new)),
                DSL.val(candidates.stream().map(Candidate::subscriptionId).toArray(Long[]::new)),
                DSL.val(candidates.stream().map(Candidate::sourceKey).toArray(String[]::new)),
                DSL.val(candidates.stream().map(Candidate::description).toArray(String[]::new)),
                DSL.val(candidates.stream().map(c -> utc(c.periodStart())).toArray(OffsetDateTime[]::new)),
                DSL.val(candidates.stream().map(c -> utc(c.periodEnd())).toArray(OffsetDateTime[]::new)),
                DSL.val(candidates.stream().map(Candidate::quantity).toArray(BigDecimal[]::new)),
                DSL.val(candidates.stream().map(Candidate::unitPrice).toArray(BigDecimal[]::new)),
                DSL.val(candidates.stream().map(Candidate::amount).toArray(BigDecimal[]::new)),
                DSL.val(candidates.stream().map(Candidate::currency).toArray(String[]::new)),
                DSL.val(candidates.stream().map(Candidate::taxRate).toArray(BigDecimal[]::new)),
                DSL.val(utc(now)));
    }

    /** Moves each subscription's billed_until forward to the given instant (never back). */
    void moveBilledUntil(Map<Long, Instant> until) {
        if (until.isEmpty()) {
            return;
        }
        db.execute(MOVE_BILLED_UNTIL, DSL.val(until.keySet().toArray(Long[]::new)),
                DSL.val(until.values().stream().map(ChargeStore::utc).toArray(OffsetDateTime[]::new)));
    }

    /** Prices the usage of these subscriptions that no candidate priced yet; see {@link #CHARGE_USAGE}. */
    UsageCharged chargeUsage(Collection<Long> subscriptionIds, Instant periodStart, Instant periodEnd, ZoneId zone,
            Instant now) {
        if (subscriptionIds.isEmpty()) {
            return new UsageCharged(0, 0, 0);
        }
        Field<Long> customer = column("g", "customer_id", Long.class);
        Field<Long> product = column("g", "product_id", Long.class);
        Field<String> type = column("g", "software_type", String.class);
        Field<String> charge = column("g", "charge", String.class);
        Field<OffsetDateTime> at = column("g", "period_end", OffsetDateTime.class);
        Record counts = db.resultQuery(CHARGE_USAGE, DSL.val(subscriptionIds.toArray(Long[]::new)),
                DSL.val(zone.getId()), PriceInForce.changes(), DSL.val(periodStart.toString()),
                PriceInForce.at(customer, product, type, charge, at), DSL.val(utc(now)),
                DSL.val(utc(periodEnd))).fetchSingle();
        return new UsageCharged(counts.get(0, Integer.class), counts.get(1, Integer.class),
                counts.get(2, Integer.class));
    }

    private static <T> Field<T> column(String table, String name, Class<T> type) {
        return DSL.field(DSL.name(table, name), type);
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}

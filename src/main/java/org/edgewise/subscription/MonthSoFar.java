package org.edgewise.subscription;

import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.SUBSCRIPTION;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.edgewise.access.Actor;
import org.edgewise.document.DocumentQueries;
import org.edgewise.pricing.PriceInForce;
import org.edgewise.pricing.PriceLists;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a service has cost so far in the billing month running now, as its owner reads it before any invoice:
 * the monthly price prorated from the month's start (or the subscription's) to now, the way {@link Charges}
 * will charge it, plus the usage measured this month priced at the end of each measurement. Read only: nothing
 * is charged or marked, so the figure may be asked for at any moment and changes as time passes.
 */
@Service
public class MonthSoFar {

    /**
     * One part of the estimate in one currency: the subscription's share of its monthly price
     * ({@code charge} "month", quantity the share of the month) or one kind of usage ({@code cpu_hour},
     * {@code disk_gb_month}, {@code counter:<name>}, quantity in its unit). Amounts keep their decimals; they are
     * rounded when shown.
     */
    public record Cost(String charge, BigDecimal quantity, String currency, BigDecimal amount) { }

    /**
     * The month so far [{@code from}, {@code to}) and its costs; {@code unpricedUsage} counts the usage rows of the
     * month with no price in force, which cost nothing unless a price is set for their time.
     */
    public record Estimate(Instant from, Instant to, List<Cost> costs, int unpricedUsage) {

        /** The sum of the costs per currency, in the order of the currencies' codes. */
        public Map<String, BigDecimal> totals() {
            Map<String, BigDecimal> totals = new TreeMap<>();
            costs.forEach(c -> totals.merge(c.currency(), c.amount(), BigDecimal::add));
            return totals;
        }
    }

    /** The usage rows of the tree measured in [from, to), priced as {@link ChargeStore}'s charge run prices them. */
    private static final String USAGE = """
            WITH measured AS (
                SELECT s.customer_id, s.product_id, s.software_type,
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
                       u.period_end
                FROM subscription s
                JOIN usage_record u ON u.tree_id = s.tree_id
                WHERE s.id = {0}
                  AND u.period_end >= {2} AND u.period_end < {3}
                  AND (u.metric IN ('cpu_seconds', 'disk_bytes') OR u.metric LIKE 'counter:%')
            )
            SELECT m.charge, price.currency, round(sum(m.units), 6) AS quantity,
                   sum(m.units * price.unit_price) AS amount, count(*) AS records
            FROM measured m
            LEFT JOIN LATERAL ({4}) price ON true
            GROUP BY m.charge, price.currency
            ORDER BY m.charge, price.currency
            """;

    private record Subscribed(long id, long customerId, long productId, String softwareType, Instant startedAt,
            Instant endedAt) { }

    private final DSLContext db;
    private final ChargeStore store;
    private final Clock clock;
    private final ZoneId zone;

    MonthSoFar(DSLContext db, ChargeStore store, Clock clock,
            @Value("${edgewise.billing.zone:Europe/Paris}") ZoneId zone) {
        this.db = db;
        this.store = store;
        this.clock = clock;
        this.zone = zone;
    }

    /** The estimate of the tree's subscription, or none when it has none this user may see. */
    @Transactional(readOnly = true)
    public Optional<Estimate> ofTree(long treeId, Actor actor) {
        Optional<Subscribed> found = db.select(SUBSCRIPTION.ID, SUBSCRIPTION.CUSTOMER_ID, SUBSCRIPTION.PRODUCT_ID,
                        SUBSCRIPTION.SOFTWARE_TYPE, SUBSCRIPTION.STARTED_AT, SUBSCRIPTION.ENDED_AT)
                .from(SUBSCRIPTION).join(DOCUMENT).on(DOCUMENT.ID.eq(SUBSCRIPTION.ID))
                .where(SUBSCRIPTION.TREE_ID.eq(treeId)).and(DocumentQueries.visibleTo(actor))
                .fetchOptional(r -> new Subscribed(r.value1(), r.value2(), r.value3(), r.value4(),
                        r.value5().toInstant(), r.value6() == null ? null : r.value6().toInstant()));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Subscribed subscription = found.get();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Proration.Span month = Proration.monthOf(now, zone);
        List<Cost> costs = new ArrayList<>(recurring(subscription, month, now));
        int unpriced = usage(subscription.id(), month.from(), now, costs);
        return Optional.of(new Estimate(month.from(), now, costs, unpriced));
    }

    /**
     * The monthly price for the active time of this month up to now, without the time it was suspended, cut
     * where the price in force changes and priced at each part's start, as {@link Charges} charges it.
     */
    private List<Cost> recurring(Subscribed subscription, Proration.Span month, Instant now) {
        Instant from = subscription.startedAt().isAfter(month.from()) ? subscription.startedAt() : month.from();
        Instant to = subscription.endedAt() != null && subscription.endedAt().isBefore(now) ? subscription.endedAt() : now;
        if (!from.isBefore(to)) {
            return List.of();
        }
        List<ChargeStore.Pause> pauses = store.pauses(List.of(subscription.id())).getOrDefault(subscription.id(), List.of());
        List<Instant> priceChanges = store.priceChanges();
        List<Proration.Span> parts = new ArrayList<>();
        for (Proration.Span active : Proration.without(new Proration.Span(from, to), Charges.suspended(pauses, to))) {
            parts.addAll(Proration.cut(active, priceChanges));
        }
        List<Optional<PriceLists.Price>> prices = store.monthlyPrices(parts.stream()
                .map(p -> new ChargeStore.PriceQuery(subscription.customerId(), subscription.productId(),
                        subscription.softwareType(), p.from()))
                .toList());
        Map<String, long[]> secondsPerCurrency = new TreeMap<>();
        Map<String, BigDecimal> amountPerCurrency = new TreeMap<>();
        for (int i = 0; i < parts.size(); i++) {
            Optional<PriceLists.Price> price = prices.get(i);
            if (price.isEmpty()) {
                continue;
            }
            long seconds = parts.get(i).seconds();
            String currency = price.get().currency();
            secondsPerCurrency.computeIfAbsent(currency, c -> new long[1])[0] += seconds;
            amountPerCurrency.merge(currency, Proration.amount(price.get().unitPrice(), seconds, month.seconds()),
                    BigDecimal::add);
        }
        List<Cost> costs = new ArrayList<>();
        amountPerCurrency.forEach((currency, amount) -> costs.add(new Cost(PriceLists.MONTH,
                Proration.quantity(secondsPerCurrency.get(currency)[0], month.seconds()), currency, amount)));
        return costs;
    }

    /** Adds the priced usage of the month so far to {@code costs}; returns how many usage rows have no price. */
    private int usage(long subscriptionId, Instant from, Instant to, List<Cost> costs) {
        Field<Long> customer = column("customer_id", Long.class);
        Field<Long> product = column("product_id", Long.class);
        Field<String> type = column("software_type", String.class);
        Field<String> charge = column("charge", String.class);
        Field<OffsetDateTime> at = column("period_end", OffsetDateTime.class);
        int unpriced = 0;
        for (var r : db.resultQuery(USAGE, DSL.val(subscriptionId), DSL.val(zone.getId()), DSL.val(utc(from)),
                DSL.val(utc(to)), PriceInForce.at(customer, product, type, charge, at)).fetch()) {
            String currency = r.get("currency", String.class);
            if (currency == null) {
                unpriced += r.get("records", Integer.class);
            } else {
                costs.add(new Cost(r.get("charge", String.class), r.get("quantity", BigDecimal.class), currency,
                        r.get("amount", BigDecimal.class)));
            }
        }
        return unpriced;
    }

    private static <T> Field<T> column(String name, Class<T> type) {
        return DSL.field(DSL.name("m", name), type);
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}

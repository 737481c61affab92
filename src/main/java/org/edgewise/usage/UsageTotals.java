package org.edgewise.usage;

import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.USAGE_MONTH_TOTAL;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.when;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.access.RoleGroup;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Usage totals of a billing month, per instance, service (tree), customer or computer, from the monthly totals
 * kept as batches arrive. Within a group: CPU time, running time and counters add up; memory is the sum of each
 * instance's peak (what the group needed at most, if the peaks came together) and disk the sum of each
 * instance's last measured size. Operations, sales, finance and administrators see every customer's usage;
 * a customer only their own, and only per instance or service.
 */
@Service
class UsageTotals {

    /** How usage is added up; {@code route} is where the console shows the document a group is named after. */
    enum Grouping {
        TREE("Per service", "services/"),
        INSTANCE("Per instance", "instances/"),
        CUSTOMER("Per customer", "organisations/"),
        COMPUTER("Per computer", "computers/");

        final String label;
        final String route;

        Grouping(String label, String route) {
            this.label = label;
            this.route = route;
        }

        boolean staffOnly() {
            return this == CUSTOMER || this == COMPUTER;
        }
    }

    /**
     * One group's totals: the document it is named after ({@code null} reference and id for the operator's own
     * services when grouped per customer) and each metric's quantity in its own unit (seconds, bytes, a count).
     */
    record Totals(Long id, String reference, String title, Map<String, BigDecimal> usage) { }

    private static final String STAFF_ONLY = "Usage per customer and per computer is shown to staff only.";

    private final DSLContext db;
    private final BillingMonths months;

    UsageTotals(DSLContext db, BillingMonths months) {
        this.db = db;
        this.months = months;
    }

    /** The groupings this user may choose. */
    List<Grouping> groupings(Actor actor) {
        return isStaff(actor) ? List.of(Grouping.values())
                : List.of(Grouping.TREE, Grouping.INSTANCE);
    }

    /** May this user see usage at all: operations, sales, finance, administrators, or a customer (their own). */
    static boolean maySee(Actor actor) {
        return isStaff(actor) || actor.has(Role.CUSTOMER) && actor.organisationId() != null;
    }

    private static boolean isStaff(Actor actor) {
        return actor.in(RoleGroup.OPERATIONS, RoleGroup.SALES_TEAM, RoleGroup.FINANCE, RoleGroup.ADMINISTRATORS);
    }

    /** The groups of the month, in the order of the documents they are named after. {@code treeId} narrows to one service. */
    @Transactional(readOnly = true)
    List<Totals> page(Grouping grouping, YearMonth month, Long treeId, Actor actor, int offset, int limit) {
        Condition where = where(grouping, month, treeId, actor);
        Field<Long> key = key(grouping);
        List<Long> keys = db.select(key).from(USAGE_MONTH_TOTAL).where(where).groupBy(key)
                .orderBy(key.asc().nullsFirst()).offset(offset).limit(limit).fetch(key);
        if (keys.isEmpty()) {
            return List.of();
        }
        List<Long> known = keys.stream().filter(Objects::nonNull).toList();
        Condition ofKeys = key.in(known);
        if (known.size() < keys.size()) {
            ofKeys = ofKeys.or(key.isNull());
        }
        Map<Long, Map<String, BigDecimal>> usage = totals(key, where.and(ofKeys));
        Map<Long, String[]> names = new HashMap<>();
        db.select(DOCUMENT.ID, DOCUMENT.REFERENCE, DOCUMENT.TITLE).from(DOCUMENT).where(DOCUMENT.ID.in(known))
                .forEach(r -> names.put(r.value1(), new String[] { r.value2(), r.value3() }));
        List<Totals> page = new ArrayList<>();
        for (Long id : keys) {
            String[] name = id == null ? new String[] { null, "The operator's own services" } : names.get(id);
            page.add(new Totals(id, name[0], name[1], usage.getOrDefault(id, Map.of())));
        }
        return page;
    }

    @Transactional(readOnly = true)
    int count(Grouping grouping, YearMonth month, Long treeId, Actor actor) {
        return db.fetchCount(db.selectDistinct(key(grouping)).from(USAGE_MONTH_TOTAL)
                .where(where(grouping, month, treeId, actor)));
    }

    /** One instance's totals of the month, or none when this user may not see them. */
    @Transactional(readOnly = true)
    Map<String, BigDecimal> ofInstance(long instanceId, YearMonth month, Actor actor) {
        return one(USAGE_MONTH_TOTAL.INSTANCE_ID, instanceId, month, actor);
    }

    /** One service's totals of the month, or none when this user may not see them. */
    @Transactional(readOnly = true)
    Map<String, BigDecimal> ofTree(long treeId, YearMonth month, Actor actor) {
        return one(USAGE_MONTH_TOTAL.TREE_ID, treeId, month, actor);
    }

    private Map<String, BigDecimal> one(Field<Long> key, long id, YearMonth month, Actor actor) {
        if (!maySee(actor)) {
            return Map.of();
        }
        return totals(key, monthOf(month).and(visible(actor)).and(key.eq(id))).getOrDefault(id, Map.of());
    }

    private static Field<Long> key(Grouping grouping) {
        return switch (grouping) {
            case TREE -> USAGE_MONTH_TOTAL.TREE_ID;
            case INSTANCE -> USAGE_MONTH_TOTAL.INSTANCE_ID;
            case CUSTOMER -> USAGE_MONTH_TOTAL.OWNER_ID;
            case COMPUTER -> USAGE_MONTH_TOTAL.COMPUTER_ID;
        };
    }

    private Condition where(Grouping grouping, YearMonth month, Long treeId, Actor actor) {
        if (grouping.staffOnly() && !isStaff(actor)) {
            throw new AccessDeniedException(STAFF_ONLY);
        }
        return monthOf(month).and(visible(actor)).and(treeId == null ? noCondition() : USAGE_MONTH_TOTAL.TREE_ID.eq(treeId));
    }

    private Condition monthOf(YearMonth month) {
        return USAGE_MONTH_TOTAL.MONTH_START.eq(months.start(month).atOffset(ZoneOffset.UTC));
    }

    /** Every customer's usage for staff, a customer's own for a customer; refused to anyone else. */
    private static Condition visible(Actor actor) {
        if (isStaff(actor)) {
            return noCondition();
        }
        if (actor.has(Role.CUSTOMER) && actor.organisationId() != null) {
            return USAGE_MONTH_TOTAL.OWNER_ID.eq(actor.organisationId());
        }
        throw new AccessDeniedException("Usage is shown to operations, sales, finance and administrators, and to "
                + "customers for their own services.");
    }

    /**
     * Each group's metrics: first per instance (an instance that moved has a total per computer: the highest
     * memory, the disk measured last and the sum of the others of those), then added up over the group's instances.
     */
    private Map<Long, Map<String, BigDecimal>> totals(Field<Long> key, Condition where) {
        Field<Long> group = key.as("group_key");
        Field<BigDecimal> perInstance = when(USAGE_MONTH_TOTAL.METRIC.eq(UsageBatches.MEMORY), max(USAGE_MONTH_TOTAL.QUANTITY))
                .when(USAGE_MONTH_TOTAL.METRIC.eq(UsageBatches.DISK), field("(array_agg({0} order by {1} desc))[1]",
                        BigDecimal.class, USAGE_MONTH_TOTAL.QUANTITY, USAGE_MONTH_TOTAL.LAST_PERIOD_END))
                .otherwise(sum(USAGE_MONTH_TOTAL.QUANTITY)).as("quantity");
        var instances = db.select(group, USAGE_MONTH_TOTAL.INSTANCE_ID, USAGE_MONTH_TOTAL.METRIC, perInstance)
                .from(USAGE_MONTH_TOTAL).where(where)
                .groupBy(key, USAGE_MONTH_TOTAL.INSTANCE_ID, USAGE_MONTH_TOTAL.METRIC).asTable("per_instance");
        Field<Long> groupOf = instances.field(name("group_key"), Long.class);
        Field<String> metricOf = instances.field(USAGE_MONTH_TOTAL.METRIC);
        Field<BigDecimal> quantityOf = instances.field(name("quantity"), BigDecimal.class);
        Map<Long, Map<String, BigDecimal>> totals = new HashMap<>();
        db.select(groupOf, metricOf, sum(quantityOf)).from(instances).groupBy(groupOf, metricOf)
                .forEach(r -> totals.computeIfAbsent(r.value1(), k -> new TreeMap<>()).put(r.value2(), r.value3()));
        totals.replaceAll((k, v) -> Collections.unmodifiableMap(v));
        return totals;
    }
}

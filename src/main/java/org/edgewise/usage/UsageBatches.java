package org.edgewise.usage;

import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.INSTANCE;
import static org.edgewise.jooq.Tables.PARTITION;
import static org.edgewise.jooq.Tables.USAGE_BATCH;
import static org.edgewise.jooq.Tables.USAGE_MONTH_TOTAL;
import static org.edgewise.jooq.Tables.USAGE_RECORD;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.greatest;
import static org.jooq.impl.DSL.when;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.edgewise.document.ValidationException;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Usage batches from nodes, stored as they came and never changed: a batch is stored once in one transaction,
 * with each record's tree and owner as they are when it arrives, and the same batch sent again (or twice at
 * once) is answered as a duplicate and stores nothing more. A node reports only for instances placed on its own
 * partitions; one record of anything else refuses the whole batch. The monthly totals the views read
 * ({@code usage_month_total}) move in the same transaction.
 */
@Service
public class UsageBatches {

    /** The most records a batch holds: about 200 KB of JSON, under the APIs' body limit of 256 KiB. */
    public static final int MAX_RECORDS = 1000;
    /** The largest quantity a record may give; the database keeps 24 digits before the point, 6 after. */
    public static final String MAX_QUANTITY = "1000000000000000000";
    static final String CPU = "cpu_seconds";
    static final String MEMORY = "memory_peak_bytes";
    static final String DISK = "disk_bytes";
    static final String UPTIME = "uptime_seconds";
    static final String COUNTER_PREFIX = "counter:";

    private static final String INSTANT = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})";
    private static final String INSTANT_PROBLEM = "is an instant such as 2026-12-01T10:00:00Z";

    @Schema(description = "What a node measured of the instances on its partitions over one or more periods")
    public record Batch(
            @Schema(description = "Chosen by the node, unique per computer: the same batch sent again counts once",
                    example = "COMP-000001-1796117400000-0")
            @NotNull @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}",
                    message = "has 1 to 64 letters, digits or . _ : -") String batchId,
            @NotNull @Size(min = 1, max = MAX_RECORDS) List<@NotNull @Valid Measured> records) { }

    @Schema(description = "One measured quantity of one instance over one period")
    public record Measured(
            @NotBlank @Size(max = 40) String instance,
            @Schema(description = "cpu_seconds, memory_peak_bytes, disk_bytes, uptime_seconds or counter:NAME")
            @NotBlank @Size(max = 80) @Pattern(regexp = "cpu_seconds|memory_peak_bytes|disk_bytes|uptime_seconds"
                    + "|counter:[a-z][a-z0-9_]{0,63}", message = "is cpu_seconds, memory_peak_bytes, disk_bytes, "
                            + "uptime_seconds or counter: and a name of lower-case letters, digits and _") String metric,
            @NotNull @DecimalMin("0") @DecimalMax(MAX_QUANTITY) BigDecimal quantity,
            @Schema(format = "date-time", example = "2026-12-01T10:00:00Z")
            @NotNull @Size(max = 40) @Pattern(regexp = INSTANT, message = INSTANT_PROBLEM) String periodStart,
            @Schema(format = "date-time", example = "2026-12-01T10:01:00Z")
            @NotNull @Size(max = 40) @Pattern(regexp = INSTANT, message = INSTANT_PROBLEM) String periodEnd) { }

    /** What the Master answers: whether it had the batch already, and how many records it holds of it. */
    public record Receipt(String batchId, boolean duplicate, int records) { }

    private record Placed(long instanceId, long treeId, Long ownerId, Long computerId) { }

    private record TotalKey(Instant monthStart, long instanceId, String metric) { }

    private record Total(BigDecimal quantity, Instant lastPeriodEnd, int count) { }

    private static final org.edgewise.jooq.tables.Document TREE_DOC = DOCUMENT.as("tree_doc");

    private final DSLContext db;
    private final BillingMonths months;
    private final Clock clock;

    UsageBatches(DSLContext db, BillingMonths months, Clock clock) {
        this.db = db;
        this.months = months;
        this.clock = clock;
    }

    /**
     * Stores a node's batch once. {@code node} names the computer in refusals.
     *
     * @throws AccessDeniedException when a record names an instance not placed on this computer (an unknown one
     *         included, so that a node learns nothing of others' instances); nothing is stored
     */
    @Transactional
    public Receipt store(long computerId, String node, Batch batch) {
        Integer known = received(computerId, batch.batchId());
        if (known != null) {
            return new Receipt(batch.batchId(), true, known);
        }
        List<Measured> records = batch.records();
        Instant[][] periods = periods(records);
        Map<String, Placed> placed = placed(records);
        for (Measured m : records) {
            Placed p = placed.get(m.instance());
            if (p == null || p.computerId() == null || p.computerId() != computerId) {
                throw new AccessDeniedException(node + " may not report usage of " + m.instance()
                        + ": it is not placed on this computer.");
            }
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        int stored = db.insertInto(USAGE_BATCH).set(USAGE_BATCH.COMPUTER_ID, computerId)
                .set(USAGE_BATCH.BATCH_ID, batch.batchId()).set(USAGE_BATCH.RECEIVED_AT, now)
                .set(USAGE_BATCH.RECORD_COUNT, records.size())
                .onConflictDoNothing().execute();
        if (stored == 0) {
            // the same batch, sent twice at once, was stored by the other request in the meantime
            return new Receipt(batch.batchId(), true, received(computerId, batch.batchId()));
        }
        var insert = db.insertInto(USAGE_RECORD, USAGE_RECORD.COMPUTER_ID, USAGE_RECORD.BATCH_ID, USAGE_RECORD.INSTANCE_ID,
                USAGE_RECORD.TREE_ID, USAGE_RECORD.OWNER_ID, USAGE_RECORD.METRIC, USAGE_RECORD.QUANTITY,
                USAGE_RECORD.PERIOD_START, USAGE_RECORD.PERIOD_END, USAGE_RECORD.RECEIVED_AT);
        for (int i = 0; i < records.size(); i++) {
            Measured m = records.get(i);
            Placed p = placed.get(m.instance());
            insert = insert.values(computerId, batch.batchId(), p.instanceId(), p.treeId(), p.ownerId(), m.metric(),
                    m.quantity(), utc(periods[i][0]), utc(periods[i][1]), now);
        }
        insert.execute();
        addToMonthlyTotals(computerId, records, periods, placed);
        return new Receipt(batch.batchId(), false, records.size());
    }

    private Integer received(long computerId, String batchId) {
        return db.select(USAGE_BATCH.RECORD_COUNT).from(USAGE_BATCH)
                .where(USAGE_BATCH.COMPUTER_ID.eq(computerId).and(USAGE_BATCH.BATCH_ID.eq(batchId)))
                .fetchOne(USAGE_BATCH.RECORD_COUNT);
    }

    /** Each record's period as instants; a period that ends before it starts is refused. */
    private static Instant[][] periods(List<Measured> records) {
        Instant[][] periods = new Instant[records.size()][];
        for (int i = 0; i < records.size(); i++) {
            Measured m = records.get(i);
            Instant start = instant("records[" + i + "].periodStart", m.periodStart());
            Instant end = instant("records[" + i + "].periodEnd", m.periodEnd());
            if (end.isBefore(start)) {
                throw new ValidationException("records[" + i + "].periodEnd", "records[" + i + "].periodEnd: "
                        + m.periodEnd() + " is before its periodStart " + m.periodStart() + ".");
            }
            periods[i] = new Instant[] { start, end };
        }
        return periods;
    }

    private static Instant instant(String field, String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new ValidationException(field, field + ": \"" + text + "\" is no instant (" + e.getMessage() + ").");
        }
    }

    /** Where each instance the records name is placed, with its tree and the tree's owner. */
    private Map<String, Placed> placed(List<Measured> records) {
        Set<String> references = new LinkedHashSet<>();
        records.forEach(m -> references.add(m.instance()));
        return db.select(DOCUMENT.REFERENCE, INSTANCE.ID, INSTANCE.TREE_ID, TREE_DOC.OWNER_ID, PARTITION.COMPUTER_ID)
                .from(INSTANCE)
                .join(DOCUMENT).on(DOCUMENT.ID.eq(INSTANCE.ID))
                .join(TREE_DOC).on(TREE_DOC.ID.eq(INSTANCE.TREE_ID))
                .leftJoin(PARTITION).on(PARTITION.ID.eq(INSTANCE.PARTITION_ID))
                .where(DOCUMENT.REFERENCE.in(references))
                .fetchMap(r -> r.value1(), r -> new Placed(r.value2(), r.value3(), r.value4(), r.value5()));
    }

    /**
     * Adds the batch to the totals of each instance, metric and month: first within the batch, then one row
     * each, in key order so that two batches adding to the same totals wait for each other instead of deadlocking.
     */
    private void addToMonthlyTotals(long computerId, List<Measured> records, Instant[][] periods,
            Map<String, Placed> placed) {
        Map<TotalKey, Total> totals = new TreeMap<>(Comparator.comparing(TotalKey::monthStart)
                .thenComparingLong(TotalKey::instanceId).thenComparing(TotalKey::metric));
        for (int i = 0; i < records.size(); i++) {
            Measured m = records.get(i);
            Instant end = periods[i][1];
            TotalKey key = new TotalKey(months.start(months.of(end)), placed.get(m.instance()).instanceId(), m.metric());
            totals.merge(key, new Total(m.quantity(), end, 1), (a, b) -> combine(m.metric(), a, b));
        }
        var upsert = db.insertInto(USAGE_MONTH_TOTAL, USAGE_MONTH_TOTAL.MONTH_START, USAGE_MONTH_TOTAL.INSTANCE_ID,
                USAGE_MONTH_TOTAL.COMPUTER_ID, USAGE_MONTH_TOTAL.METRIC, USAGE_MONTH_TOTAL.TREE_ID,
                USAGE_MONTH_TOTAL.OWNER_ID, USAGE_MONTH_TOTAL.QUANTITY, USAGE_MONTH_TOTAL.LAST_PERIOD_END,
                USAGE_MONTH_TOTAL.RECORD_COUNT);
        Map<Long, Placed> byId = new TreeMap<>();
        placed.values().forEach(p -> byId.put(p.instanceId(), p));
        for (Map.Entry<TotalKey, Total> e : totals.entrySet()) {
            Placed p = byId.get(e.getKey().instanceId());
            upsert = upsert.values(utc(e.getKey().monthStart()), p.instanceId(), computerId, e.getKey().metric(),
                    p.treeId(), p.ownerId(), e.getValue().quantity(), utc(e.getValue().lastPeriodEnd()),
                    e.getValue().count());
        }
        Field<BigDecimal> kept = USAGE_MONTH_TOTAL.QUANTITY;
        Field<BigDecimal> added = excluded(USAGE_MONTH_TOTAL.QUANTITY);
        upsert.onConflict(USAGE_MONTH_TOTAL.MONTH_START, USAGE_MONTH_TOTAL.INSTANCE_ID, USAGE_MONTH_TOTAL.COMPUTER_ID,
                        USAGE_MONTH_TOTAL.METRIC)
                .doUpdate()
                .set(USAGE_MONTH_TOTAL.QUANTITY, when(USAGE_MONTH_TOTAL.METRIC.eq(MEMORY), greatest(kept, added))
                        .when(USAGE_MONTH_TOTAL.METRIC.eq(DISK), when(excluded(USAGE_MONTH_TOTAL.LAST_PERIOD_END)
                                .ge(USAGE_MONTH_TOTAL.LAST_PERIOD_END), added).otherwise(kept))
                        .otherwise(kept.plus(added)))
                .set(USAGE_MONTH_TOTAL.LAST_PERIOD_END, greatest(USAGE_MONTH_TOTAL.LAST_PERIOD_END,
                        excluded(USAGE_MONTH_TOTAL.LAST_PERIOD_END)))
                .set(USAGE_MONTH_TOTAL.RECORD_COUNT, USAGE_MONTH_TOTAL.RECORD_COUNT.plus(
                        excluded(USAGE_MONTH_TOTAL.RECORD_COUNT)))
                .execute();
    }

    /** Two totals of one metric as one: the highest memory, the disk measured last, the sum of the others. */
    private static Total combine(String metric, Total a, Total b) {
        Instant last = a.lastPeriodEnd().isAfter(b.lastPeriodEnd()) ? a.lastPeriodEnd() : b.lastPeriodEnd();
        BigDecimal quantity = switch (metric) {
            case MEMORY -> a.quantity().max(b.quantity());
            case DISK -> a.lastPeriodEnd().isAfter(b.lastPeriodEnd()) ? a.quantity() : b.quantity();
            default -> a.quantity().add(b.quantity());
        };
        return new Total(quantity, last, a.count() + b.count());
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}

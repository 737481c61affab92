package org.edgewise.reporting;

import static org.edgewise.jooq.Tables.CREDIT_NOTE;
import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.INVOICE;
import static org.edgewise.jooq.Tables.INVOICE_LINE;
import static org.edgewise.jooq.Tables.SUBSCRIPTION;
import static org.edgewise.jooq.Tables.USAGE_RECORD;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The month-by-month figures sales and billing staff report on: revenue (what issued invoices charged, less
 * what issued credit notes gave back, net of tax, per currency) and usage (what the nodes measured), with
 * months of the billing time zone.
 */
@Service
public class MonthlyFigures {

    /** Net revenue of one month in one currency. */
    public record Revenue(YearMonth month, String currency, BigDecimal invoiced, BigDecimal credited) {
        public BigDecimal net() {
            return invoiced.subtract(credited);
        }
    }

    /** What was measured in one month, in the units people read. */
    public record Usage(YearMonth month, BigDecimal cpuHours, BigDecimal uptimeHours, BigDecimal peakMemoryGb,
            BigDecimal counted) { }

    /** Net invoiced per product in one month and currency; lines with no subscription count as "Other". */
    public record ProductRevenue(String product, String currency, BigDecimal net) { }

    private static final String OTHER = "Other";

    private final DSLContext db;
    private final ZoneId zone;

    MonthlyFigures(DSLContext db, @Value("${edgewise.billing.zone}") ZoneId zone) {
        this.db = db;
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    /** Revenue for every month from {@code first} to {@code last}, months without any shown as zero. */
    @Transactional(readOnly = true)
    public List<Revenue> revenue(YearMonth first, YearMonth last) {
        LocalDate from = first.atDay(1);
        LocalDate to = last.plusMonths(1).atDay(1);
        Map<String, Map<YearMonth, BigDecimal[]>> byCurrency = new TreeMap<>();
        Field<String> invoiceMonth = month(INVOICE.ISSUED_ON);
        db.select(invoiceMonth, INVOICE.CURRENCY, DSL.sum(INVOICE.NET_TOTAL))
                .from(INVOICE).join(DOCUMENT).on(DOCUMENT.ID.eq(INVOICE.ID))
                .where(DOCUMENT.NUMBER.isNotNull()).and(INVOICE.ISSUED_ON.ge(from)).and(INVOICE.ISSUED_ON.lt(to))
                .groupBy(invoiceMonth, INVOICE.CURRENCY)
                .forEach(r -> cell(byCurrency, r.value2(), YearMonth.parse(r.value1()))[0] = r.value3());
        Field<String> noteMonth = month(CREDIT_NOTE.ISSUED_ON);
        db.select(noteMonth, CREDIT_NOTE.CURRENCY, DSL.sum(CREDIT_NOTE.NET_TOTAL))
                .from(CREDIT_NOTE).join(DOCUMENT).on(DOCUMENT.ID.eq(CREDIT_NOTE.ID))
                .where(DOCUMENT.NUMBER.isNotNull()).and(CREDIT_NOTE.ISSUED_ON.ge(from)).and(CREDIT_NOTE.ISSUED_ON.lt(to))
                .groupBy(noteMonth, CREDIT_NOTE.CURRENCY)
                .forEach(r -> cell(byCurrency, r.value2(), YearMonth.parse(r.value1()))[1] = r.value3());
        if (byCurrency.isEmpty()) {
            byCurrency.put("EUR", new TreeMap<>());
        }
        List<Revenue> rows = new ArrayList<>();
        byCurrency.forEach((currency, months) -> {
            for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
                BigDecimal[] cell = months.getOrDefault(m, new BigDecimal[] { BigDecimal.ZERO, BigDecimal.ZERO });
                rows.add(new Revenue(m, currency, money(cell[0], currency), money(cell[1], currency)));
            }
        });
        return rows;
    }

    /** Revenue of one month per product, largest first. */
    @Transactional(readOnly = true)
    public List<ProductRevenue> revenueByProduct(YearMonth month) {
        Field<String> product = DSL.coalesce(DSL.field(DSL.select(DOCUMENT.TITLE).from(DOCUMENT)
                .where(DOCUMENT.ID.eq(SUBSCRIPTION.PRODUCT_ID))), DSL.inline(OTHER));
        Field<BigDecimal> net = DSL.sum(INVOICE_LINE.NET_AMOUNT);
        return db.select(product, INVOICE.CURRENCY, net)
                .from(INVOICE_LINE).join(INVOICE).on(INVOICE.ID.eq(INVOICE_LINE.INVOICE_ID))
                .join(DOCUMENT).on(DOCUMENT.ID.eq(INVOICE.ID))
                .leftJoin(SUBSCRIPTION).on(SUBSCRIPTION.ID.eq(INVOICE_LINE.SUBSCRIPTION_ID))
                .where(DOCUMENT.NUMBER.isNotNull())
                .and(INVOICE.ISSUED_ON.ge(month.atDay(1))).and(INVOICE.ISSUED_ON.lt(month.plusMonths(1).atDay(1)))
                .groupBy(product, INVOICE.CURRENCY)
                .orderBy(net.desc(), product)
                .fetch(r -> new ProductRevenue(r.value1(), r.value2(), money(r.value3(), r.value2())));
    }

    /** Usage for every month from {@code first} to {@code last}, by the month its measuring period ended in. */
    @Transactional(readOnly = true)
    public List<Usage> usage(YearMonth first, YearMonth last) {
        Field<String> month = DSL.field("to_char({0} at time zone {1}, 'YYYY-MM')", SQLDataType.VARCHAR,
                USAGE_RECORD.PERIOD_END, DSL.inline(zone.getId()));
        Map<YearMonth, Map<String, BigDecimal>> byMonth = new LinkedHashMap<>();
        db.select(month, DSL.when(USAGE_RECORD.METRIC.startsWith("counter:"), DSL.inline("counter"))
                        .otherwise(USAGE_RECORD.METRIC).as("kind"),
                        DSL.sum(USAGE_RECORD.QUANTITY), DSL.max(USAGE_RECORD.QUANTITY))
                .from(USAGE_RECORD)
                .where(USAGE_RECORD.PERIOD_END.ge(first.atDay(1).atStartOfDay(zone).toOffsetDateTime()))
                .and(USAGE_RECORD.PERIOD_END.lt(last.plusMonths(1).atDay(1).atStartOfDay(zone).toOffsetDateTime()))
                .groupBy(DSL.field(DSL.name("kind")), month)
                .forEach(r -> byMonth.computeIfAbsent(YearMonth.parse(r.value1()), m -> new java.util.HashMap<>())
                        .put(r.value2(), "memory_peak_bytes".equals(r.value2()) ? r.value4() : r.value3()));
        List<Usage> rows = new ArrayList<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            Map<String, BigDecimal> q = byMonth.getOrDefault(m, Map.of());
            rows.add(new Usage(m, scaled(q.get("cpu_seconds"), 3600), scaled(q.get("uptime_seconds"), 3600),
                    scaled(q.get("memory_peak_bytes"), 1_000_000_000L), scaled(q.get("counter"), 1)));
        }
        return rows;
    }

    private static Field<String> month(Field<LocalDate> day) {
        return DSL.field("to_char({0}, 'YYYY-MM')", SQLDataType.VARCHAR, day);
    }

    private static BigDecimal[] cell(Map<String, Map<YearMonth, BigDecimal[]>> byCurrency, String currency, YearMonth m) {
        return byCurrency.computeIfAbsent(currency, c -> new TreeMap<>())
                .computeIfAbsent(m, x -> new BigDecimal[] { BigDecimal.ZERO, BigDecimal.ZERO });
    }

    private static BigDecimal money(BigDecimal amount, String currency) {
        int digits = Math.max(java.util.Currency.getInstance(currency).getDefaultFractionDigits(), 0);
        return (amount == null ? BigDecimal.ZERO : amount).setScale(digits, RoundingMode.HALF_UP);
    }

    private static BigDecimal scaled(BigDecimal quantity, long divisor) {
        return quantity == null ? BigDecimal.ZERO : quantity.divide(BigDecimal.valueOf(divisor), 2, RoundingMode.HALF_UP);
    }
}

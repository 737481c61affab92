package org.edgewise.payment;

import static org.edgewise.jooq.Tables.CREDIT_NOTE;
import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.INVOICE;
import static org.edgewise.jooq.Tables.PAYMENT;
import static org.edgewise.jooq.Tables.PAYMENT_ALLOCATION;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.edgewise.access.Actor;
import org.edgewise.document.DocumentEngine;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record3;
import org.jooq.SelectHavingStep;
import org.jooq.impl.DSL;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What customers owe. A customer's balance, per currency: what was invoiced (issued invoices, paid or
 * credited ones included), less what credit notes gave back and what the customer paid; a payment not yet
 * allocated to an invoice is the customer's credit. Aged receivables: what is still due of each issued
 * invoice, by how many days it is past its due date today in the billing time zone.
 */
@Service
public class Receivables {

    /** How late an amount is: days past the due date, today in the billing time zone. */
    public enum Bucket {
        NOT_YET_DUE("Not yet due"), DAYS_0_30("0–30 days"), DAYS_31_60("31–60 days"), DAYS_61_90("61–90 days"),
        OVER_90("> 90 days");

        private final String label;

        Bucket(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** Due today is 0 days past due; the day after, 1. */
        public static Bucket of(long daysPastDue) {
            if (daysPastDue < 0) {
                return NOT_YET_DUE;
            }
            if (daysPastDue <= 30) {
                return DAYS_0_30;
            }
            if (daysPastDue <= 60) {
                return DAYS_31_60;
            }
            return daysPastDue <= 90 ? DAYS_61_90 : OVER_90;
        }
    }

    /** A customer's account in one currency; {@code balance} is what the customer owes (less than zero: is owed). */
    public record Balance(long customerId, String customerReference, String customerName, String currency,
            BigDecimal invoiced, BigDecimal credited, BigDecimal paid, BigDecimal unallocated, BigDecimal balance) { }

    /** What is due per bucket: of one customer in one currency, or of every customer (the totals). */
    public record Aged(String customerReference, String customerName, String currency, Map<Bucket, BigDecimal> due) {

        public BigDecimal in(Bucket bucket) {
            return due.getOrDefault(bucket, BigDecimal.ZERO);
        }

        public BigDecimal total() {
            return due.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    /** One issued invoice still (partly) due, and how late it is. */
    public record OpenItem(String invoice, String customerReference, String customerName, String currency,
            LocalDate dueOn, BigDecimal due, long daysPastDue, Bucket bucket) { }

    /** The aged receivables at a day: per customer and currency, and the totals per currency. */
    public record AgedReceivables(LocalDate asOf, List<Aged> customers, List<Aged> totals, List<OpenItem> items) { }

    private record Key(long customerId, String currency) { }

    private record Customer(String reference, String name) { }

    private final DSLContext db;
    private final DocumentEngine engine;
    private final OpenInvoices invoices;
    private final Clock clock;
    private final ZoneId zone;

    Receivables(DSLContext db, DocumentEngine engine, OpenInvoices invoices, Clock clock,
            @Value("${edgewise.billing.zone:Europe/Paris}") ZoneId zone) {
        this.db = db;
        this.engine = engine;
        this.invoices = invoices;
        this.clock = clock;
        this.zone = zone;
    }

    /** Today in the billing time zone. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    /** What is still due of an invoice: its gross total less its issued credit notes and what payments paid of it. */
    @Transactional(readOnly = true)
    public BigDecimal stillDue(long invoiceId) {
        return db.select(OpenInvoices.due()).from(INVOICE).where(INVOICE.ID.eq(invoiceId)).fetchOptional()
                .map(r -> r.value1()).orElse(BigDecimal.ZERO);
    }

    /** What a customer still owes on its issued invoices in this currency, for checking an order against a credit limit. */
    @Transactional(readOnly = true)
    public BigDecimal stillOwed(long customerId, String currency) {
        return db.select(OpenInvoices.due()).from(INVOICE).join(DOCUMENT).on(DOCUMENT.ID.eq(INVOICE.ID))
                .where(INVOICE.CUSTOMER_ID.eq(customerId).and(INVOICE.CURRENCY.eq(currency))
                        .and(DOCUMENT.STATE.eq(InvoiceStates.ISSUED)))
                .fetch(r -> r.value1()).stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Every customer's balance for staff; a customer's own for a customer. */
    @Transactional(readOnly = true)
    public List<Balance> balances(Actor actor) {
        engine.requireMayRead(PaymentWorkflows.TYPE, actor);
        Condition invoiceOwner = owner(INVOICE.CUSTOMER_ID, actor);
        Map<Key, BigDecimal> invoiced = sums(db.select(INVOICE.CUSTOMER_ID, INVOICE.CURRENCY, DSL.sum(INVOICE.GROSS_TOTAL))
                .from(INVOICE).join(DOCUMENT).on(DOCUMENT.ID.eq(INVOICE.ID))
                .where(DOCUMENT.DOC_TYPE.eq(InvoiceStates.INVOICE).and(DOCUMENT.STATE.in(InvoiceStates.ISSUED,
                        InvoiceStates.PAID, InvoiceStates.CREDITED)).and(invoiceOwner))
                .groupBy(INVOICE.CUSTOMER_ID, INVOICE.CURRENCY));
        Map<Key, BigDecimal> credited = sums(db.select(CREDIT_NOTE.CUSTOMER_ID, CREDIT_NOTE.CURRENCY,
                        DSL.sum(CREDIT_NOTE.GROSS_TOTAL))
                .from(CREDIT_NOTE).join(DOCUMENT).on(DOCUMENT.ID.eq(CREDIT_NOTE.ID))
                .where(DOCUMENT.STATE.eq(InvoiceStates.ISSUED).and(owner(CREDIT_NOTE.CUSTOMER_ID, actor)))
                .groupBy(CREDIT_NOTE.CUSTOMER_ID, CREDIT_NOTE.CURRENCY));
        Condition matched = DOCUMENT.STATE.eq(PaymentWorkflows.MATCHED).and(PAYMENT.CUSTOMER_ID.isNotNull())
                .and(owner(PAYMENT.CUSTOMER_ID, actor));
        Map<Key, BigDecimal> paid = sums(db.select(PAYMENT.CUSTOMER_ID, PAYMENT.CURRENCY, DSL.sum(PAYMENT.AMOUNT))
                .from(PAYMENT).join(DOCUMENT).on(DOCUMENT.ID.eq(PAYMENT.ID)).where(matched)
                .groupBy(PAYMENT.CUSTOMER_ID, PAYMENT.CURRENCY));
        Map<Key, BigDecimal> allocated = sums(db.select(PAYMENT.CUSTOMER_ID, PAYMENT.CURRENCY,
                        DSL.sum(PAYMENT_ALLOCATION.AMOUNT))
                .from(PAYMENT_ALLOCATION).join(PAYMENT).on(PAYMENT.ID.eq(PAYMENT_ALLOCATION.PAYMENT_ID))
                .join(DOCUMENT).on(DOCUMENT.ID.eq(PAYMENT.ID)).where(matched)
                .groupBy(PAYMENT.CUSTOMER_ID, PAYMENT.CURRENCY));
        TreeMap<Key, Boolean> keys = new TreeMap<>(Comparator.comparing(Key::customerId).thenComparing(Key::currency));
        List.of(invoiced, credited, paid).forEach(m -> m.keySet().forEach(k -> keys.put(k, true)));
        Map<Long, Customer> customers = customers(keys.keySet().stream().map(Key::customerId).toList());
        List<Balance> balances = new ArrayList<>();
        for (Key key : keys.keySet()) {
            BigDecimal in = scaled(invoiced.get(key), key.currency());
            BigDecimal back = scaled(credited.get(key), key.currency());
            BigDecimal received = scaled(paid.get(key), key.currency());
            BigDecimal credit = received.subtract(scaled(allocated.get(key), key.currency()));
            Customer customer = customers.get(key.customerId());
            balances.add(new Balance(key.customerId(), customer.reference(), customer.name(), key.currency(), in, back,
                    received, credit, in.subtract(back).subtract(received)));
        }
        balances.sort(Comparator.comparing(Balance::customerName).thenComparing(Balance::currency));
        return balances;
    }

    /** The aged receivables today, in the billing time zone. */
    @Transactional(readOnly = true)
    public AgedReceivables agedReceivables(Actor actor) {
        return agedReceivables(today(), actor);
    }

    /** What is due of each issued invoice at {@code asOf}, by bucket; per customer, and totals per currency. */
    @Transactional(readOnly = true)
    public AgedReceivables agedReceivables(LocalDate asOf, Actor actor) {
        engine.requireMayRead(PaymentWorkflows.TYPE, actor);
        List<OpenInvoices.OpenInvoice> open = actor.seesEveryOwner() ? invoices.all()
                : actor.organisationId() == null ? List.of() : invoices.of(actor.organisationId());
        List<OpenInvoices.OpenInvoice> owing = open.stream().filter(i -> i.due().signum() > 0).toList();
        Map<Long, Customer> customers = customers(owing.stream().map(OpenInvoices.OpenInvoice::customerId).toList());
        List<OpenItem> items = new ArrayList<>();
        Map<Key, Map<Bucket, BigDecimal>> perCustomer = new TreeMap<>(Comparator.comparing(
                (Key k) -> customers.get(k.customerId()).name()).thenComparing(Key::customerId)
                .thenComparing(Key::currency));
        Map<String, Map<Bucket, BigDecimal>> perCurrency = new TreeMap<>();
        for (OpenInvoices.OpenInvoice invoice : owing) {
            long days = invoice.dueOn() == null ? -1 : ChronoUnit.DAYS.between(invoice.dueOn(), asOf);
            Bucket bucket = Bucket.of(days);
            BigDecimal due = scaled(invoice.due(), invoice.currency());
            Customer customer = customers.get(invoice.customerId());
            items.add(new OpenItem(invoice.number(), customer.reference(), customer.name(), invoice.currency(),
                    invoice.dueOn(), due, days, bucket));
            perCustomer.computeIfAbsent(new Key(invoice.customerId(), invoice.currency()),
                    k -> new EnumMap<>(Bucket.class)).merge(bucket, due, BigDecimal::add);
            perCurrency.computeIfAbsent(invoice.currency(), k -> new EnumMap<>(Bucket.class))
                    .merge(bucket, due, BigDecimal::add);
        }
        List<Aged> rows = perCustomer.entrySet().stream().map(e -> new Aged(customers.get(e.getKey().customerId())
                .reference(), customers.get(e.getKey().customerId()).name(), e.getKey().currency(), e.getValue()))
                .toList();
        List<Aged> totals = perCurrency.entrySet().stream().map(e -> new Aged(null, "Total", e.getKey(), e.getValue()))
                .toList();
        return new AgedReceivables(asOf, rows, totals, items);
    }

    private static Condition owner(Field<Long> customer, Actor actor) {
        if (actor.seesEveryOwner()) {
            return DSL.trueCondition();
        }
        return actor.organisationId() == null ? DSL.falseCondition() : customer.eq(actor.organisationId());
    }

    private static Map<Key, BigDecimal> sums(SelectHavingStep<Record3<Long, String, BigDecimal>> query) {
        return query.fetchMap(r -> new Key(r.value1(), r.value2()), Record3::value3);
    }

    private Map<Long, Customer> customers(List<Long> ids) {
        return db.select(DOCUMENT.ID, DOCUMENT.REFERENCE, DOCUMENT.TITLE).from(DOCUMENT).where(DOCUMENT.ID.in(ids))
                .fetchMap(r -> r.value1(), r -> new Customer(r.value2(), r.value3()));
    }

    private static BigDecimal scaled(BigDecimal amount, String currency) {
        return (amount == null ? BigDecimal.ZERO : amount).setScale(Money.minorUnit(currency),
                RoundingMode.HALF_UP);
    }
}

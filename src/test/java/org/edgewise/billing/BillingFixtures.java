package org.edgewise.billing;

import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.INSTANCE_TREE;
import static org.edgewise.jooq.Tables.INVOICE;
import static org.edgewise.jooq.Tables.INVOICE_CANDIDATE;
import static org.edgewise.jooq.Tables.SUBSCRIPTION;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.edgewise.Fixtures;
import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.catalog.Catalog;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.instance.InstanceWorkflows;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Customers with subscriptions and invoice candidates, written straight into the tables the subscription
 * feature fills, and months of their own: a month is run once in a database, so every test takes months no
 * other test uses, long past so that no real charge falls in them.
 */
@Component
class BillingFixtures {

    static final Actor BILLING = new Actor("bea", EnumSet.of(Role.BILLING), null);
    static final Actor ADMIN = new Actor("ada", EnumSet.of(Role.ADMIN), null);

    private static final AtomicInteger MONTHS = new AtomicInteger();

    private final DSLContext db;
    private final Fixtures fixtures;
    private final DocumentEngine engine;
    private final Catalog catalog;
    private final BillingCalendar calendar;
    private Long product;

    BillingFixtures(DSLContext db, Fixtures fixtures, DocumentEngine engine, Catalog catalog, BillingCalendar calendar) {
        this.db = db;
        this.fixtures = fixtures;
        this.engine = engine;
        this.catalog = catalog;
        this.calendar = calendar;
    }

    /** A month no other test runs. */
    YearMonth freshMonth() {
        return YearMonth.of(1990, 1).plusMonths(MONTHS.getAndIncrement());
    }

    BillingCalendar.Period period(YearMonth month) {
        return calendar.period(month);
    }

    long customer() {
        return fixtures.organisation();
    }

    /** An active subscription of the customer, to a tree of their own. */
    @Transactional
    long subscription(long customerId) {
        Document tree = engine.create(InstanceWorkflows.TREE, "tree " + suffix(), customerId, ADMIN);
        db.insertInto(INSTANCE_TREE).set(INSTANCE_TREE.ID, tree.id()).execute();
        OffsetDateTime since = OffsetDateTime.of(1980, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        long id = db.insertInto(DOCUMENT)
                .set(DOCUMENT.DOC_TYPE, "subscription")
                .set(DOCUMENT.REFERENCE, "SUBT-" + suffix())
                .set(DOCUMENT.TITLE, tree.title())
                .set(DOCUMENT.STATE, "active")
                .set(DOCUMENT.OWNER_ID, customerId)
                .set(DOCUMENT.CREATED_AT, since)
                .set(DOCUMENT.UPDATED_AT, since)
                .returningResult(DOCUMENT.ID).fetchSingle().value1();
        db.insertInto(SUBSCRIPTION)
                .set(SUBSCRIPTION.ID, id)
                .set(SUBSCRIPTION.TREE_ID, tree.id())
                .set(SUBSCRIPTION.CUSTOMER_ID, customerId)
                .set(SUBSCRIPTION.PRODUCT_ID, product())
                .set(SUBSCRIPTION.SOFTWARE_TYPE, "default")
                .set(SUBSCRIPTION.STARTED_AT, since)
                .set(SUBSCRIPTION.BILLED_UNTIL, since)
                .execute();
        return id;
    }

    /** A candidate of the subscription for the month: quantity × unit price, its amount as given. */
    long candidate(long subscriptionId, YearMonth month, String description, String quantity, String unitPrice,
            String amount, String currency, String taxRate) {
        long customerId = db.select(SUBSCRIPTION.CUSTOMER_ID).from(SUBSCRIPTION).where(SUBSCRIPTION.ID.eq(subscriptionId))
                .fetchSingle().value1();
        BillingCalendar.Period period = calendar.period(month);
        return db.insertInto(INVOICE_CANDIDATE)
                .set(INVOICE_CANDIDATE.CUSTOMER_ID, customerId)
                .set(INVOICE_CANDIDATE.SUBSCRIPTION_ID, subscriptionId)
                .set(INVOICE_CANDIDATE.SOURCE_KEY, "test:" + UUID.randomUUID())
                .set(INVOICE_CANDIDATE.CHARGE, "month")
                .set(INVOICE_CANDIDATE.DESCRIPTION, description)
                .set(INVOICE_CANDIDATE.PERIOD_START, period.start().atOffset(ZoneOffset.UTC))
                .set(INVOICE_CANDIDATE.PERIOD_END, period.end().atOffset(ZoneOffset.UTC))
                .set(INVOICE_CANDIDATE.QUANTITY, new BigDecimal(quantity))
                .set(INVOICE_CANDIDATE.UNIT, "month")
                .set(INVOICE_CANDIDATE.UNIT_PRICE, new BigDecimal(unitPrice))
                .set(INVOICE_CANDIDATE.AMOUNT, new BigDecimal(amount))
                .set(INVOICE_CANDIDATE.CURRENCY, currency)
                .set(INVOICE_CANDIDATE.TAX_RATE, new BigDecimal(taxRate))
                .set(INVOICE_CANDIDATE.CREATED_AT, OffsetDateTime.now(ZoneOffset.UTC))
                .returningResult(INVOICE_CANDIDATE.ID).fetchSingle().value1();
    }

    /** A candidate of one month of a subscription at a price, in euros at 20 %. */
    long monthly(long subscriptionId, YearMonth month, String price) {
        return candidate(subscriptionId, month, "service, " + month, "1", price, price, "EUR", "20");
    }

    /** The invoices of a customer, oldest first. */
    List<Long> invoicesOf(long customerId) {
        return db.select(INVOICE.ID).from(INVOICE).where(INVOICE.CUSTOMER_ID.eq(customerId)).orderBy(INVOICE.ID)
                .fetch(INVOICE.ID);
    }

    String referenceOf(long documentId) {
        return db.select(DOCUMENT.REFERENCE).from(DOCUMENT).where(DOCUMENT.ID.eq(documentId)).fetchSingle().value1();
    }

    /** The invoice line a candidate went into, or null while it is open. */
    Long lineOf(long candidateId) {
        return db.select(INVOICE_CANDIDATE.INVOICE_LINE_ID).from(INVOICE_CANDIDATE)
                .where(INVOICE_CANDIDATE.ID.eq(candidateId)).fetchSingle().value1();
    }

    private synchronized long product() {
        if (product == null) {
            product = catalog.createProduct("Billed product " + suffix(), null, Fixtures.OPERATOR).id();
        }
        return product;
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}

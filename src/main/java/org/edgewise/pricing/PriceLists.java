package org.edgewise.pricing;

import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.ORGANISATION;
import static org.edgewise.jooq.Tables.PRICE_ITEM;
import static org.edgewise.jooq.Tables.PRICE_LIST;
import static org.edgewise.jooq.Tables.SOFTWARE_PRODUCT;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.edgewise.access.Actor;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.DocumentNotFoundException;
import org.edgewise.document.DocumentQueries;
import org.edgewise.document.FieldChange;
import org.edgewise.document.PageRequest;
import org.edgewise.document.ValidationException;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;
import org.jooq.impl.DSL;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Price lists and their items, and the price in force: what a customer pays for a product's charge at an
 * instant (see {@link PriceInForce} for the rule). A list's fields and items change only while it is a
 * draft, each change on its timeline; once active its prices are history that invoices rest on.
 */
@Service
public class PriceLists {

    public static final String MONTH = "month";
    public static final String CPU_HOUR = "cpu_hour";
    public static final String DISK_GB_MONTH = "disk_gb_month";
    public static final String COUNTER = "counter:";
    /** The charges a list prices; a counter is {@code counter:<name>} for a counter a release declares. */
    public static final List<String> CHARGES = List.of(MONTH, CPU_HOUR, DISK_GB_MONTH, COUNTER + "requests");
    public static final int UNIT_PRICE_DECIMALS = 6;

    private static final Pattern CHARGE = Pattern.compile("^(month|cpu_hour|disk_gb_month|counter:[a-z][a-z0-9_]{0,63})$");
    private static final Pattern SOFTWARE_TYPE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$");
    private static final BigDecimal MAX_UNIT_PRICE = new BigDecimal("100000000000000");
    private static final BigDecimal HUNDRED = new BigDecimal(100);

    /** The price of a charge in force: the list it comes from, its currency, the unit price and the tax rate in %. */
    public record Price(long priceListId, String currency, BigDecimal unitPrice, BigDecimal taxRate) { }

    /** What a draft list holds beside its items; no customer makes the general list. */
    public record Details(String title, Long customerId, String currency, Instant validFrom, Instant validTo) { }

    /** One price of a list; an empty software type prices every type of the product. */
    public record ItemDetails(Long productId, String softwareType, String charge, BigDecimal unitPrice,
            BigDecimal taxRate) { }

    public record Row(long id, String reference, String title, String state, Long customerId, String customerName,
            String currency, Instant validFrom, Instant validTo, int items) {

        public Details details() {
            return new Details(title, customerId, currency, validFrom, validTo);
        }
    }

    public record Item(long id, long productId, String productName, String softwareType, String charge,
            BigDecimal unitPrice, BigDecimal taxRate) {

        public ItemDetails details() {
            return new ItemDetails(productId, softwareType, charge, unitPrice, taxRate);
        }

        /** e.g. {@code web · every type · month} */
        public String describe() {
            return describe(productName, softwareType, charge);
        }

        static String describe(String product, String softwareType, String charge) {
            return product + " · " + (softwareType.isEmpty() ? "every type" : softwareType) + " · " + charge;
        }
    }

    private static final org.edgewise.jooq.tables.Document CUSTOMER_DOC = DOCUMENT.as("customer_doc");
    private static final org.edgewise.jooq.tables.Document PRODUCT_DOC = DOCUMENT.as("product_doc");
    private static final Field<Integer> ITEM_COUNT = DSL.field(DSL.selectCount().from(PRICE_ITEM)
            .where(PRICE_ITEM.PRICE_LIST_ID.eq(DOCUMENT.ID))).as("item_count");
    private static final Map<String, Field<?>> SORT = Map.of("reference", DOCUMENT.ID, "name", DOCUMENT.TITLE,
            "state", DOCUMENT.STATE, "customer", CUSTOMER_DOC.TITLE, "currency", PRICE_LIST.CURRENCY, "validFrom",
            PRICE_LIST.VALID_FROM, "validTo", PRICE_LIST.VALID_TO);

    private final DSLContext db;
    private final DocumentEngine engine;
    private final Clock clock;
    private final ZoneId zone;

    PriceLists(DSLContext db, DocumentEngine engine, Clock clock,
            @Value("${edgewise.billing.zone:Europe/Paris}") ZoneId zone) {
        this.db = db;
        this.engine = engine;
        this.clock = clock;
        this.zone = zone;
    }

    /** The price of {@code charge} for this customer ({@code null}: one without a list of its own) at {@code at}. */
    @Transactional(readOnly = true)
    public Optional<Price> price(Long customerId, long productId, String softwareType, String charge, Instant at) {
        return db.fetchOptional(PriceInForce.at(DSL.val(customerId, Long.class), DSL.val(productId),
                        DSL.val(softwareType == null ? "" : softwareType), DSL.val(charge), DSL.val(utc(at))))
                .map(r -> new Price(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /**
     * The instants strictly inside ({@code from}, {@code to}), in order, at which the price in force for this
     * customer may change: where one of its lists or a general list comes into force or ends. A list decides
     * all the prices of its customer (a newer one may lack a product), so every list's bounds count.
     */
    @Transactional(readOnly = true)
    public List<Instant> changesBetween(Long customerId, long productId, String softwareType, Instant from,
            Instant to) {
        Condition whose = customerId == null ? PRICE_LIST.CUSTOMER_ID.isNull()
                : PRICE_LIST.CUSTOMER_ID.isNull().or(PRICE_LIST.CUSTOMER_ID.eq(customerId));
        Condition inForce = DOCUMENT.STATE.in(PricingWorkflows.ACTIVE, PricingWorkflows.RETIRED).and(whose);
        var bound = DSL.field(DSL.name("bound"), OffsetDateTime.class);
        var bounds = DSL.select(PRICE_LIST.VALID_FROM.as(bound)).from(PRICE_LIST).join(DOCUMENT)
                .on(DOCUMENT.ID.eq(PRICE_LIST.ID)).where(inForce)
                .union(DSL.select(PRICE_LIST.VALID_TO.as(bound)).from(PRICE_LIST).join(DOCUMENT)
                        .on(DOCUMENT.ID.eq(PRICE_LIST.ID)).where(inForce).and(PRICE_LIST.VALID_TO.isNotNull()))
                .asTable("bounds");
        Field<OffsetDateTime> b = bounds.field(bound);
        return db.select(b).from(bounds).where(b.gt(utc(from)).and(b.lt(utc(to)))).orderBy(b)
                .fetch(r -> r.value1().toInstant());
    }

    /** Where a new list starts unless told otherwise: the coming midnight of the billing time zone. */
    public Instant nextMidnight() {
        return clock.instant().atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** The time zone of billing: months, and the validity of lists as people enter it. */
    public ZoneId zone() {
        return zone;
    }

    @Transactional
    public Document create(Details details, Actor actor) {
        engine.requireMayCreate(PricingWorkflows.TYPE, details.customerId(), actor);
        Details clean = clean(details);
        Document doc = engine.create(PricingWorkflows.TYPE, clean.title(), clean.customerId(), actor);
        db.insertInto(PRICE_LIST)
                .set(PRICE_LIST.ID, doc.id())
                .set(PRICE_LIST.CUSTOMER_ID, clean.customerId())
                .set(PRICE_LIST.CURRENCY, clean.currency())
                .set(PRICE_LIST.VALID_FROM, utc(clean.validFrom()))
                .set(PRICE_LIST.VALID_TO, utc(clean.validTo()))
                .execute();
        return doc;
    }

    /** Changes a draft's name, customer, currency and validity. */
    @Transactional
    public Document update(long id, Details details, Actor actor) {
        Row before = row(engine.get(id, actor));
        Details clean = clean(details);
        Document doc = engine.recordChanges(id, new FieldChange.Collector()
                .compare("title", before.title(), clean.title())
                .compare("currency", before.currency(), clean.currency())
                .compare("valid from", when(before.validFrom()), when(clean.validFrom()))
                .compare("valid to", when(before.validTo()), when(clean.validTo()))
                .changes(), actor);
        if (!Objects.equals(before.customerId(), clean.customerId())) {
            doc = engine.transferOwnership(id, clean.customerId(), actor);
        }
        db.update(PRICE_LIST)
                .set(PRICE_LIST.CUSTOMER_ID, clean.customerId())
                .set(PRICE_LIST.CURRENCY, clean.currency())
                .set(PRICE_LIST.VALID_FROM, utc(clean.validFrom()))
                .set(PRICE_LIST.VALID_TO, utc(clean.validTo()))
                .where(PRICE_LIST.ID.eq(id))
                .execute();
        return doc;
    }

    @Transactional
    public Item addItem(long listId, ItemDetails details, Actor actor) {
        Row list = row(engine.get(listId, actor));
        ItemDetails clean = cleanItem(details);
        String product = productName(clean.productId());
        engine.recordChanges(listId, List.of(new FieldChange("price " + Item.describe(product, clean.softwareType(),
                clean.charge()), null, show(clean, list.currency()))), actor);
        try {
            long id = db.insertInto(PRICE_ITEM)
                    .set(PRICE_ITEM.PRICE_LIST_ID, listId)
                    .set(PRICE_ITEM.PRODUCT_ID, clean.productId())
                    .set(PRICE_ITEM.SOFTWARE_TYPE, clean.softwareType())
                    .set(PRICE_ITEM.CHARGE, clean.charge())
                    .set(PRICE_ITEM.UNIT_PRICE, clean.unitPrice())
                    .set(PRICE_ITEM.TAX_RATE, clean.taxRate())
                    .returningResult(PRICE_ITEM.ID)
                    .fetchSingle().value1();
            return item(id).orElseThrow();
        } catch (DuplicateKeyException e) {
            throw duplicate(list, product, clean);
        }
    }

    @Transactional
    public Item changeItem(long itemId, ItemDetails details, Actor actor) {
        Item before = item(itemId).orElseThrow(() -> new DocumentNotFoundException("price item " + itemId));
        long listId = db.select(PRICE_ITEM.PRICE_LIST_ID).from(PRICE_ITEM).where(PRICE_ITEM.ID.eq(itemId))
                .fetchSingle().value1();
        Row list = row(engine.get(listId, actor));
        ItemDetails clean = cleanItem(details);
        String product = productName(clean.productId());
        String oldName = before.describe();
        String newName = Item.describe(product, clean.softwareType(), clean.charge());
        List<FieldChange> changes = oldName.equals(newName)
                ? new FieldChange.Collector().compare("price " + newName, show(before.details(), list.currency()),
                        show(clean, list.currency())).changes()
                : List.of(new FieldChange("price " + oldName, show(before.details(), list.currency()), null),
                        new FieldChange("price " + newName, null, show(clean, list.currency())));
        engine.recordChanges(listId, changes, actor);
        try {
            db.update(PRICE_ITEM)
                    .set(PRICE_ITEM.PRODUCT_ID, clean.productId())
                    .set(PRICE_ITEM.SOFTWARE_TYPE, clean.softwareType())
                    .set(PRICE_ITEM.CHARGE, clean.charge())
                    .set(PRICE_ITEM.UNIT_PRICE, clean.unitPrice())
                    .set(PRICE_ITEM.TAX_RATE, clean.taxRate())
                    .where(PRICE_ITEM.ID.eq(itemId))
                    .execute();
        } catch (DuplicateKeyException e) {
            throw duplicate(list, product, clean);
        }
        return item(itemId).orElseThrow();
    }

    @Transactional
    public void removeItem(long itemId, Actor actor) {
        Item before = item(itemId).orElseThrow(() -> new DocumentNotFoundException("price item " + itemId));
        long listId = db.select(PRICE_ITEM.PRICE_LIST_ID).from(PRICE_ITEM).where(PRICE_ITEM.ID.eq(itemId))
                .fetchSingle().value1();
        Row list = row(engine.get(listId, actor));
        engine.recordChanges(listId, List.of(new FieldChange("price " + before.describe(),
                show(before.details(), list.currency()), null)), actor);
        db.deleteFrom(PRICE_ITEM).where(PRICE_ITEM.ID.eq(itemId)).execute();
    }

    @Transactional(readOnly = true)
    public List<Row> page(PageRequest page, Actor actor) {
        return select().where(DocumentQueries.visibleList(PricingWorkflows.TYPE, actor, page, CUSTOMER_DOC.TITLE))
                .orderBy(page.sortFields(SORT, DOCUMENT.ID.desc()))
                .offset(page.offset()).limit(page.limit())
                .fetch(PriceLists::toRow);
    }

    @Transactional(readOnly = true)
    public int count(PageRequest page, Actor actor) {
        return db.fetchCount(select().where(DocumentQueries.visibleList(PricingWorkflows.TYPE, actor, page,
                CUSTOMER_DOC.TITLE)));
    }

    @Transactional(readOnly = true)
    public Row get(String reference, Actor actor) {
        return row(engine.get(reference, actor));
    }

    /** The items of a list this user may see, by product, software type and charge. */
    @Transactional(readOnly = true)
    public List<Item> items(long listId, Actor actor) {
        Document list = engine.get(listId, actor);
        return items().where(PRICE_ITEM.PRICE_LIST_ID.eq(list.id()))
                .orderBy(PRODUCT_DOC.TITLE, PRICE_ITEM.SOFTWARE_TYPE, PRICE_ITEM.CHARGE)
                .fetch(PriceLists::toItem);
    }

    /** Activation: a list with prices, and from a moment still to come. */
    void checkActivation(Document list) {
        Row row = row(list);
        if (row.items() == 0) {
            throw new ValidationException("items", list.reference() + " has no prices yet: add at least one before "
                    + "activating it.");
        }
        Instant now = clock.instant();
        if (row.validFrom().isBefore(now)) {
            throw new ValidationException("validFrom", list.reference() + " would be valid from " + when(row.validFrom())
                    + ", which has passed: a price never changes retroactively. Choose a later start, then activate it.");
        }
    }

    /**
     * Retiring ends a list's validity now (rounded up to the second), unless it ended already: its prices
     * stay the prices of the time it was in force. A list not in force yet is withdrawn instead.
     */
    void endValidity(Document list, Actor actor) {
        Row row = row(list);
        Instant now = clock.instant();
        if (row.validFrom().isAfter(now)) {
            throw new ValidationException("validFrom", list.reference() + " is not in force before "
                    + when(row.validFrom()) + ": withdraw it instead.");
        }
        Instant end = now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        if (row.validTo() == null || row.validTo().isAfter(end)) {
            db.update(PRICE_LIST).set(PRICE_LIST.VALID_TO, utc(end)).where(PRICE_LIST.ID.eq(list.id())).execute();
            engine.recordObservation(list.id(), List.of(new FieldChange("valid to", when(row.validTo()), when(end))),
                    actor);
        }
    }

    /** An active list may be withdrawn only before it comes into force: after, it is part of the history of prices. */
    void checkWithdrawal(Document list) {
        if (!list.state().equals(PricingWorkflows.ACTIVE)) {
            return;
        }
        Row row = row(list);
        if (!row.validFrom().isAfter(clock.instant())) {
            throw new ValidationException(null, list.reference() + " is in force since " + when(row.validFrom())
                    + ": retire it instead, so that the prices it gave stay on record.");
        }
    }

    /** A moment as lists show it, in the billing time zone: {@code 2027-01-01 00:00:00 Europe/Paris}. */
    public String when(Instant at) {
        return at == null ? null
                : DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").format(at.atZone(zone)) + " " + zone.getId();
    }

    private Row row(Document doc) {
        if (!doc.docType().equals(PricingWorkflows.TYPE)) {
            throw new DocumentNotFoundException(doc.reference());
        }
        return select().where(DOCUMENT.ID.eq(doc.id())).fetchSingle(PriceLists::toRow);
    }

    private Optional<Item> item(long id) {
        return items().where(PRICE_ITEM.ID.eq(id)).fetchOptional(PriceLists::toItem);
    }

    private SelectOnConditionStep<Record> select() {
        return db.select(List.of(DOCUMENT.ID, DOCUMENT.REFERENCE, DOCUMENT.TITLE, DOCUMENT.STATE,
                        PRICE_LIST.CUSTOMER_ID, CUSTOMER_DOC.TITLE, PRICE_LIST.CURRENCY, PRICE_LIST.VALID_FROM,
                        PRICE_LIST.VALID_TO, ITEM_COUNT))
                .from(DOCUMENT).join(PRICE_LIST).on(PRICE_LIST.ID.eq(DOCUMENT.ID))
                .leftJoin(CUSTOMER_DOC).on(CUSTOMER_DOC.ID.eq(PRICE_LIST.CUSTOMER_ID));
    }

    private SelectOnConditionStep<Record> items() {
        return db.select(List.of(PRICE_ITEM.ID, PRICE_ITEM.PRODUCT_ID, PRODUCT_DOC.TITLE, PRICE_ITEM.SOFTWARE_TYPE,
                        PRICE_ITEM.CHARGE, PRICE_ITEM.UNIT_PRICE, PRICE_ITEM.TAX_RATE))
                .from(PRICE_ITEM).join(PRODUCT_DOC).on(PRODUCT_DOC.ID.eq(PRICE_ITEM.PRODUCT_ID));
    }

    private static Row toRow(Record r) {
        return new Row(r.get(DOCUMENT.ID), r.get(DOCUMENT.REFERENCE), r.get(DOCUMENT.TITLE), r.get(DOCUMENT.STATE),
                r.get(PRICE_LIST.CUSTOMER_ID), r.get(CUSTOMER_DOC.TITLE), r.get(PRICE_LIST.CURRENCY),
                r.get(PRICE_LIST.VALID_FROM).toInstant(),
                r.get(PRICE_LIST.VALID_TO) == null ? null : r.get(PRICE_LIST.VALID_TO).toInstant(), r.get(ITEM_COUNT));
    }

    private static Item toItem(Record r) {
        return new Item(r.get(PRICE_ITEM.ID), r.get(PRICE_ITEM.PRODUCT_ID), r.get(PRODUCT_DOC.TITLE),
                r.get(PRICE_ITEM.SOFTWARE_TYPE), r.get(PRICE_ITEM.CHARGE), r.get(PRICE_ITEM.UNIT_PRICE),
                r.get(PRICE_ITEM.TAX_RATE));
    }

    private Details clean(Details d) {
        String currency = Money.requireCurrency("currency", d.currency());
        if (d.customerId() != null && !db.fetchExists(ORGANISATION, ORGANISATION.ID.eq(d.customerId()))) {
            throw new ValidationException("customer", "Choose the customer organisation the list is for, or none for "
                    + "the general list.");
        }
        if (d.validFrom() == null) {
            throw new ValidationException("validFrom", "A price list needs the moment it comes into force.");
        }
        // a list changes prices at whole seconds, the resolution of every charge
        Instant from = d.validFrom().truncatedTo(ChronoUnit.SECONDS);
        Instant to = d.validTo() == null ? null : d.validTo().truncatedTo(ChronoUnit.SECONDS);
        if (to != null && !to.isAfter(from)) {
            throw new ValidationException("validTo", "A price list ends after it starts: valid to " + when(to)
                    + " is not after valid from " + when(from) + ".");
        }
        return new Details(d.title(), d.customerId(), currency, from, to);
    }

    private ItemDetails cleanItem(ItemDetails d) {
        if (d.productId() == null || !db.fetchExists(SOFTWARE_PRODUCT, SOFTWARE_PRODUCT.ID.eq(d.productId()))) {
            throw new ValidationException("product", "Choose the product of the catalogue this price is for.");
        }
        String type = d.softwareType() == null ? "" : d.softwareType().strip();
        if (!type.isEmpty() && !SOFTWARE_TYPE.matcher(type).matches()) {
            throw new ValidationException("softwareType", "\"" + type + "\" is not a software type: leave it empty for "
                    + "every type, or use letters, digits, dots, dashes and underscores.");
        }
        String charge = d.charge() == null ? "" : d.charge().strip();
        if (!CHARGE.matcher(charge).matches()) {
            throw new ValidationException("charge", "A charge is month, cpu_hour, disk_gb_month or counter:<name> (a "
                    + "counter the release declares, in small letters, digits and underscores), not \"" + charge + "\".");
        }
        BigDecimal price = d.unitPrice();
        if (price == null || price.signum() < 0 || price.compareTo(MAX_UNIT_PRICE) >= 0) {
            throw new ValidationException("unitPrice", "A unit price is zero or more, below 100,000,000,000,000.");
        }
        if (price.stripTrailingZeros().scale() > UNIT_PRICE_DECIMALS) {
            throw new ValidationException("unitPrice", "A unit price has at most " + UNIT_PRICE_DECIMALS
                    + " decimals, not " + price.toPlainString() + ".");
        }
        BigDecimal tax = d.taxRate();
        if (tax == null || tax.signum() < 0 || tax.compareTo(HUNDRED) >= 0 || tax.stripTrailingZeros().scale() > 2) {
            throw new ValidationException("taxRate", "A tax rate is a percentage from 0 to below 100 with at most two "
                    + "decimals, such as 20 or 5.5.");
        }
        return new ItemDetails(d.productId(), type, charge, price.setScale(UNIT_PRICE_DECIMALS),
                tax.setScale(2));
    }

    private String productName(long productId) {
        return db.select(DOCUMENT.TITLE).from(DOCUMENT).where(DOCUMENT.ID.eq(productId)).fetchSingle().value1();
    }

    private static ValidationException duplicate(Row list, String product, ItemDetails item) {
        return new ValidationException("charge", list.reference() + " already has a price for "
                + Item.describe(product, item.softwareType(), item.charge()) + ": change that one instead.");
    }

    private static String show(ItemDetails item, String currency) {
        return Money.format(item.unitPrice(), currency) + ", tax " + Money.percent(item.taxRate());
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }
}

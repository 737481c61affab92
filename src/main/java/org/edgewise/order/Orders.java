package org.edgewise.order;

import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.SALES_ORDER;
import static org.edgewise.jooq.Tables.SALES_ORDER_LINE;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.billing.Invoices;
import org.edgewise.catalog.Catalog;
import org.edgewise.catalog.ParameterSchemas;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.DocumentNotFoundException;
import org.edgewise.document.DocumentQueries;
import org.edgewise.document.PageRequest;
import org.edgewise.document.ValidationException;
import org.edgewise.instance.InstanceInfo;
import org.edgewise.instance.InstanceRequests;
import org.edgewise.instance.InstanceWorkflows;
import org.edgewise.payment.Receivables;
import org.edgewise.pricing.Money;
import org.edgewise.pricing.PriceLists;
import org.edgewise.subscription.Subscriptions;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Orders of services. Lines are checked when added (a published release of an active product, one of its
 * plans, parameters valid against the release's schema, a title the customer's services do not use yet)
 * and checked again on submission, since the catalogue and the customer's services may have changed since.
 * What a submitted order must pass before it is confirmed is {@code edgewise.orders.check}: {@code none},
 * {@code credit-limit} (what the customer still owes plus the order's first month within
 * {@code edgewise.orders.credit-limit}, else sales staff decide) or {@code deposit} (an invoice of the
 * order's first month, confirmed once it is paid).
 */
@Service
public class Orders {

    public enum Check { NONE, CREDIT_LIMIT, DEPOSIT }

    public static final int MAX_LINES = 50;

    /**
     * A service to add to an order: a release by its reference, or the newest published release of a product by
     * its name; one of its plans (software types), the first when none is given; the name the customer gives
     * the service; its parameters.
     */
    public record NewLine(String product, String release, String plan, String title, Map<String, Object> parameters) { }

    public record Line(long id, int position, String product, String release, String releaseReference,
            String softwareType, String title, JsonNode parameters, String currency, BigDecimal monthPrice,
            BigDecimal taxRate, String tree) {

        /** The month's price with its tax, or null when no price list prices it. */
        public BigDecimal monthPriceWithTax() {
            return monthPrice == null ? null : monthPrice.add(monthPrice.multiply(taxRate).movePointLeft(2));
        }
    }

    public record Order(long id, String reference, String title, String state, long customerId, String customerName,
            String orderedBy, String checkNote, String depositInvoice, OffsetDateTime createdAt,
            OffsetDateTime submittedAt, OffsetDateTime confirmedAt, List<Line> lines) {

        /** The first month of the order, tax included, per currency. */
        public Map<String, BigDecimal> monthTotal() {
            Map<String, BigDecimal> totals = new LinkedHashMap<>();
            for (Line line : lines) {
                if (line.monthPriceWithTax() != null) {
                    totals.merge(line.currency(), line.monthPriceWithTax(), BigDecimal::add);
                }
            }
            return totals;
        }
    }

    public record Row(long id, String reference, String title, String state, String customerName,
            OffsetDateTime createdAt, int lines) { }

    private static final org.edgewise.jooq.tables.Document CUSTOMER = DOCUMENT.as("customer_doc");
    private static final org.edgewise.jooq.tables.Document RELEASE = DOCUMENT.as("release_doc");
    private static final org.edgewise.jooq.tables.Document TREE = DOCUMENT.as("tree_doc");
    private static final org.edgewise.jooq.tables.Document INVOICE = DOCUMENT.as("deposit_doc");
    private static final Map<String, Field<?>> SORT = Map.of("reference", DOCUMENT.ID, "title", DOCUMENT.TITLE,
            "state", DOCUMENT.STATE, "customer", CUSTOMER.TITLE, "created", DOCUMENT.CREATED_AT);

    private final DSLContext db;
    private final DocumentEngine engine;
    private final Catalog catalog;
    private final ParameterSchemas schemas;
    private final InstanceRequests requests;
    private final PriceLists prices;
    private final Receivables receivables;
    private final Invoices invoices;
    private final Subscriptions subscriptions;
    private final ObjectMapper json;
    private final Clock clock;
    private volatile Check check;
    private volatile BigDecimal creditLimit;

    Orders(DSLContext db, DocumentEngine engine, Catalog catalog, ParameterSchemas schemas, InstanceRequests requests,
            PriceLists prices, Receivables receivables, Invoices invoices, Subscriptions subscriptions,
            ObjectMapper json, Clock clock,
            @Value("${edgewise.orders.check:none}") String check,
            @Value("${edgewise.orders.credit-limit:100}") BigDecimal creditLimit) {
        this.db = db;
        this.engine = engine;
        this.catalog = catalog;
        this.schemas = schemas;
        this.requests = requests;
        this.prices = prices;
        this.receivables = receivables;
        this.invoices = invoices;
        this.subscriptions = subscriptions;
        this.json = json;
        this.clock = clock;
        this.check = parseCheck(check);
        this.creditLimit = creditLimit;
    }

    static Check parseCheck(String value) {
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "none" -> Check.NONE;
            case "credit-limit" -> Check.CREDIT_LIMIT;
            case "deposit" -> Check.DEPOSIT;
            default -> throw new IllegalArgumentException("edgewise.orders.check is none, credit-limit or deposit, not \""
                    + value + "\"");
        };
    }

    public Check check() {
        return check;
    }

    /** Changes the check of orders submitted from now on, as a restart with other settings would. */
    void checkWith(Check newCheck, BigDecimal newCreditLimit) {
        this.check = newCheck;
        this.creditLimit = newCreditLimit;
    }

    /** A new cart for the customer: a customer's own, or one sales staff fill to send as a quotation. */
    @Transactional
    public Document create(long customerId, String title, Actor actor) {
        Document customer = engine.get(customerId, Actor.system());
        String name = title == null || title.isBlank() ? "Order for " + customer.title() : title.strip();
        Document doc = engine.create(OrderWorkflows.TYPE, name, customerId, actor);
        db.insertInto(SALES_ORDER).set(SALES_ORDER.ID, doc.id()).set(SALES_ORDER.CUSTOMER_ID, customerId)
                .set(SALES_ORDER.ORDERED_BY, actor.has(Role.CUSTOMER) ? actor.name() : null).execute();
        return doc;
    }

    /**
     * The shop's "order now": a cart of the customer's organisation with these services, submitted at once; what
     * it became (confirmed, or submitted and waiting) is the returned order's state.
     */
    @Transactional
    public Order orderNow(List<NewLine> lines, Actor actor) {
        if (actor.organisationId() == null) {
            throw new org.springframework.security.access.AccessDeniedException(actor.name()
                    + " acts for no organisation: only a customer orders in the shop.");
        }
        if (lines.isEmpty()) {
            throw new ValidationException("lines", "An order needs at least one service.");
        }
        String title = lines.size() == 1 ? lines.get(0).title() : lines.size() + " services";
        Document doc = create(actor.organisationId(), title, actor);
        for (int i = 0; i < lines.size(); i++) {
            try {
                addLine(doc.id(), lines.get(i), actor);
            } catch (ValidationException e) {
                throw new ValidationException("services[" + i + "]." + e.field(), e.getMessage());
            }
        }
        engine.apply(doc.id(), OrderWorkflows.SUBMIT, actor, null);
        return get(doc.id(), actor);
    }

    /** Adds a service to a cart, checked as it will be on submission. */
    @Transactional
    public Line addLine(long orderId, NewLine line, Actor actor) {
        Document doc = engine.get(orderId, actor);
        engine.requireEditable(doc, actor);
        long customerId = doc.ownerId();
        int count = db.fetchCount(SALES_ORDER_LINE, SALES_ORDER_LINE.ORDER_ID.eq(orderId));
        if (count >= MAX_LINES) {
            throw new ValidationException("lines", "An order holds at most " + MAX_LINES + " services.");
        }
        Catalog.Release release = line.release() == null || line.release().isBlank() ? productRelease(line.product())
                : releaseFor(line.release());
        String type = line.plan() == null || line.plan().isBlank() ? release.softwareTypes().get(0) : line.plan().strip();
        if (!release.softwareTypes().contains(type)) {
            throw new ValidationException("plan", release.productName() + " " + release.version()
                    + " has no plan \"" + type + "\": choose one of " + String.join(", ", release.softwareTypes()) + ".");
        }
        String title = requireTitle(line.title());
        if (db.fetchExists(SALES_ORDER_LINE, SALES_ORDER_LINE.ORDER_ID.eq(orderId).and(SALES_ORDER_LINE.TITLE.eq(title)))) {
            throw new ValidationException("title", "This order already has a service named \"" + title + "\".");
        }
        requireFreeTitle(customerId, title);
        JsonNode parameters = schemas.check(release.id(), type,
                json.valueToTree(line.parameters() == null ? Map.of() : line.parameters()));
        Optional<PriceLists.Price> month = prices.price(customerId, release.productId(), type, PriceLists.MONTH,
                clock.instant());
        db.insertInto(SALES_ORDER_LINE)
                .set(SALES_ORDER_LINE.ORDER_ID, orderId)
                .set(SALES_ORDER_LINE.POSITION, count + 1)
                .set(SALES_ORDER_LINE.RELEASE_ID, release.id())
                .set(SALES_ORDER_LINE.SOFTWARE_TYPE, type)
                .set(SALES_ORDER_LINE.TITLE, title)
                .set(SALES_ORDER_LINE.PARAMETERS, parameters)
                .set(SALES_ORDER_LINE.CURRENCY, month.map(PriceLists.Price::currency).orElse(null))
                .set(SALES_ORDER_LINE.MONTH_PRICE, month.map(PriceLists.Price::unitPrice).orElse(null))
                .set(SALES_ORDER_LINE.TAX_RATE, month.map(PriceLists.Price::taxRate).orElse(null))
                .execute();
        engine.comment(orderId, "Added " + release.productName() + " (" + type + ") \"" + title + "\".", actor);
        return get(orderId, actor).lines().get(count);
    }

    /** Takes a service out of a cart. */
    @Transactional
    public void removeLine(long orderId, long lineId, Actor actor) {
        Document doc = engine.get(orderId, actor);
        engine.requireEditable(doc, actor);
        Line line = get(orderId, actor).lines().stream().filter(l -> l.id() == lineId).findFirst()
                .orElseThrow(() -> new ValidationException("line", "This order has no such line."));
        db.deleteFrom(SALES_ORDER_LINE).where(SALES_ORDER_LINE.ID.eq(lineId)).execute();
        engine.comment(orderId, "Removed " + line.product() + " (" + line.softwareType() + ") \"" + line.title() + "\".",
                actor);
    }

    @Transactional(readOnly = true)
    public Order get(String reference, Actor actor) {
        return get(engine.get(reference, actor).id(), actor);
    }

    @Transactional(readOnly = true)
    public Order get(long id, Actor actor) {
        Document doc = engine.get(id, actor);
        Record r = db.select(SALES_ORDER.CUSTOMER_ID, CUSTOMER.TITLE, SALES_ORDER.ORDERED_BY, SALES_ORDER.CHECK_NOTE,
                        INVOICE.NUMBER, INVOICE.REFERENCE, SALES_ORDER.SUBMITTED_AT, SALES_ORDER.CONFIRMED_AT)
                .from(SALES_ORDER).join(CUSTOMER).on(CUSTOMER.ID.eq(SALES_ORDER.CUSTOMER_ID))
                .leftJoin(INVOICE).on(INVOICE.ID.eq(SALES_ORDER.DEPOSIT_INVOICE_ID))
                .where(SALES_ORDER.ID.eq(id)).fetchOptional()
                .orElseThrow(() -> new DocumentNotFoundException(doc.reference()));
        String deposit = r.get(INVOICE.NUMBER) != null ? r.get(INVOICE.NUMBER) : r.get(INVOICE.REFERENCE);
        return new Order(doc.id(), doc.reference(), doc.title(), doc.state(), r.get(SALES_ORDER.CUSTOMER_ID),
                r.get(CUSTOMER.TITLE), r.get(SALES_ORDER.ORDERED_BY), r.get(SALES_ORDER.CHECK_NOTE), deposit,
                doc.createdAt(), r.get(SALES_ORDER.SUBMITTED_AT), r.get(SALES_ORDER.CONFIRMED_AT), lines(id));
    }

    @Transactional(readOnly = true)
    public List<Row> page(PageRequest page, Actor actor) {
        return rows().where(DocumentQueries.visibleList(OrderWorkflows.TYPE, actor, page))
                .orderBy(page.sortFields(SORT, DOCUMENT.ID.desc()))
                .offset(page.offset()).limit(page.limit())
                .fetch(r -> new Row(r.get(DOCUMENT.ID), r.get(DOCUMENT.REFERENCE), r.get(DOCUMENT.TITLE),
                        r.get(DOCUMENT.STATE), r.get(CUSTOMER.TITLE), r.get(DOCUMENT.CREATED_AT),
                        r.get("lines", Integer.class)));
    }

    @Transactional(readOnly = true)
    public int count(PageRequest page, Actor actor) {
        return db.fetchCount(rows().where(DocumentQueries.visibleList(OrderWorkflows.TYPE, actor, page)));
    }

    private org.jooq.SelectOnConditionStep<Record> rows() {
        Field<Integer> lines = db.selectCount().from(SALES_ORDER_LINE).where(SALES_ORDER_LINE.ORDER_ID.eq(DOCUMENT.ID))
                .asField("lines");
        return db.select(List.of(DOCUMENT.ID, DOCUMENT.REFERENCE, DOCUMENT.TITLE, DOCUMENT.STATE, CUSTOMER.TITLE,
                        DOCUMENT.CREATED_AT, lines))
                .from(DOCUMENT).join(SALES_ORDER).on(SALES_ORDER.ID.eq(DOCUMENT.ID))
                .join(CUSTOMER).on(CUSTOMER.ID.eq(SALES_ORDER.CUSTOMER_ID));
    }

    private List<Line> lines(long orderId) {
        var release = org.edgewise.jooq.Tables.SOFTWARE_RELEASE;
        var product = DOCUMENT.as("product_doc");
        return db.select(SALES_ORDER_LINE.ID, SALES_ORDER_LINE.POSITION, product.TITLE, release.VERSION,
                        RELEASE.REFERENCE, SALES_ORDER_LINE.SOFTWARE_TYPE, SALES_ORDER_LINE.TITLE,
                        SALES_ORDER_LINE.PARAMETERS, SALES_ORDER_LINE.CURRENCY, SALES_ORDER_LINE.MONTH_PRICE,
                        SALES_ORDER_LINE.TAX_RATE, TREE.REFERENCE)
                .from(SALES_ORDER_LINE)
                .join(release).on(release.ID.eq(SALES_ORDER_LINE.RELEASE_ID))
                .join(RELEASE).on(RELEASE.ID.eq(release.ID))
                .join(product).on(product.ID.eq(release.PRODUCT_ID))
                .leftJoin(TREE).on(TREE.ID.eq(SALES_ORDER_LINE.TREE_ID))
                .where(SALES_ORDER_LINE.ORDER_ID.eq(orderId))
                .orderBy(SALES_ORDER_LINE.POSITION)
                .fetch(r -> new Line(r.value1(), r.value2(), r.value3(), r.value3() + " " + r.value4(), r.value5(),
                        r.value6(), r.value7(), r.value8(), r.value9(), r.value10(), r.value11(),
                        r.value12()));
    }

    /** Part of quoting: a quotation with nothing in it is not sent. */
    @Transactional(propagation = Propagation.MANDATORY)
    void requireLines(Document order) {
        if (lines(order.id()).isEmpty()) {
            throw new ValidationException("lines", "Add at least one service to " + order.reference() + " first.");
        }
    }

    /**
     * Part of submitting (or accepting a quotation): the lines checked again, then the configured check, which
     * confirms the order at once or says what it waits for.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void submitted(Document order, Actor actor) {
        requireLines(order);
        for (Line line : lines(order.id())) {
            Catalog.Release release = releaseFor(line.releaseReference());
            requireFreeTitle(order.ownerId(), line.title());
            schemas.check(release.id(), line.softwareType(), line.parameters());
        }
        db.update(SALES_ORDER)
                .set(SALES_ORDER.SUBMITTED_AT, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                .set(SALES_ORDER.ORDERED_BY, actor.has(Role.CUSTOMER) ? actor.name() : null)
                .set(SALES_ORDER.CHECK_KIND, check.name().toLowerCase(java.util.Locale.ROOT))
                .where(SALES_ORDER.ID.eq(order.id()))
                .execute();
        Order submitted = get(order.id(), Actor.system());
        switch (check) {
            case NONE -> engine.apply(order.id(), OrderWorkflows.CONFIRM, Actor.system(), "Confirmed on submission.");
            case CREDIT_LIMIT -> checkCredit(submitted);
            case DEPOSIT -> askDeposit(submitted);
        }
    }

    private void checkCredit(Order order) {
        Map<String, BigDecimal> month = order.monthTotal();
        StringBuilder over = new StringBuilder();
        for (Map.Entry<String, BigDecimal> e : month.entrySet()) {
            BigDecimal owed = receivables.stillOwed(order.customerId(), e.getKey());
            BigDecimal exposure = owed.add(e.getValue());
            if (exposure.compareTo(creditLimit) > 0) {
                over.append(String.format("still owed %s and this order's first month %s make %s, over the credit"
                        + " limit of %s", Money.format(owed, e.getKey()), Money.format(e.getValue(), e.getKey()),
                        Money.format(exposure, e.getKey()), Money.format(creditLimit, e.getKey())));
            }
        }
        if (over.isEmpty()) {
            engine.apply(order.id(), OrderWorkflows.CONFIRM, Actor.system(), "Confirmed on submission: within the"
                    + " credit limit of " + creditLimit.toPlainString() + ".");
            return;
        }
        String note = "Waiting for sales staff: " + over + ".";
        db.update(SALES_ORDER).set(SALES_ORDER.CHECK_NOTE, note).where(SALES_ORDER.ID.eq(order.id())).execute();
        engine.comment(order.id(), note, Actor.system());
    }

    private void askDeposit(Order order) {
        Map<String, BigDecimal> month = order.monthTotal();
        if (month.isEmpty()) {
            engine.apply(order.id(), OrderWorkflows.CONFIRM, Actor.system(), "Confirmed on submission: nothing to"
                    + " pay in advance, no price list prices its services.");
            return;
        }
        if (month.size() > 1) {
            throw new ValidationException("lines", "The services of one order must be priced in one currency.");
        }
        String currency = month.keySet().iterator().next();
        Document draft = invoices.createDraft(order.customerId(), "Deposit for order " + order.reference(), currency,
                Actor.system());
        for (Line line : order.lines()) {
            if (line.monthPrice() != null) {
                invoices.addLine(draft.id(), new Invoices.NewLine("First month of " + line.product() + " ("
                        + line.softwareType() + ") \"" + line.title() + "\", order " + order.reference(),
                        BigDecimal.ONE, "month", line.monthPrice(), line.taxRate()), Actor.system());
            }
        }
        Invoices.Invoice issued = invoices.issue(draft.reference(), Actor.system());
        String note = "Waiting for the payment of the deposit invoice " + issued.number() + " ("
                + Money.format(issued.gross(), currency) + ", reference " + issued.paymentReference() + ").";
        db.update(SALES_ORDER).set(SALES_ORDER.DEPOSIT_INVOICE_ID, draft.id()).set(SALES_ORDER.CHECK_NOTE, note)
                .where(SALES_ORDER.ID.eq(order.id())).execute();
        engine.comment(order.id(), note, Actor.system());
    }

    /** Part of paying an invoice: the order waiting for it as its deposit is confirmed. */
    @Transactional(propagation = Propagation.MANDATORY)
    void depositPaid(long invoiceId) {
        db.select(SALES_ORDER.ID).from(SALES_ORDER).join(DOCUMENT).on(DOCUMENT.ID.eq(SALES_ORDER.ID))
                .where(SALES_ORDER.DEPOSIT_INVOICE_ID.eq(invoiceId).and(DOCUMENT.STATE.eq(OrderWorkflows.SUBMITTED)))
                .fetch(SALES_ORDER.ID)
                .forEach(id -> engine.apply(id, OrderWorkflows.CONFIRM, Actor.system(), "Confirmed: the deposit is paid."));
    }

    /** Part of confirming: each line requested as a service of the customer, started. */
    @Transactional(propagation = Propagation.MANDATORY)
    void confirmed(Document order) {
        Order o = get(order.id(), Actor.system());
        Actor customer = new Actor(o.orderedBy() != null ? o.orderedBy() : "order " + o.reference(),
                EnumSet.of(Role.CUSTOMER), o.customerId());
        for (Line line : o.lines()) {
            Catalog.Release release = releaseFor(line.releaseReference());
            requireFreeTitle(o.customerId(), line.title());
            @SuppressWarnings("unchecked")
            Map<String, Object> parameters = json.convertValue(line.parameters(), Map.class);
            InstanceInfo root = requests.requestTree(new InstanceRequests.Request(line.title(), release.url(),
                    line.softwareType(), parameters, Map.of(), InstanceWorkflows.STARTED, false), customer);
            db.update(SALES_ORDER_LINE).set(SALES_ORDER_LINE.TREE_ID, root.treeId())
                    .where(SALES_ORDER_LINE.ID.eq(line.id())).execute();
            if (o.depositInvoice() != null && line.monthPrice() != null) {
                subscriptions.firstMonthPaidInAdvance(root.treeId(), prices.zone(),
                        "the deposit invoice " + o.depositInvoice() + " of " + o.reference());
            }
        }
        db.update(SALES_ORDER)
                .set(SALES_ORDER.CONFIRMED_AT, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                .setNull(SALES_ORDER.CHECK_NOTE)
                .where(SALES_ORDER.ID.eq(order.id())).execute();
    }

    private Catalog.Release productRelease(String product) {
        String name = product == null ? "" : product.strip();
        if (name.isEmpty()) {
            throw new ValidationException("product", "Name the product (e.g. web) or the release (its reference) to order.");
        }
        List<Catalog.Release> published = catalog.newestPublished();
        return published.stream().filter(r -> r.productName().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new ValidationException("product", "No product named \"" + name + "\" is in the shop:"
                        + " choose one of " + String.join(", ", published.stream().map(Catalog.Release::productName)
                                .toList()) + "."));
    }

    private Catalog.Release releaseFor(String reference) {
        Catalog.Release release;
        try {
            release = catalog.release(reference == null ? "" : reference.strip(), Actor.system());
        } catch (DocumentNotFoundException e) {
            throw new ValidationException("release", "No release " + reference + " is in the catalogue.");
        }
        return catalog.requestable(release.url(), true);
    }

    private String requireTitle(String value) {
        String title = value == null ? "" : value.strip();
        if (title.isEmpty()) {
            throw new ValidationException("title", "Give the service a name, e.g. my-website.");
        }
        if (title.length() > DocumentEngine.MAX_TITLE_LENGTH) {
            throw new ValidationException("title", "A service's name has at most " + DocumentEngine.MAX_TITLE_LENGTH
                    + " characters.");
        }
        return title;
    }

    private void requireFreeTitle(long customerId, String title) {
        boolean taken = db.fetchExists(DOCUMENT, DOCUMENT.DOC_TYPE.eq(InstanceWorkflows.TREE)
                .and(DOCUMENT.OWNER_ID.eq(customerId)).and(DOCUMENT.TITLE.eq(title))
                .and(DOCUMENT.STATE.ne(InstanceWorkflows.ARCHIVED)));
        if (taken) {
            throw new ValidationException("title", "You already have a service named \"" + title
                    + "\": choose another name.");
        }
    }
}

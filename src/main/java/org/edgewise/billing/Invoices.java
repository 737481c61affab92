package org.edgewise.billing;

import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.INVOICE;
import static org.edgewise.jooq.Tables.ORGANISATION;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import org.edgewise.access.Actor;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.DocumentNotFoundException;
import org.edgewise.document.DocumentQueries;
import org.edgewise.document.FieldChange;
import org.edgewise.document.PageRequest;
import org.edgewise.document.ValidationException;
import org.edgewise.document.WorkflowException;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Invoices: drafts made by the monthly run (or by hand), corrected line by line while they are drafts, then
 * issued with a legal number and never changed again. Every amount is rounded by {@link InvoiceTotals}.
 */
@Service
public class Invoices {

    public static final int MAX_DESCRIPTION = 500;
    public static final int MAX_UNIT = 40;
    /** The digits before the decimal point of a stored amount, NUMERIC(20, 4). */
    private static final int MAX_NET_DIGITS = 16;

    /** An invoice as its list shows it; the period is its first and last day in the billing time zone. */
    public record Row(long id, String reference, String number, String title, String state, String customerReference,
            String customerName, String currency, LocalDate periodFrom, LocalDate periodTo, LocalDate issuedOn,
            LocalDate dueOn, BigDecimal gross) { }

    /** One line; {@code charged} when it bills an invoice candidate (a subscription or its usage). */
    public record Line(long id, int position, String description, OffsetDateTime periodStart, OffsetDateTime periodEnd,
            BigDecimal quantity, String unit, BigDecimal unitPrice, BigDecimal taxRate, BigDecimal net,
            boolean charged) { }

    /** The tax of one rate: the lines' nets at that rate and the tax on their sum. */
    public record Tax(BigDecimal rate, BigDecimal net, BigDecimal tax) { }

    public record Invoice(long id, String reference, String number, String title, String state, long customerId,
            String customerReference, String customerName, String currency, LocalDate periodFrom, LocalDate periodTo,
            LocalDate issuedOn, LocalDate dueOn, String paymentReference, BigDecimal net, BigDecimal tax,
            BigDecimal gross, List<Line> lines, List<Tax> taxes) { }

    /** What may be corrected on a line of a draft. */
    public record LineChange(String description, BigDecimal quantity, BigDecimal unitPrice) { }

    /** A line added by hand to a draft. */
    public record NewLine(String description, BigDecimal quantity, String unit, BigDecimal unitPrice,
            BigDecimal taxRate) { }

    private static final org.edgewise.jooq.tables.Document CUSTOMER = DOCUMENT.as("customer_doc");

    private static final Map<String, Field<?>> SORT = Map.of("reference", DOCUMENT.ID, "number", DOCUMENT.NUMBER,
            "title", DOCUMENT.TITLE, "state", DOCUMENT.STATE, "customer", CUSTOMER.TITLE, "period", INVOICE.PERIOD_START,
            "issuedOn", INVOICE.ISSUED_ON, "dueOn", INVOICE.DUE_ON, "gross", INVOICE.GROSS_TOTAL);

    private final DSLContext db;
    private final DocumentEngine engine;
    private final InvoiceStore store;
    private final BillingAccounts accounts;
    private final BillingCalendar calendar;
    private final ApplicationEventPublisher events;

    Invoices(DSLContext db, DocumentEngine engine, InvoiceStore store, BillingAccounts accounts,
            BillingCalendar calendar, ApplicationEventPublisher events) {
        this.db = db;
        this.engine = engine;
        this.store = store;
        this.accounts = accounts;
        this.calendar = calendar;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public List<Row> page(PageRequest page, Actor actor) {
        engine.requireMayRead(BillingWorkflows.INVOICE, actor);
        return select().where(visibleList(page, actor))
                .orderBy(page.sortFields(SORT, DOCUMENT.ID.desc()))
                .offset(page.offset()).limit(page.limit())
                .fetch(this::toRow);
    }

    @Transactional(readOnly = true)
    public int count(PageRequest page, Actor actor) {
        engine.requireMayRead(BillingWorkflows.INVOICE, actor);
        return db.fetchCount(select().where(visibleList(page, actor)));
    }

    /** An invoice this actor may see, by its draft reference ({@code INVD-000042}) or its number once issued. */
    @Transactional(readOnly = true)
    public Invoice get(String referenceOrNumber, Actor actor) {
        engine.requireMayRead(BillingWorkflows.INVOICE, actor);
        Long byNumber = db.select(DOCUMENT.ID).from(DOCUMENT)
                .where(DOCUMENT.DOC_TYPE.eq(BillingWorkflows.INVOICE).and(DOCUMENT.NUMBER.eq(referenceOrNumber)))
                .fetchOne(DOCUMENT.ID);
        Document doc;
        try {
            doc = byNumber != null ? engine.get(byNumber, actor) : engine.get(referenceOrNumber, actor);
        } catch (DocumentNotFoundException e) {
            // the same answer as for a number that does not exist, so that nobody learns which ones do
            throw new DocumentNotFoundException(referenceOrNumber);
        }
        if (!doc.docType().equals(BillingWorkflows.INVOICE)) {
            throw new DocumentNotFoundException(referenceOrNumber);
        }
        return invoice(doc);
    }

    /**
     * A draft made by hand, for what no subscription charges (a service done once); lines are added to it. The
     * customer's billing account is made if this is its first invoice.
     */
    @Transactional
    public Document createDraft(long customerId, String title, String currency, Actor actor) {
        engine.requireMayCreate(BillingWorkflows.INVOICE, customerId, actor);
        if (!db.fetchExists(ORGANISATION, ORGANISATION.ID.eq(customerId))) {
            throw new ValidationException("customer", "There is no customer organisation #" + customerId + ".");
        }
        String code = currency == null ? "" : currency.strip().toUpperCase(java.util.Locale.ROOT);
        if (!code.matches("[A-Z]{3}") || Currency.getAvailableCurrencies().stream()
                .noneMatch(c -> c.getCurrencyCode().equals(code))) {
            throw new ValidationException("currency", "A currency is a three-letter ISO 4217 code such as EUR.");
        }
        return draft(customerId, title, code, null, null, actor);
    }

    /**
     * Makes one draft for a customer from the candidates of a run, one line per candidate in the order given,
     * charges each candidate with its line and computes the totals; answers the draft's id.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    long draftFromCandidates(long customerId, long runId, BillingCalendar.Period period, String currency,
            List<InvoiceRuns.Candidate> candidates, boolean linkedToRun) {
        Document doc = draft(customerId, period.label(), currency, linkedToRun ? runId : null, period, Actor.system());
        List<InvoiceStore.NewLine> lines = new ArrayList<>();
        for (InvoiceRuns.Candidate c : candidates) {
            lines.add(new InvoiceStore.NewLine(c.description(), c.subscriptionId(), c.periodStart(), c.periodEnd(),
                    c.quantity(), c.unit(), c.unitPrice(), InvoiceTotals.lineNet(List.of(c.amount()), currency),
                    c.taxRate()));
        }
        List<Long> lineIds = store.insertLines(doc.id(), 1, lines);
        store.charge(candidates.stream().map(InvoiceRuns.Candidate::id).toList(), lineIds);
        store.writeTotals(doc.id(), InvoiceTotals.of(lines.stream()
                .map(l -> new InvoiceTotals.Taxed(l.net(), l.taxRate())).toList(), currency));
        return doc.id();
    }

    /** Corrects a line of a draft; a new quantity or unit price makes its net quantity × unit price. */
    @Transactional
    public Invoice editLine(long invoiceId, long lineId, LineChange change, Actor actor) {
        Document doc = lockDraft(invoiceId, actor);
        InvoiceStore.StoredLine line = existingLine(invoiceId, lineId);
        String currency = store.header(invoiceId).orElseThrow().currency();
        String description = description(change.description());
        BigDecimal quantity = quantity(change.quantity());
        BigDecimal unitPrice = unitPrice(change.unitPrice());
        boolean repriced = quantity.compareTo(line.quantity()) != 0 || unitPrice.compareTo(line.unitPrice()) != 0;
        BigDecimal net = repriced ? net(quantity, unitPrice, currency) : InvoiceTotals.inMinorUnits(line.net(), currency);
        String prefix = "line " + line.position() + " ";
        List<FieldChange> changes = new FieldChange.Collector()
                .compare(prefix + "description", line.description(), description)
                .compare(prefix + "quantity", plain(line.quantity()), plain(quantity))
                .compare(prefix + "unit price", plain(line.unitPrice()), plain(unitPrice))
                .compare(prefix + "net", InvoiceTotals.inMinorUnits(line.net(), currency), net)
                .changes();
        if (changes.isEmpty()) {
            return invoice(doc);
        }
        store.updateLine(lineId, description, quantity, unitPrice, net);
        return recorded(invoiceId, changes, currency, actor);
    }

    /** Removes a line from a draft; the candidate it charged is billed by the next run. */
    @Transactional
    public Invoice removeLine(long invoiceId, long lineId, Actor actor) {
        lockDraft(invoiceId, actor);
        InvoiceStore.StoredLine line = existingLine(invoiceId, lineId);
        String currency = store.header(invoiceId).orElseThrow().currency();
        store.freeCandidates(List.of(lineId));
        store.deleteLine(lineId);
        return recorded(invoiceId, List.of(new FieldChange("line " + line.position(), describe(line, currency), null)),
                currency, actor);
    }

    /** Adds a line to a draft, after its last. */
    @Transactional
    public Invoice addLine(long invoiceId, NewLine line, Actor actor) {
        lockDraft(invoiceId, actor);
        String currency = store.header(invoiceId).orElseThrow().currency();
        String unit = line.unit() == null ? "" : line.unit().strip();
        if (unit.isEmpty() || unit.length() > MAX_UNIT) {
            throw new ValidationException("unit", "A unit (such as \"piece\" or \"hour\") of 1 to " + MAX_UNIT
                    + " characters is required.");
        }
        BigDecimal quantity = quantity(line.quantity());
        BigDecimal unitPrice = unitPrice(line.unitPrice());
        BigDecimal taxRate = taxRate(line.taxRate());
        int position = store.nextPosition(invoiceId);
        InvoiceStore.NewLine added = new InvoiceStore.NewLine(description(line.description()), null, null, null,
                quantity, unit, unitPrice, net(quantity, unitPrice, currency), taxRate);
        long lineId = store.insertLines(invoiceId, position, List.of(added)).get(0);
        return recorded(invoiceId, List.of(new FieldChange("line " + position, null,
                describe(store.line(invoiceId, lineId).orElseThrow(), currency))), currency, actor);
    }

    /**
     * Issues a draft, by its reference or number, through its workflow: finance only, and only a draft (an
     * invoice issued already is refused as the workflow refuses any action it does not allow now).
     */
    @Transactional
    public Invoice issue(String referenceOrNumber, Actor actor) {
        Invoice invoice = get(referenceOrNumber, actor);
        return invoice(engine.apply(invoice.id(), BillingWorkflows.ISSUE, actor, null));
    }

    /** Part of the issue: the dates, and the news for whoever waits for issued invoices. */
    @Transactional(propagation = Propagation.MANDATORY)
    void issued(long invoiceId, Actor actor) {
        InvoiceStore.Header invoice = store.header(invoiceId).orElseThrow();
        if (store.lines(invoiceId).isEmpty()) {
            throw new WorkflowException("An invoice without lines cannot be issued: add a line, or cancel it.");
        }
        LocalDate today = calendar.today();
        LocalDate due = today.plusDays(accounts.of(invoice.customerId()).paymentDays());
        store.setIssueDates(invoiceId, today, due);
        engine.recordObservation(invoiceId, List.of(new FieldChange("issued on", null, today.toString()),
                new FieldChange("due on", null, due.toString())), actor);
        events.publishEvent(new InvoiceIssued(invoiceId));
    }

    /** Part of the cancellation: what the draft charged is billed by the next run. */
    @Transactional(propagation = Propagation.MANDATORY)
    void cancelled(long invoiceId) {
        store.freeCandidates(store.lines(invoiceId).stream().filter(InvoiceStore.StoredLine::charged)
                .map(InvoiceStore.StoredLine::id).toList());
    }

    private Document draft(long customerId, String title, String currency, Long runId, BillingCalendar.Period period,
            Actor actor) {
        Document doc = engine.create(BillingWorkflows.INVOICE, title, customerId, actor);
        store.insertInvoice(doc.id(), customerId, runId, currency,
                period == null ? null : period.start().atOffset(ZoneOffset.UTC),
                period == null ? null : period.end().atOffset(ZoneOffset.UTC),
                accounts.of(customerId).paymentReference());
        return doc;
    }

    /** Locks the invoice and checks that this actor may edit it now: a draft, by finance. */
    private Document lockDraft(long invoiceId, Actor actor) {
        return engine.recordChanges(invoiceId, List.of(), actor);
    }

    private InvoiceStore.StoredLine existingLine(long invoiceId, long lineId) {
        return store.line(invoiceId, lineId).orElseThrow(() -> new ValidationException("line",
                "This invoice has no such line; it may have been removed meanwhile."));
    }

    private Invoice recorded(long invoiceId, List<FieldChange> changes, String currency, Actor actor) {
        store.writeTotals(invoiceId, InvoiceTotals.of(store.lines(invoiceId).stream()
                .map(l -> new InvoiceTotals.Taxed(l.net(), l.taxRate())).toList(), currency));
        return invoice(engine.recordChanges(invoiceId, changes, actor));
    }

    private Invoice invoice(Document doc) {
        Record r = select().where(DOCUMENT.ID.eq(doc.id())).fetchSingle();
        InvoiceStore.Header h = store.header(doc.id()).orElseThrow();
        String currency = h.currency();
        List<Line> lines = store.lines(doc.id()).stream().map(l -> new Line(l.id(), l.position(), l.description(),
                l.periodStart(), l.periodEnd(), l.quantity(), l.unit(), l.unitPrice(), l.taxRate(),
                InvoiceTotals.inMinorUnits(l.net(), currency), l.charged())).toList();
        List<Tax> taxes = store.taxes(doc.id(), currency).stream().map(t -> new Tax(t.taxRate(), t.net(), t.tax()))
                .toList();
        Row row = toRow(r);
        return new Invoice(doc.id(), doc.reference(), doc.number(), doc.title(), doc.state(), h.customerId(),
                row.customerReference(), row.customerName(), currency, row.periodFrom(), row.periodTo(), h.issuedOn(),
                h.dueOn(), h.paymentReference(), InvoiceTotals.inMinorUnits(h.net(), currency),
                InvoiceTotals.inMinorUnits(h.tax(), currency), InvoiceTotals.inMinorUnits(h.gross(), currency), lines,
                taxes);
    }

    private org.jooq.Condition visibleList(PageRequest page, Actor actor) {
        return DocumentQueries.visibleList(BillingWorkflows.INVOICE, actor, page, DOCUMENT.NUMBER, CUSTOMER.TITLE,
                CUSTOMER.REFERENCE);
    }

    private SelectOnConditionStep<Record> select() {
        return db.select(List.of(DOCUMENT.ID, DOCUMENT.REFERENCE, DOCUMENT.NUMBER, DOCUMENT.TITLE, DOCUMENT.STATE,
                        CUSTOMER.REFERENCE, CUSTOMER.TITLE, INVOICE.CURRENCY, INVOICE.PERIOD_START, INVOICE.PERIOD_END,
                        INVOICE.ISSUED_ON, INVOICE.DUE_ON, INVOICE.GROSS_TOTAL))
                .from(DOCUMENT)
                .join(INVOICE).on(INVOICE.ID.eq(DOCUMENT.ID))
                .join(CUSTOMER).on(CUSTOMER.ID.eq(INVOICE.CUSTOMER_ID));
    }

    private Row toRow(Record r) {
        OffsetDateTime start = r.get(INVOICE.PERIOD_START);
        OffsetDateTime end = r.get(INVOICE.PERIOD_END);
        String currency = r.get(INVOICE.CURRENCY);
        return new Row(r.get(DOCUMENT.ID), r.get(DOCUMENT.REFERENCE), r.get(DOCUMENT.NUMBER), r.get(DOCUMENT.TITLE),
                r.get(DOCUMENT.STATE), r.get(CUSTOMER.REFERENCE), r.get(CUSTOMER.TITLE), currency,
                start == null ? null : start.atZoneSameInstant(calendar.zone()).toLocalDate(),
                end == null ? null : end.atZoneSameInstant(calendar.zone()).toLocalDate().minusDays(1),
                r.get(INVOICE.ISSUED_ON), r.get(INVOICE.DUE_ON),
                InvoiceTotals.inMinorUnits(r.get(INVOICE.GROSS_TOTAL), currency));
    }

    /** A line as the timeline tells it: {@code Setup · 2 hour × 80 = 160.00 (tax 20.00 %)}. */
    private static String describe(InvoiceStore.StoredLine line, String currency) {
        return line.description() + " · " + plain(line.quantity()) + " " + line.unit() + " × " + plain(line.unitPrice())
                + " = " + InvoiceTotals.inMinorUnits(line.net(), currency) + " " + currency + " (tax " + line.taxRate()
                + " %)";
    }

    /** A quantity or price without the zeros its column pads it with: 2.500000 is 2.5, 10.000000 is 10. */
    static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    /** The net of a line typed by hand, refused when it is beyond what an invoice can hold. */
    private static BigDecimal net(BigDecimal quantity, BigDecimal unitPrice, String currency) {
        BigDecimal net = InvoiceTotals.lineNet(quantity, unitPrice, currency);
        if (net.precision() - net.scale() > MAX_NET_DIGITS) {
            throw new ValidationException("quantity", "Quantity × unit price is too large for one line.");
        }
        return net;
    }

    private static String description(String value) {
        String clean = value == null ? "" : value.strip();
        if (clean.isEmpty() || clean.length() > MAX_DESCRIPTION) {
            throw new ValidationException("description", "A description of 1 to " + MAX_DESCRIPTION
                    + " characters is required.");
        }
        return clean;
    }

    private static BigDecimal quantity(BigDecimal value) {
        if (value == null || value.signum() <= 0 || value.stripTrailingZeros().scale() > 6
                || value.precision() - value.scale() > 24) {
            throw new ValidationException("quantity", "A quantity is a number above zero with at most six decimals.");
        }
        return value;
    }

    private static BigDecimal unitPrice(BigDecimal value) {
        if (value == null || value.signum() < 0 || value.stripTrailingZeros().scale() > 6
                || value.precision() - value.scale() > 14) {
            throw new ValidationException("unitPrice",
                    "A unit price is a number of zero or more with at most six decimals.");
        }
        return value;
    }

    private static BigDecimal taxRate(BigDecimal value) {
        if (value == null || value.signum() < 0 || value.compareTo(BigDecimal.valueOf(100)) >= 0
                || value.stripTrailingZeros().scale() > 2) {
            throw new ValidationException("taxRate", "A tax rate is a percentage from 0 to less than 100, such as 20 "
                    + "or 5.5.");
        }
        return value;
    }
}

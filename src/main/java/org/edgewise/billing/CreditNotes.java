package org.edgewise.billing;

import static org.edgewise.jooq.Tables.CREDIT_NOTE;
import static org.edgewise.jooq.Tables.DOCUMENT;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.edgewise.access.Actor;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.DocumentNotFoundException;
import org.edgewise.document.DocumentQueries;
import org.edgewise.document.PageRequest;
import org.edgewise.document.ValidationException;
import org.edgewise.document.WorkflowException;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Credit notes reverse an issued (or paid) invoice, in whole or line by line, never more of a line than is
 * still uncredited. They are rounded like invoices ({@link InvoiceTotals}); when the issued notes of an issued
 * invoice net it to zero, the invoice is credited.
 */
@Service
public class CreditNotes {

    /** A line of an invoice with what is left to credit of it (by credit notes that are not cancelled). */
    public record Creditable(long lineId, int position, String description, String unit, BigDecimal unitPrice,
            BigDecimal taxRate, BigDecimal quantity, BigDecimal net, BigDecimal uncreditedQuantity,
            BigDecimal uncreditedNet) { }

    /** How much of an invoice line to credit. */
    public record Credit(long lineId, BigDecimal quantity) { }

    public record Row(long id, String reference, String number, String title, String state, String invoiceReference,
            String invoiceNumber, String customerReference, String customerName, String currency, LocalDate issuedOn,
            BigDecimal gross) { }

    public record Line(int position, String description, BigDecimal quantity, String unit, BigDecimal unitPrice,
            BigDecimal taxRate, BigDecimal net) { }

    public record CreditNote(long id, String reference, String number, String title, String state, String reason,
            String invoiceReference, String invoiceNumber, String customerReference, String customerName,
            String currency, LocalDate issuedOn, BigDecimal net, BigDecimal tax, BigDecimal gross, List<Line> lines,
            List<Invoices.Tax> taxes) { }

    private static final List<String> NOT_CANCELLED = List.of(BillingWorkflows.DRAFT, BillingWorkflows.ISSUED);
    private static final List<String> ISSUED = List.of(BillingWorkflows.ISSUED);
    private static final List<String> CREDITABLE_STATES = List.of(BillingWorkflows.ISSUED, BillingWorkflows.PAID);
    private static final int MAX_REASON = 1_000;

    private static final org.edgewise.jooq.tables.Document INVOICE_DOC = DOCUMENT.as("invoice_doc");
    private static final org.edgewise.jooq.tables.Document CUSTOMER = DOCUMENT.as("customer_doc");
    private static final Map<String, Field<?>> SORT = Map.of("reference", DOCUMENT.ID, "number", DOCUMENT.NUMBER,
            "state", DOCUMENT.STATE, "invoice", INVOICE_DOC.NUMBER, "customer", CUSTOMER.TITLE, "issuedOn",
            CREDIT_NOTE.ISSUED_ON, "gross", CREDIT_NOTE.GROSS_TOTAL);

    private final DSLContext db;
    private final DocumentEngine engine;
    private final CreditNoteStore store;
    private final InvoiceStore invoices;
    private final BillingCalendar calendar;

    CreditNotes(DSLContext db, DocumentEngine engine, CreditNoteStore store, InvoiceStore invoices,
            BillingCalendar calendar) {
        this.db = db;
        this.engine = engine;
        this.store = store;
        this.invoices = invoices;
        this.calendar = calendar;
    }

    /** The lines of an invoice with what is left to credit of each. */
    @Transactional(readOnly = true)
    public List<Creditable> creditable(long invoiceId, Actor actor) {
        engine.get(invoiceId, actor);
        return creditable(invoiceId);
    }

    /**
     * A draft credit note of the invoice: for each credit, that quantity of the line; with no credit given, all
     * that is still uncredited of every line. A line credited in full is credited its whole remaining net; a part
     * of a line is credited quantity × unit price, rounded, and never more than its remaining net.
     */
    @Transactional
    public Document create(long invoiceId, List<Credit> credits, String reason, Actor actor) {
        Document invoice = engine.get(invoiceId, actor);
        if (!invoice.docType().equals(BillingWorkflows.INVOICE)) {
            throw new DocumentNotFoundException("#" + invoiceId);
        }
        engine.requireMayCreate(BillingWorkflows.CREDIT_NOTE, invoice.ownerId(), actor);
        if (!CREDITABLE_STATES.contains(invoice.state())) {
            throw new WorkflowException("Only an issued or paid invoice can be credited; " + invoice.reference()
                    + " is " + invoice.state() + ".");
        }
        String cleanReason = reason == null || reason.isBlank() ? null : reason.strip();
        if (cleanReason != null && cleanReason.length() > MAX_REASON) {
            throw new ValidationException("reason", "A reason can have at most " + MAX_REASON + " characters.");
        }
        invoices.lock(invoiceId);
        Map<Long, Creditable> lines = new LinkedHashMap<>();
        creditable(invoiceId).forEach(l -> lines.put(l.lineId(), l));
        Map<Long, BigDecimal> wanted = new LinkedHashMap<>();
        if (credits == null || credits.isEmpty()) {
            lines.values().stream().filter(l -> l.uncreditedQuantity().signum() > 0)
                    .forEach(l -> wanted.put(l.lineId(), l.uncreditedQuantity()));
        } else {
            for (Credit credit : credits) {
                Creditable line = lines.get(credit.lineId());
                if (line == null) {
                    throw new ValidationException("lines", "Line #" + credit.lineId() + " is not a line of "
                            + invoice.number() + ".");
                }
                BigDecimal quantity = credit.quantity();
                if (quantity == null || quantity.signum() < 0 || quantity.stripTrailingZeros().scale() > 6) {
                    throw new ValidationException("quantity", "A quantity to credit is zero or more, with at most six "
                            + "decimals.");
                }
                if (quantity.compareTo(line.uncreditedQuantity()) > 0) {
                    throw new ValidationException("quantity", "Line " + line.position() + " has "
                            + Invoices.plain(line.uncreditedQuantity()) + " " + line.unit() + " left to credit, not "
                            + Invoices.plain(quantity) + ".");
                }
                if (quantity.signum() > 0 && wanted.put(line.lineId(), quantity) != null) {
                    throw new ValidationException("lines", "Line " + line.position() + " is credited twice.");
                }
            }
        }
        if (wanted.isEmpty()) {
            throw new ValidationException("lines", "Nothing is left to credit on " + invoice.number() + ".");
        }
        InvoiceStore.Header header = invoices.header(invoiceId).orElseThrow();
        Document note = engine.create(BillingWorkflows.CREDIT_NOTE, "Credit note for " + invoice.number(),
                invoice.ownerId(), actor);
        store.insert(note.id(), invoiceId, header.customerId(), header.currency(), cleanReason);
        List<CreditNoteStore.NoteLine> noteLines = new ArrayList<>();
        int position = 1;
        for (Map.Entry<Long, BigDecimal> credit : wanted.entrySet()) {
            Creditable line = lines.get(credit.getKey());
            BigDecimal quantity = credit.getValue();
            BigDecimal net = quantity.compareTo(line.uncreditedQuantity()) == 0 ? line.uncreditedNet()
                    : InvoiceTotals.lineNet(quantity, line.unitPrice(), header.currency()).min(line.uncreditedNet());
            noteLines.add(new CreditNoteStore.NoteLine(line.lineId(), position++, line.description(), quantity,
                    line.unit(), line.unitPrice(), net, line.taxRate()));
        }
        store.insertLines(note.id(), noteLines);
        store.writeTotals(note.id(), totals(invoiceId, note.id(), header.currency(), noteLines));
        return note;
    }

    /** The credit notes of an invoice this actor may see, oldest first. */
    @Transactional(readOnly = true)
    public List<Row> ofInvoice(long invoiceId, Actor actor) {
        engine.requireMayRead(BillingWorkflows.CREDIT_NOTE, actor);
        return select().where(CREDIT_NOTE.INVOICE_ID.eq(invoiceId).and(DocumentQueries.visibleTo(actor)))
                .orderBy(DOCUMENT.ID).fetch(this::toRow);
    }

    @Transactional(readOnly = true)
    public List<Row> page(PageRequest page, Actor actor) {
        engine.requireMayRead(BillingWorkflows.CREDIT_NOTE, actor);
        return select().where(visibleList(page, actor))
                .orderBy(page.sortFields(SORT, DOCUMENT.ID.desc()))
                .offset(page.offset()).limit(page.limit())
                .fetch(this::toRow);
    }

    @Transactional(readOnly = true)
    public int count(PageRequest page, Actor actor) {
        engine.requireMayRead(BillingWorkflows.CREDIT_NOTE, actor);
        return db.fetchCount(select().where(visibleList(page, actor)));
    }

    /** A credit note this actor may see, by its draft reference ({@code CND-000007}) or its number once issued. */
    @Transactional(readOnly = true)
    public CreditNote get(String referenceOrNumber, Actor actor) {
        engine.requireMayRead(BillingWorkflows.CREDIT_NOTE, actor);
        Long byNumber = db.select(DOCUMENT.ID).from(DOCUMENT)
                .where(DOCUMENT.DOC_TYPE.eq(BillingWorkflows.CREDIT_NOTE).and(DOCUMENT.NUMBER.eq(referenceOrNumber)))
                .fetchOne(DOCUMENT.ID);
        Document doc;
        try {
            doc = byNumber != null ? engine.get(byNumber, actor) : engine.get(referenceOrNumber, actor);
        } catch (DocumentNotFoundException e) {
            // the same answer as for a number that does not exist, so that nobody learns which ones do
            throw new DocumentNotFoundException(referenceOrNumber);
        }
        if (!doc.docType().equals(BillingWorkflows.CREDIT_NOTE)) {
            throw new DocumentNotFoundException(referenceOrNumber);
        }
        Row row = select().where(DOCUMENT.ID.eq(doc.id())).fetchSingle(this::toRow);
        CreditNoteStore.Header h = store.header(doc.id()).orElseThrow();
        String currency = h.currency();
        return new CreditNote(doc.id(), doc.reference(), doc.number(), doc.title(), doc.state(), h.reason(),
                row.invoiceReference(), row.invoiceNumber(), row.customerReference(), row.customerName(), currency,
                h.issuedOn(), InvoiceTotals.inMinorUnits(h.net(), currency), InvoiceTotals.inMinorUnits(h.tax(), currency),
                row.gross(), store.lines(doc.id()).stream().map(l -> new Line(l.position(), l.description(),
                        l.quantity(), l.unit(), l.unitPrice(), l.taxRate(), InvoiceTotals.inMinorUnits(l.net(), currency)))
                        .toList(),
                store.taxes(doc.id(), currency).stream().map(t -> new Invoices.Tax(t.taxRate(), t.net(), t.tax()))
                        .toList());
    }

    /**
     * Part of the issue, with the invoice locked so that its notes are issued one at a time: refuses a note that
     * would credit a line beyond what was invoiced (other notes were issued since it was drafted), settles its
     * totals against the notes issued before it, and credits an issued invoice that its notes now net to zero.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void issued(long creditNoteId) {
        CreditNoteStore.Header note = store.header(creditNoteId).orElseThrow();
        long invoiceId = note.invoiceId();
        invoices.lock(invoiceId);
        Document invoice = engine.get(invoiceId, Actor.system());
        if (!CREDITABLE_STATES.contains(invoice.state())) {
            throw new WorkflowException(invoice.number() + " is " + invoice.state() + " and can no longer be credited.");
        }
        List<CreditNoteStore.NoteLine> lines = store.lines(creditNoteId);
        Map<Long, CreditNoteStore.Credited> before = store.credited(invoiceId, ISSUED, creditNoteId);
        Map<Long, InvoiceStore.StoredLine> invoiceLines = new HashMap<>();
        invoices.lines(invoiceId).forEach(l -> invoiceLines.put(l.id(), l));
        for (CreditNoteStore.NoteLine line : lines) {
            InvoiceStore.StoredLine invoiced = invoiceLines.get(line.invoiceLineId());
            BigDecimal credited = before.getOrDefault(line.invoiceLineId(), CreditNoteStore.Credited.NOTHING).quantity();
            if (credited.add(line.quantity()).compareTo(invoiced.quantity()) > 0) {
                throw new WorkflowException("Line " + invoiced.position() + " of " + invoice.number() + " was credited "
                        + Invoices.plain(credited) + " of " + Invoices.plain(invoiced.quantity()) + " " + invoiced.unit()
                        + " since this note was drafted: it cannot be credited " + Invoices.plain(line.quantity())
                        + " more. Cancel this note and credit what is left.");
            }
        }
        InvoiceTotals.Totals totals = totals(invoiceId, creditNoteId, note.currency(), lines);
        store.writeTotals(creditNoteId, totals);
        store.setIssuedOn(creditNoteId, calendar.today());
        InvoiceStore.Header header = invoices.header(invoiceId).orElseThrow();
        BigDecimal credited = store.grossCredited(invoiceId, ISSUED, creditNoteId).add(totals.gross());
        if (invoice.state().equals(BillingWorkflows.ISSUED) && credited.compareTo(header.gross()) == 0) {
            String number = db.select(DOCUMENT.NUMBER).from(DOCUMENT).where(DOCUMENT.ID.eq(creditNoteId))
                    .fetchSingle(DOCUMENT.NUMBER);
            engine.apply(invoiceId, BillingWorkflows.CREDIT, Actor.system(), "Netted to zero by " + number + ".");
        }
    }

    private List<Creditable> creditable(long invoiceId) {
        String currency = invoices.header(invoiceId).orElseThrow().currency();
        Map<Long, CreditNoteStore.Credited> credited = store.credited(invoiceId, NOT_CANCELLED, 0);
        return invoices.lines(invoiceId).stream().map(l -> {
            CreditNoteStore.Credited c = credited.getOrDefault(l.id(), CreditNoteStore.Credited.NOTHING);
            return new Creditable(l.id(), l.position(), l.description(), l.unit(), l.unitPrice(), l.taxRate(),
                    l.quantity(), InvoiceTotals.inMinorUnits(l.net(), currency), l.quantity().subtract(c.quantity()),
                    InvoiceTotals.inMinorUnits(l.net().subtract(c.net()), currency));
        }).toList();
    }

    /** The note's totals, counting the notes issued before it (see {@link InvoiceTotals#credit}). */
    private InvoiceTotals.Totals totals(long invoiceId, long creditNoteId, String currency,
            List<CreditNoteStore.NoteLine> lines) {
        Map<Long, CreditNoteStore.Credited> before = store.credited(invoiceId, ISSUED, creditNoteId);
        Map<Long, BigDecimal> now = new HashMap<>();
        lines.forEach(l -> now.merge(l.invoiceLineId(), l.quantity(), BigDecimal::add));
        Map<BigDecimal, Boolean> completes = new HashMap<>();
        for (InvoiceStore.StoredLine line : invoices.lines(invoiceId)) {
            BigDecimal credited = before.getOrDefault(line.id(), CreditNoteStore.Credited.NOTHING).quantity()
                    .add(now.getOrDefault(line.id(), BigDecimal.ZERO));
            completes.merge(line.taxRate(), credited.compareTo(line.quantity()) == 0, Boolean::logicalAnd);
        }
        Set<BigDecimal> touched = lines.stream().map(CreditNoteStore.NoteLine::taxRate).collect(Collectors.toSet());
        Map<BigDecimal, BigDecimal> invoiceTax = new HashMap<>();
        invoices.taxes(invoiceId, currency).forEach(t -> invoiceTax.put(t.taxRate(), t.tax()));
        Map<BigDecimal, BigDecimal> taken = store.taxTaken(invoiceId, ISSUED, creditNoteId);
        Map<BigDecimal, BigDecimal> taxLeft = new HashMap<>();
        for (BigDecimal rate : touched) {
            if (completes.getOrDefault(rate, false)) {
                taxLeft.put(rate, invoiceTax.getOrDefault(rate, BigDecimal.ZERO)
                        .subtract(taken.getOrDefault(rate, BigDecimal.ZERO)));
            }
        }
        return InvoiceTotals.credit(lines.stream().map(l -> new InvoiceTotals.Taxed(l.net(), l.taxRate())).toList(),
                currency, taxLeft);
    }

    private Condition visibleList(PageRequest page, Actor actor) {
        return DocumentQueries.visibleList(BillingWorkflows.CREDIT_NOTE, actor, page, DOCUMENT.NUMBER,
                INVOICE_DOC.NUMBER, CUSTOMER.TITLE);
    }

    private SelectOnConditionStep<Record> select() {
        return db.select(List.of(DOCUMENT.ID, DOCUMENT.REFERENCE, DOCUMENT.NUMBER, DOCUMENT.TITLE, DOCUMENT.STATE,
                        INVOICE_DOC.REFERENCE, INVOICE_DOC.NUMBER, CUSTOMER.REFERENCE, CUSTOMER.TITLE,
                        CREDIT_NOTE.CURRENCY, CREDIT_NOTE.ISSUED_ON, CREDIT_NOTE.GROSS_TOTAL))
                .from(DOCUMENT)
                .join(CREDIT_NOTE).on(CREDIT_NOTE.ID.eq(DOCUMENT.ID))
                .join(INVOICE_DOC).on(INVOICE_DOC.ID.eq(CREDIT_NOTE.INVOICE_ID))
                .join(CUSTOMER).on(CUSTOMER.ID.eq(CREDIT_NOTE.CUSTOMER_ID));
    }

    private Row toRow(Record r) {
        String currency = r.get(CREDIT_NOTE.CURRENCY);
        return new Row(r.get(DOCUMENT.ID), r.get(DOCUMENT.REFERENCE), r.get(DOCUMENT.NUMBER), r.get(DOCUMENT.TITLE),
                r.get(DOCUMENT.STATE), r.get(INVOICE_DOC.REFERENCE), r.get(INVOICE_DOC.NUMBER), r.get(CUSTOMER.REFERENCE),
                r.get(CUSTOMER.TITLE), currency, r.get(CREDIT_NOTE.ISSUED_ON),
                InvoiceTotals.inMinorUnits(r.get(CREDIT_NOTE.GROSS_TOTAL), currency));
    }
}

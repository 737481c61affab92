package org.edgewise.billing;

import static org.edgewise.jooq.Tables.CREDIT_NOTE;
import static org.edgewise.jooq.Tables.CREDIT_NOTE_LINE;
import static org.edgewise.jooq.Tables.CREDIT_NOTE_TAX;
import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.INVOICE;
import static org.edgewise.jooq.Tables.INVOICE_LINE;
import static org.edgewise.jooq.Tables.INVOICE_TAX;
import static org.edgewise.jooq.Tables.ORGANISATION;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;

import org.edgewise.access.Actor;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.DocumentNotFoundException;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads an invoice or a credit note as it is printed, for a person allowed to read it: the same check as
 * every other view of the document, so a customer gets their own and nobody else's.
 */
@Service
public class PrintedDocuments {

    private final DSLContext db;
    private final DocumentEngine engine;
    private final ZoneId zone;

    PrintedDocuments(DSLContext db, DocumentEngine engine, @Value("${edgewise.billing.zone}") ZoneId zone) {
        this.db = db;
        this.engine = engine;
        this.zone = zone;
    }

    /**
     * The invoice ({@code docType} "invoice") or credit note ("credit_note") with this reference or legal
     * number, as the actor may see it.
     */
    @Transactional(readOnly = true)
    public PrintedDocument find(String docType, String referenceOrNumber, Actor actor) {
        engine.requireMayRead(docType, actor);
        Long id = db.select(DOCUMENT.ID).from(DOCUMENT)
                .where(DOCUMENT.DOC_TYPE.eq(docType))
                .and(DOCUMENT.REFERENCE.eq(referenceOrNumber).or(DOCUMENT.NUMBER.eq(referenceOrNumber)))
                .fetchOne(DOCUMENT.ID);
        if (id == null) {
            throw new DocumentNotFoundException(referenceOrNumber);
        }
        Document doc;
        try {
            doc = engine.get(id, actor);
        } catch (DocumentNotFoundException hidden) {
            // answered exactly as a number that does not exist
            throw new DocumentNotFoundException(referenceOrNumber);
        }
        return "invoice".equals(doc.docType()) ? invoice(doc) : creditNote(doc);
    }

    private PrintedDocument invoice(Document doc) {
        Record inv = db.select().from(INVOICE).where(INVOICE.ID.eq(doc.id())).fetchSingle();
        Currency currency = Currency.getInstance(inv.get(INVOICE.CURRENCY));
        List<PrintedDocument.Line> lines = db.selectFrom(INVOICE_LINE).where(INVOICE_LINE.INVOICE_ID.eq(doc.id()))
                .orderBy(INVOICE_LINE.POSITION)
                .fetch(l -> new PrintedDocument.Line(l.getDescription(), l.getQuantity(), l.getUnit(), l.getUnitPrice(),
                        l.getTaxRate(), minor(l.getNetAmount(), currency)));
        List<PrintedDocument.Tax> taxes = db.selectFrom(INVOICE_TAX).where(INVOICE_TAX.INVOICE_ID.eq(doc.id()))
                .orderBy(INVOICE_TAX.TAX_RATE)
                .fetch(t -> new PrintedDocument.Tax(t.getTaxRate(), minor(t.getNetAmount(), currency),
                        minor(t.getTaxAmount(), currency)));
        return new PrintedDocument("Invoice", doc.number(), doc.reference(), null, inv.get(INVOICE.ISSUED_ON),
                inv.get(INVOICE.DUE_ON), day(inv.get(INVOICE.PERIOD_START), false), day(inv.get(INVOICE.PERIOD_END), true),
                customer(inv.get(INVOICE.CUSTOMER_ID)), lines, taxes, minor(inv.get(INVOICE.NET_TOTAL), currency),
                minor(inv.get(INVOICE.TAX_TOTAL), currency), minor(inv.get(INVOICE.GROSS_TOTAL), currency), currency,
                inv.get(INVOICE.PAYMENT_REFERENCE));
    }

    private PrintedDocument creditNote(Document doc) {
        Record note = db.select().from(CREDIT_NOTE).where(CREDIT_NOTE.ID.eq(doc.id())).fetchSingle();
        Currency currency = Currency.getInstance(note.get(CREDIT_NOTE.CURRENCY));
        String invoiceNumber = db.select(DOCUMENT.NUMBER, DOCUMENT.REFERENCE).from(DOCUMENT)
                .where(DOCUMENT.ID.eq(note.get(CREDIT_NOTE.INVOICE_ID)))
                .fetchOne(r -> r.value1() != null ? r.value1() : r.value2());
        List<PrintedDocument.Line> lines = db.selectFrom(CREDIT_NOTE_LINE)
                .where(CREDIT_NOTE_LINE.CREDIT_NOTE_ID.eq(doc.id())).orderBy(CREDIT_NOTE_LINE.POSITION)
                .fetch(l -> new PrintedDocument.Line(l.getDescription(), l.getQuantity(), l.getUnit(), l.getUnitPrice(),
                        l.getTaxRate(), minor(l.getNetAmount(), currency)));
        List<PrintedDocument.Tax> taxes = db.selectFrom(CREDIT_NOTE_TAX)
                .where(CREDIT_NOTE_TAX.CREDIT_NOTE_ID.eq(doc.id())).orderBy(CREDIT_NOTE_TAX.TAX_RATE)
                .fetch(t -> new PrintedDocument.Tax(t.getTaxRate(), minor(t.getNetAmount(), currency),
                        minor(t.getTaxAmount(), currency)));
        String paymentReference = db.select(INVOICE.PAYMENT_REFERENCE).from(INVOICE)
                .where(INVOICE.ID.eq(note.get(CREDIT_NOTE.INVOICE_ID))).fetchOne(INVOICE.PAYMENT_REFERENCE);
        return new PrintedDocument("Credit note", doc.number(), doc.reference(), invoiceNumber,
                note.get(CREDIT_NOTE.ISSUED_ON), null, null, null, customer(note.get(CREDIT_NOTE.CUSTOMER_ID)), lines,
                taxes, minor(note.get(CREDIT_NOTE.NET_TOTAL), currency), minor(note.get(CREDIT_NOTE.TAX_TOTAL), currency),
                minor(note.get(CREDIT_NOTE.GROSS_TOTAL), currency), currency, paymentReference);
    }

    private PrintedDocument.Party customer(long customerId) {
        return db.select(DOCUMENT.TITLE, ORGANISATION.ADDRESS, ORGANISATION.VAT_NUMBER, ORGANISATION.EMAIL)
                .from(ORGANISATION).join(DOCUMENT).on(DOCUMENT.ID.eq(ORGANISATION.ID))
                .where(ORGANISATION.ID.eq(customerId))
                .fetchSingle(r -> new PrintedDocument.Party(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /** Stored with four decimals, printed with the currency's own. */
    private static BigDecimal minor(BigDecimal amount, Currency currency) {
        return amount.setScale(Math.max(currency.getDefaultFractionDigits(), 0), RoundingMode.HALF_UP);
    }

    /** A period's bounds as days of the billing zone; its end is exclusive, so the last day is the one before. */
    private LocalDate day(OffsetDateTime instant, boolean end) {
        if (instant == null) {
            return null;
        }
        LocalDate day = instant.atZoneSameInstant(zone).toLocalDate();
        return end ? day.minusDays(1) : day;
    }
}

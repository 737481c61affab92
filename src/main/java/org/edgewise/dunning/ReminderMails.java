package org.edgewise.dunning;

import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.REMINDER;

import java.util.Set;

import org.edgewise.access.Actor;
import org.edgewise.billing.InvoicePdf;
import org.edgewise.billing.PrintedDocument;
import org.edgewise.billing.PrintedDocuments;
import org.edgewise.document.DocumentNotFoundException;
import org.edgewise.mail.Attachments;
import org.edgewise.mail.Outbox;
import org.edgewise.payment.InvoiceStates;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** A reminder's mail carries the unpaid invoice, printed as it is when the mail is sent. */
@Component
class ReminderMails implements Attachments {

    private static final org.edgewise.jooq.tables.Document INVOICE_DOCUMENT = DOCUMENT.as("invoice_document");

    private final DSLContext db;
    private final PrintedDocuments printed;
    private final InvoicePdf pdf;

    ReminderMails(DSLContext db, PrintedDocuments printed, InvoicePdf pdf) {
        this.db = db;
        this.printed = printed;
        this.pdf = pdf;
    }

    @Override
    public Set<String> kinds() {
        return Set.of(Outbox.REMINDER);
    }

    @Override
    public File render(String kind, String reminderReference) {
        String invoice = db.select(INVOICE_DOCUMENT.REFERENCE).from(REMINDER)
                .join(DOCUMENT).on(DOCUMENT.ID.eq(REMINDER.ID))
                .join(INVOICE_DOCUMENT).on(INVOICE_DOCUMENT.ID.eq(REMINDER.INVOICE_ID))
                .where(DOCUMENT.REFERENCE.eq(reminderReference)).fetchOne(INVOICE_DOCUMENT.REFERENCE);
        if (invoice == null) {
            throw new DocumentNotFoundException(reminderReference);
        }
        PrintedDocument doc = printed.find(InvoiceStates.INVOICE, invoice, Actor.system());
        return new File(InvoicePdf.fileName(doc), "application/pdf", pdf.render(doc));
    }
}

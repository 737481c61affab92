package org.edgewise.billing;

import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.INVOICE;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.edgewise.access.Actor;
import org.edgewise.document.DocumentEngine;
import org.edgewise.mail.Attachments;
import org.edgewise.mail.Outbox;
import org.edgewise.party.Organisations;
import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Sends each issued invoice to its customer, with the invoice as a PDF, queued in the issuing transaction:
 * to the organisation's e-mail address, or else to its people's. A customer without any address gets no
 * mail, and the invoice's timeline says so, as it says where the invoice went. Prints invoices and credit
 * notes for the outbox when their mails are sent.
 */
@Component
class InvoiceMails implements Attachments {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private final DSLContext db;
    private final PrintedDocuments printed;
    private final InvoicePdf pdf;
    private final Outbox outbox;
    private final Organisations organisations;
    private final DocumentEngine engine;
    private final String company;

    InvoiceMails(DSLContext db, PrintedDocuments printed, InvoicePdf pdf, Outbox outbox, Organisations organisations,
            DocumentEngine engine, @Value("${edgewise.company.name}") String company) {
        this.db = db;
        this.printed = printed;
        this.pdf = pdf;
        this.outbox = outbox;
        this.organisations = organisations;
        this.engine = engine;
        this.company = company;
    }

    /** Runs inside the issuing transaction, so that the mail leaves only with an invoice that was issued. */
    @EventListener
    void issued(InvoiceIssued issued) {
        var invoice = db.select(DOCUMENT.REFERENCE, INVOICE.CUSTOMER_ID).from(DOCUMENT).join(INVOICE)
                .on(INVOICE.ID.eq(DOCUMENT.ID)).where(DOCUMENT.ID.eq(issued.invoiceId())).fetchSingle();
        PrintedDocument doc = printed.find(BillingWorkflows.INVOICE, invoice.value1(), Actor.system());
        List<String> recipients = organisations.mailRecipients(invoice.value2());
        if (recipients.isEmpty()) {
            engine.comment(issued.invoiceId(), "Not sent by e-mail: " + doc.customer().name()
                    + " has no e-mail address, nor have its people.", Actor.system());
            return;
        }
        String text = "Hello,\n\n" + "please find attached invoice " + doc.number() + " from " + company + " of "
                + InvoicePdf.money(doc.grossTotal(), doc) + ", due on " + DAY.format(doc.dueOn())
                + ". Please pay it by bank transfer with the reference " + doc.paymentReference()
                + "; the account to pay to is written on the invoice.\n\n" + company + "\n";
        for (String recipient : recipients) {
            outbox.queue(new Outbox.Mail(recipient, "Invoice " + doc.number() + " from " + company, text,
                    Outbox.INVOICE, doc.number()));
        }
        engine.comment(issued.invoiceId(), "Sent by e-mail to " + String.join(", ", recipients) + ".", Actor.system());
    }

    @Override
    public Set<String> kinds() {
        return Set.of(Outbox.INVOICE, Outbox.CREDIT_NOTE);
    }

    @Override
    public File render(String kind, String reference) {
        PrintedDocument doc = printed.find(kind, reference, Actor.system());
        return new File(InvoicePdf.fileName(doc), "application/pdf", pdf.render(doc));
    }
}

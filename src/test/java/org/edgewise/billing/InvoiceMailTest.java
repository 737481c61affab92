package org.edgewise.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.edgewise.billing.BillingFixtures.BILLING;
import static org.edgewise.jooq.Tables.MAIL_OUTBOX;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.edgewise.MasterTest;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.TimelineEntry;
import org.edgewise.party.Organisations;
import org.edgewise.party.Persons;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/** An issued invoice goes to its customer by e-mail, printed as a PDF when the mail is sent. */
class InvoiceMailTest extends MasterTest {

    @Autowired
    Invoices invoices;
    @Autowired
    Organisations organisations;
    @Autowired
    Persons persons;
    @Autowired
    DocumentEngine engine;
    @Autowired
    DSLContext db;

    @Test
    void anIssuedInvoiceIsMailedToTheCustomerWithItsPdf() throws Exception {
        String domain = domain();
        long customer = organisations.create(new Organisations.Details(unique("Mailed customer"), "billing@" + domain,
                null, null), admin()).id();

        Invoices.Invoice issued = issue(customer);

        MimeMessage mail = await().atMost(Duration.ofSeconds(60))
                .until(() -> MAIL_SERVER.getReceivedMessagesForDomain(domain), m -> m.length == 1)[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("billing@" + domain);
        assertThat(mail.getSubject()).isEqualTo("Invoice " + issued.number() + " from Edgewise Local Cloud");
        Multipart parts = (Multipart) mail.getContent();
        assertThat(parts.getBodyPart(0).getContent().toString()).contains(issued.number(), "192.79 EUR",
                issued.paymentReference());
        BodyPart pdf = parts.getBodyPart(1);
        assertThat(pdf.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(pdf.getFileName()).isEqualTo(issued.number() + ".pdf");
        assertThat(pdf.getContentType()).startsWith("application/pdf");
        try (InputStream in = pdf.getInputStream(); PDDocument doc = Loader.loadPDF(in.readAllBytes())) {
            assertThat(new PDFTextStripper().getText(doc)).contains(issued.number(), "Total due", "192.79 EUR");
        }
        assertThat(comments(issued.id())).contains("Sent by e-mail to billing@" + domain + ".");
    }

    @Test
    void withoutItsOwnAddressTheInvoiceGoesToTheCustomersPeople() {
        String domain = domain();
        long customer = organisations.create(new Organisations.Details(unique("Customer of people"), null, null, null),
                admin()).id();
        persons.create(new Persons.Details("Pia", "pia@" + domain, null, customer), admin());
        persons.create(new Persons.Details("Paul", "paul@" + domain, null, customer), admin());

        issue(customer);

        await().atMost(Duration.ofSeconds(60))
                .until(() -> MAIL_SERVER.getReceivedMessagesForDomain(domain), m -> m.length == 2);
    }

    @Test
    void aCustomerWithoutAnyAddressGetsNoMailAndTheTimelineSaysSo() {
        long customer = organisations.create(new Organisations.Details(unique("Silent customer"), null, null, null),
                admin()).id();

        Invoices.Invoice issued = issue(customer);

        assertThat(db.fetchCount(MAIL_OUTBOX, MAIL_OUTBOX.ATTACHMENT_REFERENCE.eq(issued.number()))).isZero();
        assertThat(comments(issued.id())).anySatisfy(c -> assertThat(c).startsWith("Not sent by e-mail"));
    }

    private Invoices.Invoice issue(long customer) {
        Document draft = invoices.createDraft(customer, "Installation", "EUR", BILLING);
        invoices.addLine(draft.id(), new Invoices.NewLine("Setup", new BigDecimal("2"), "hour", new BigDecimal("80"),
                new BigDecimal("20")), BILLING);
        invoices.addLine(draft.id(), new Invoices.NewLine("Cable", BigDecimal.ONE, "piece", new BigDecimal("0.79"),
                BigDecimal.ZERO), BILLING);
        return invoices.issue(draft.reference(), BILLING);
    }

    private java.util.List<String> comments(long documentId) {
        return engine.timeline(engine.get(documentId, BILLING), BILLING).stream().map(TimelineEntry::comment)
                .filter(java.util.Objects::nonNull).toList();
    }

    private static String domain() {
        return "i" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    }
}

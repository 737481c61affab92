package org.edgewise.dunning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.edgewise.jooq.Tables.ORGANISATION;

import java.io.InputStream;
import java.time.Duration;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.edgewise.MasterTest;
import org.edgewise.payment.PaymentFixtures;
import org.edgewise.payment.PaymentFixtures.Invoice;
import org.edgewise.payment.Receivables;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

/** A reminder reaches the customer by e-mail with the unpaid invoice attached as a PDF. */
class DunningMailTest extends MasterTest {

    @Autowired
    DunningRun run;
    @Autowired
    PaymentFixtures billing;
    @Autowired
    Receivables receivables;
    @Autowired
    DSLContext db;

    @Test
    void anOverdueInvoiceIsRemindedByMailWithTheInvoiceAttached() throws Exception {
        String domain = "d" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        long customer = billing.customer(PaymentFixtures.uniqueReference());
        db.update(ORGANISATION).set(ORGANISATION.EMAIL, "accounts@" + domain).where(ORGANISATION.ID.eq(customer))
                .execute();
        Invoice invoice = billing.issuedInvoice(customer, "EUR", "64.00", receivables.today().minusDays(1));

        run.runOnce();

        MimeMessage mail = await().atMost(Duration.ofSeconds(60))
                .until(() -> MAIL_SERVER.getReceivedMessagesForDomain(domain), m -> m.length == 1)[0];
        assertThat(mail.getSubject()).isEqualTo("Reminder: invoice " + invoice.number() + " is overdue");
        Multipart parts = (Multipart) mail.getContent();
        assertThat(parts.getBodyPart(0).getContent().toString()).contains(invoice.number() + " (64.00 EUR still due)");
        BodyPart pdf = parts.getBodyPart(1);
        assertThat(pdf.getFileName()).isEqualTo(invoice.number() + ".pdf");
        try (InputStream in = pdf.getInputStream(); PDDocument doc = Loader.loadPDF(in.readAllBytes())) {
            assertThat(new PDFTextStripper().getText(doc)).contains(invoice.number());
        }
    }
}

package org.edgewise.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.edgewise.jooq.Tables.MAIL_OUTBOX;

import java.time.Duration;
import java.util.UUID;

import org.edgewise.MasterTest;
import org.edgewise.jooq.tables.records.MailOutboxRecord;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import jakarta.mail.internet.MimeMessage;

/** Mails leave through the outbox: queued with the change they tell, delivered by the sender job, retried. */
class OutboxTest extends MasterTest {

    @Autowired
    Outbox outbox;
    @Autowired
    DSLContext db;
    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void aQueuedMailIsDeliveredByTheSenderJob() throws Exception {
        String domain = domain();
        inTransaction(() -> outbox.queue(new Outbox.Mail("ann@" + domain, "Hello Ann",
                "Your link: http://localhost/verify-email?token=abc\nBye.")));

        MimeMessage[] received = await().atMost(Duration.ofSeconds(60))
                .until(() -> MAIL_SERVER.getReceivedMessagesForDomain(domain), m -> m.length == 1);
        assertThat(received[0].getSubject()).isEqualTo("Hello Ann");
        assertThat(received[0].getFrom()[0].toString()).isEqualTo("Edgewise <no-reply@localhost>");
        assertThat(received[0].getContent().toString()).contains("http://localhost/verify-email?token=abc");
        MailOutboxRecord row = await().atMost(Duration.ofSeconds(10)).until(() -> row("ann@" + domain),
                r -> r.getSentAt() != null);
        assertThat(row.getAttempts()).isEqualTo(1);
    }

    @Test
    void aMailIsQueuedOnlyInTheCallersTransaction() {
        assertThatThrownBy(() -> outbox.queue(new Outbox.Mail("bob@" + domain(), "Hi", "Text")))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void aMailRolledBackWithItsTransactionIsNeverSent() {
        String domain = domain();
        assertThatThrownBy(() -> inTransaction(() -> {
            outbox.queue(new Outbox.Mail("carol@" + domain, "Hi", "Text"));
            throw new IllegalStateException("the change the mail tells failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(db.fetchCount(MAIL_OUTBOX, MAIL_OUTBOX.RECIPIENT.eq("carol@" + domain))).isZero();
    }

    @Test
    void aMailThatCannotBeSentIsKeptAndTriedAgainLater() {
        String domain = domain();
        // an invoice that does not exist cannot be printed, so the mail cannot be sent yet
        inTransaction(() -> outbox.queue(new Outbox.Mail("dan@" + domain, "Your invoice", "Attached.",
                Outbox.INVOICE, "INV-NONE-" + domain)));

        MailOutboxRecord failed = await().atMost(Duration.ofSeconds(60)).until(() -> row("dan@" + domain),
                r -> r.getAttempts() >= 1);
        assertThat(failed.getSentAt()).isNull();
        assertThat(failed.getLastError()).contains("INV-NONE-" + domain);
        assertThat(Duration.between(failed.getQueuedAt(), failed.getNextAttemptAt()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(30));
        assertThat(MAIL_SERVER.getReceivedMessagesForDomain(domain)).isEmpty();
    }

    @Test
    void retriesWaitTwiceAsLongEachTimeUpToAnHour() {
        assertThat(OutboxSender.retryAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(OutboxSender.retryAfter(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(OutboxSender.retryAfter(5)).isEqualTo(Duration.ofMinutes(8));
        assertThat(OutboxSender.retryAfter(40)).isEqualTo(Duration.ofHours(1));
    }

    private MailOutboxRecord row(String recipient) {
        return db.selectFrom(MAIL_OUTBOX).where(MAIL_OUTBOX.RECIPIENT.eq(recipient)).fetchOne();
    }

    private void inTransaction(Runnable work) {
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> work.run());
    }

    static String domain() {
        return "m" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    }
}

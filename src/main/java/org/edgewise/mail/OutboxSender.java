package org.edgewise.mail;

import static org.edgewise.jooq.Tables.MAIL_OUTBOX;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.edgewise.jooq.tables.records.MailOutboxRecord;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * Delivers the outbox's due mails through the SMTP server of {@code spring.mail.*}; with none configured it
 * leaves them queued. Each mail is taken in a transaction of its own with its row locked ({@code FOR UPDATE
 * SKIP LOCKED}), sent, and marked sent before the lock is released, so that two Masters on one database never
 * send the same mail: the second skips the row the first holds, and sees it sent once the first commits.
 * A mail that fails is tried again later, waiting twice as long after each failure up to an hour, and never
 * given up on: the outbox view shows why it is stuck.
 */
@Component
class OutboxSender {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    /** At most this many mails per pass, so that one pass does not hold the job for long. */
    static final int MAILS_PER_PASS = 100;
    private static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    private static final Duration LONGEST_RETRY = Duration.ofHours(1);

    private final DSLContext db;
    private final TransactionTemplate transactions;
    private final ObjectProvider<JavaMailSender> smtp;
    private final Map<String, Attachments> attachments = new HashMap<>();
    private final Clock clock;
    private final String from;

    OutboxSender(DSLContext db, PlatformTransactionManager transactionManager, ObjectProvider<JavaMailSender> smtp,
            List<Attachments> renderers, Clock clock,
            @Value("${edgewise.mail.from:Edgewise <no-reply@localhost>}") String from) {
        this.db = db;
        this.transactions = new TransactionTemplate(transactionManager);
        this.smtp = smtp;
        this.clock = clock;
        this.from = from;
        for (Attachments renderer : renderers) {
            renderer.kinds().forEach(kind -> attachments.put(kind, renderer));
        }
    }

    /** Sends the mails due now, one after the other; how many were delivered. Nothing without a mail server. */
    int sendDue() {
        JavaMailSender server = smtp.getIfAvailable();
        if (server == null) {
            return 0;
        }
        int delivered = 0;
        for (int taken = 0; taken < MAILS_PER_PASS; taken++) {
            Boolean sent = transactions.execute(status -> sendNext(server, status));
            if (sent == null) {
                break;
            }
            if (sent) {
                delivered++;
            }
        }
        return delivered;
    }

    /** Whether the next due mail was delivered; {@code null} when no mail is due (or all due are held). */
    private Boolean sendNext(JavaMailSender server, TransactionStatus transaction) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        MailOutboxRecord mail = db.selectFrom(MAIL_OUTBOX)
                .where(MAIL_OUTBOX.SENT_AT.isNull().and(MAIL_OUTBOX.NEXT_ATTEMPT_AT.le(now)))
                .orderBy(MAIL_OUTBOX.NEXT_ATTEMPT_AT, MAIL_OUTBOX.ID)
                .limit(1).forUpdate().skipLocked().fetchOne();
        if (mail == null) {
            return null;
        }
        // a failure while rendering must not spoil the transaction that records it
        Object beforeSending = transaction.createSavepoint();
        try {
            server.send(message(server, mail));
        } catch (RuntimeException | MessagingException e) {
            transaction.rollbackToSavepoint(beforeSending);
            int attempts = mail.getAttempts() + 1;
            OffsetDateTime next = now.plus(retryAfter(attempts));
            log.warn("Mail #{} to {} not sent (attempt {}), trying again at {}: {}", mail.getId(), mail.getRecipient(),
                    attempts, next, e.getMessage());
            db.update(MAIL_OUTBOX).set(MAIL_OUTBOX.ATTEMPTS, attempts)
                    .set(MAIL_OUTBOX.LAST_ERROR, describe(e))
                    .set(MAIL_OUTBOX.NEXT_ATTEMPT_AT, next)
                    .where(MAIL_OUTBOX.ID.eq(mail.getId())).execute();
            return false;
        }
        db.update(MAIL_OUTBOX).set(MAIL_OUTBOX.SENT_AT, OffsetDateTime.now(clock))
                .set(MAIL_OUTBOX.ATTEMPTS, mail.getAttempts() + 1)
                .where(MAIL_OUTBOX.ID.eq(mail.getId())).execute();
        return true;
    }

    private MimeMessage message(JavaMailSender server, MailOutboxRecord mail) throws MessagingException {
        MimeMessage message = server.createMimeMessage();
        boolean attached = mail.getAttachmentKind() != null;
        // a plain mixed multipart: the text, then the file, as every mail reader shows them
        MimeMessageHelper helper = new MimeMessageHelper(message,
                attached ? MimeMessageHelper.MULTIPART_MODE_MIXED : MimeMessageHelper.MULTIPART_MODE_NO, "UTF-8");
        helper.setFrom(from);
        helper.setTo(mail.getRecipient());
        helper.setSubject(mail.getSubject());
        helper.setText(mail.getBody(), false);
        if (attached) {
            Attachments renderer = attachments.get(mail.getAttachmentKind());
            if (renderer == null) {
                throw new IllegalStateException("Nothing renders attachments of kind " + mail.getAttachmentKind() + ".");
            }
            Attachments.File file = renderer.render(mail.getAttachmentKind(), mail.getAttachmentReference());
            helper.addAttachment(file.name(), new ByteArrayResource(file.content()), file.contentType());
        }
        return message;
    }

    /** 30 s after the first failure, then twice as long after each, at most an hour. */
    static Duration retryAfter(int attempts) {
        Duration wait = FIRST_RETRY;
        for (int i = 1; i < attempts && wait.compareTo(LONGEST_RETRY) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait;
    }

    private static String describe(Exception e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && text.length() < 1000; cause = cause.getCause()) {
            text.append(" — ").append(cause.getMessage());
        }
        return text.length() > 1000 ? text.substring(0, 1000) : text.toString();
    }
}

package org.edgewise.mail;

import static org.edgewise.jooq.Tables.MAIL_OUTBOX;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import org.edgewise.access.Actor;
import org.edgewise.access.RoleGroup;
import org.edgewise.jooq.tables.records.MailOutboxRecord;
import org.jooq.DSLContext;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * E-mails to send. A mail is queued in the transaction of what it tells, so that it leaves only if that
 * change is committed, and the sender job ({@link OutboxSender}) delivers it afterwards; no business
 * transaction waits on a mail server. Without a mail server configured, mails stay here, where
 * administrators read them in the console.
 */
@Service
public class Outbox {

    /** The kinds of document a mail may carry as a PDF, rendered when it is sent. */
    public static final String INVOICE = "invoice";
    public static final String CREDIT_NOTE = "credit_note";
    public static final String REMINDER = "reminder";
    private static final Set<String> ATTACHMENT_KINDS = Set.of(INVOICE, CREDIT_NOTE, REMINDER);

    /**
     * @param attachmentKind      {@code invoice}, {@code credit_note} or {@code reminder}, or {@code null}
     * @param attachmentReference the reference of that document, or {@code null}
     */
    public record Mail(String to, String subject, String text, String attachmentKind, String attachmentReference) {

        public Mail(String to, String subject, String text) {
            this(to, subject, text, null, null);
        }
    }

    /** A mail as the console lists it. */
    public record Queued(long id, String to, String subject, String text, String attachmentKind,
            String attachmentReference, OffsetDateTime queuedAt, OffsetDateTime sentAt, int attempts,
            String lastError, OffsetDateTime nextAttemptAt) { }

    private final DSLContext db;
    private final Clock clock;

    Outbox(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Queues a mail in the caller's transaction (propagation MANDATORY); the sender job delivers it later. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void queue(Mail mail) {
        if (mail.to() == null || mail.to().isBlank() || !mail.to().contains("@")) {
            throw new IllegalArgumentException("A mail needs a recipient's address, not \"" + mail.to() + "\".");
        }
        if ((mail.attachmentKind() == null) != (mail.attachmentReference() == null)
                || (mail.attachmentKind() != null && !ATTACHMENT_KINDS.contains(mail.attachmentKind()))) {
            throw new IllegalArgumentException("An attachment is one of " + ATTACHMENT_KINDS + " with its reference, not "
                    + mail.attachmentKind() + " " + mail.attachmentReference() + ".");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        db.insertInto(MAIL_OUTBOX)
                .set(MAIL_OUTBOX.RECIPIENT, mail.to().strip())
                .set(MAIL_OUTBOX.SUBJECT, mail.subject())
                .set(MAIL_OUTBOX.BODY, mail.text())
                .set(MAIL_OUTBOX.ATTACHMENT_KIND, mail.attachmentKind())
                .set(MAIL_OUTBOX.ATTACHMENT_REFERENCE, mail.attachmentReference())
                .set(MAIL_OUTBOX.QUEUED_AT, now)
                .set(MAIL_OUTBOX.NEXT_ATTEMPT_AT, now)
                .execute();
    }

    /** The newest mails first, sent or not; administrators only, since mails carry links that open accounts. */
    @Transactional(readOnly = true)
    public List<Queued> page(int offset, int limit, Actor actor) {
        requireAdministrator(actor);
        return db.selectFrom(MAIL_OUTBOX).orderBy(MAIL_OUTBOX.ID.desc()).offset(offset).limit(limit)
                .fetch(Outbox::queued);
    }

    @Transactional(readOnly = true)
    public int count(Actor actor) {
        requireAdministrator(actor);
        return db.fetchCount(MAIL_OUTBOX);
    }

    private static void requireAdministrator(Actor actor) {
        if (!actor.in(RoleGroup.ADMINISTRATORS)) {
            throw new AccessDeniedException(actor.name() + " may not read the outbox: ask an administrator.");
        }
    }

    private static Queued queued(MailOutboxRecord r) {
        return new Queued(r.getId(), r.getRecipient(), r.getSubject(), r.getBody(), r.getAttachmentKind(),
                r.getAttachmentReference(), r.getQueuedAt(), r.getSentAt(), r.getAttempts(), r.getLastError(),
                r.getNextAttemptAt());
    }
}

package org.edgewise.mail;

import java.util.Set;

/**
 * Renders the documents that mails carry, when they are sent: a feature that queues mails with its
 * documents attached declares one as a bean for its kinds (billing prints invoices and credit notes), so
 * that the outbox needs to know nothing of them.
 */
public interface Attachments {

    /** A file attached to a mail. */
    record File(String name, String contentType, byte[] content) { }

    /** The kinds of {@link Outbox} attachment this renders. */
    Set<String> kinds();

    /** The document of this kind and reference as a file, as it is now. */
    File render(String kind, String reference);
}

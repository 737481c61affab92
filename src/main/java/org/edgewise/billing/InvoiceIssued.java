package org.edgewise.billing;

/**
 * An invoice was issued: it has its number, its issue and due dates, and will never change. Published in the
 * issuing transaction; listeners that must act only once it is committed use {@code @TransactionalEventListener}.
 */
public record InvoiceIssued(long invoiceId) {
}

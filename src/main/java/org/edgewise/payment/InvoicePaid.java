package org.edgewise.payment;

/**
 * An invoice was paid in full and moved from issued to paid. Published in the paying transaction; dunning
 * listens to it to settle the invoice's reminder.
 */
public record InvoicePaid(long invoiceId, long customerId) {
}

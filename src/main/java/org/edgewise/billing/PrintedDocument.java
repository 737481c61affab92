package org.edgewise.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;

/**
 * An invoice or a credit note as it is printed: what the customer keeps. Amounts are already rounded
 * to the currency's minor unit; the printing only formats them.
 *
 * @param kind       "Invoice" or "Credit note"
 * @param number     the legal number, or {@code null} for a draft (printed as such, never as a valid invoice)
 * @param reference  the document's reference, printed on a draft instead of a number
 * @param relatesTo  for a credit note, the number of the invoice it reverses
 */
public record PrintedDocument(String kind, String number, String reference, String relatesTo, LocalDate issuedOn,
        LocalDate dueOn, LocalDate periodStart, LocalDate periodEnd, Party customer, List<Line> lines, List<Tax> taxes,
        BigDecimal netTotal, BigDecimal taxTotal, BigDecimal grossTotal, Currency currency, String paymentReference) {

    /** A customer as the invoice addresses them. */
    public record Party(String name, String address, String vatNumber, String email) { }

    /** One printed line. */
    public record Line(String description, BigDecimal quantity, String unit, BigDecimal unitPrice, BigDecimal taxRate,
            BigDecimal net) { }

    /** The tax of one rate on the whole document. */
    public record Tax(BigDecimal rate, BigDecimal net, BigDecimal tax) { }

    public boolean isDraft() {
        return number == null;
    }

    public boolean isCreditNote() {
        return relatesTo != null;
    }
}

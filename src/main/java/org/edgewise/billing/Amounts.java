package org.edgewise.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

/** How billing screens write money, periods and tax rates. */
final class Amounts {

    private Amounts() {
    }

    /** {@code 1234.50 EUR}; the amount already has its currency's digits. */
    static String money(BigDecimal amount, String currency) {
        return amount.toPlainString() + " " + currency;
    }

    /** {@code 20 %}, {@code 5.5 %}. */
    static String rate(BigDecimal rate) {
        return Invoices.plain(rate) + " %";
    }

    static String period(LocalDate from, LocalDate to) {
        return from == null ? "" : from + " – " + to;
    }

    static String date(LocalDate date) {
        return date == null ? "" : date.toString();
    }

    /** The net of each rate: {@code 20 %: 100.00 · 5.5 %: 40.00}. */
    static String netPerRate(List<Invoices.Tax> taxes) {
        return taxes.stream().map(t -> rate(t.rate()) + ": " + t.net().toPlainString())
                .collect(Collectors.joining(" · "));
    }
}

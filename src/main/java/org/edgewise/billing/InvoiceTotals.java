package org.edgewise.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one place where money is rounded, for invoices and credit notes alike. A line's net is the exact sum of
 * what it charges (its candidates' amounts, or quantity × unit price) rounded half up to the currency's minor
 * unit; the tax of each rate is the sum of the line nets at that rate × rate / 100, rounded half up once per
 * rate and document; the gross is the net total plus the tax total. Nothing else is ever rounded.
 */
final class InvoiceTotals {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** What one line contributes: its (already rounded) net at its tax rate. */
    record Taxed(BigDecimal net, BigDecimal taxRate) { }

    /** The net and tax of one rate, as the tax summary shows it. */
    record RateTotal(BigDecimal taxRate, BigDecimal net, BigDecimal tax) { }

    record Totals(BigDecimal net, BigDecimal tax, BigDecimal gross, List<RateTotal> rates) { }

    private InvoiceTotals() {
    }

    /** The digits after the decimal point of the currency: 2 for EUR, 0 for JPY, 3 for KWD. */
    static int minorUnit(String currency) {
        return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
    }

    /** The net of a line made of these exact amounts. */
    static BigDecimal lineNet(Collection<BigDecimal> amounts, String currency) {
        return round(amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add), currency);
    }

    /** The net of a line of this quantity at this unit price. */
    static BigDecimal lineNet(BigDecimal quantity, BigDecimal unitPrice, String currency) {
        return round(quantity.multiply(unitPrice), currency);
    }

    /** The tax of the lines at one rate: their nets' sum × rate / 100, rounded once. */
    static BigDecimal tax(BigDecimal netAtRate, BigDecimal taxRate, String currency) {
        return round(netAtRate.multiply(taxRate).divide(HUNDRED), currency);
    }

    /** The totals of a document of these lines, with one tax per rate, rates in increasing order. */
    static Totals of(Collection<Taxed> lines, String currency) {
        Map<BigDecimal, BigDecimal> netByRate = new TreeMap<>();
        for (Taxed line : lines) {
            netByRate.merge(rate(line.taxRate()), line.net(), BigDecimal::add);
        }
        List<RateTotal> rates = netByRate.entrySet().stream()
                .map(e -> new RateTotal(e.getKey(), inMinorUnits(e.getValue(), currency),
                        tax(e.getValue(), e.getKey(), currency)))
                .toList();
        return totals(rates, currency);
    }

    /**
     * The totals of a credit note: the same rule, except that a note which completes the crediting of every line
     * of a rate takes what is left of that rate's tax on the invoice, so that the credit notes of an invoice net
     * it exactly to zero however it was split between them.
     *
     * @param taxLeft for each rate this note completes, the invoice's tax at that rate less what issued notes took
     */
    static Totals credit(Collection<Taxed> lines, String currency, Map<BigDecimal, BigDecimal> taxLeft) {
        List<RateTotal> rates = of(lines, currency).rates().stream()
                .map(r -> taxLeft.containsKey(r.taxRate())
                        ? new RateTotal(r.taxRate(), r.net(), inMinorUnits(taxLeft.get(r.taxRate()), currency))
                        : r)
                .toList();
        return totals(rates, currency);
    }

    /** The totals of a document whose tax per rate is already known. */
    static Totals totals(List<RateTotal> rates, String currency) {
        BigDecimal net = inMinorUnits(rates.stream().map(RateTotal::net).reduce(BigDecimal.ZERO, BigDecimal::add),
                currency);
        BigDecimal tax = inMinorUnits(rates.stream().map(RateTotal::tax).reduce(BigDecimal.ZERO, BigDecimal::add),
                currency);
        return new Totals(net, tax, net.add(tax), rates);
    }

    /**
     * An amount that is already rounded (a stored total) written with exactly the currency's digits:
     * 12.3400 as stored becomes 12.34. Refuses one that is not rounded, since that would hide a bug.
     */
    static BigDecimal inMinorUnits(BigDecimal rounded, String currency) {
        return rounded.setScale(minorUnit(currency), RoundingMode.UNNECESSARY);
    }

    /** A tax rate as stored, with two decimals: 20 and 20.00 are one rate. */
    static BigDecimal rate(BigDecimal taxRate) {
        return taxRate.setScale(2, RoundingMode.UNNECESSARY);
    }

    private static BigDecimal round(BigDecimal exact, String currency) {
        return exact.setScale(minorUnit(currency), RoundingMode.HALF_UP);
    }
}

package org.edgewise.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The rounding rule, with figures worked out by hand: a line's net is its exact amounts summed, then rounded half
 * up to the currency's minor unit once; the tax of a rate is rounded once on the sum of the line nets at that rate;
 * the gross is their sum.
 */
class InvoiceTotalsTest {

    @Test
    void aLineIsRoundedOnceHalfUpToTheMinorUnitOfItsCurrency() {
        assertThat(InvoiceTotals.lineNet(List.of(new BigDecimal("10.005")), "EUR")).isEqualByComparingTo("10.01");
        // three thirds of 10 make 10.00, where rounding each third would make 9.99
        assertThat(InvoiceTotals.lineNet(List.of(new BigDecimal("3.333333333333"), new BigDecimal("3.333333333333"),
                new BigDecimal("3.333333333334")), "EUR")).isEqualTo(new BigDecimal("10.00"));
        assertThat(InvoiceTotals.lineNet(List.of(new BigDecimal("0.004999999999")), "EUR")).isEqualTo("0.00");
        assertThat(InvoiceTotals.lineNet(List.of(new BigDecimal("1234.5")), "JPY")).isEqualTo(new BigDecimal("1235"));
        assertThat(InvoiceTotals.lineNet(List.of(new BigDecimal("1.0005")), "KWD")).isEqualTo(new BigDecimal("1.001"));
        assertThat(InvoiceTotals.lineNet(new BigDecimal("0.333333"), new BigDecimal("29.99"), "EUR"))
                .isEqualTo(new BigDecimal("10.00"));
    }

    @Test
    void taxIsRoundedOncePerRateOnTheSumOfTheLineNetsAtThatRate() {
        // 20 %: 10.01 + 10.00 + 0.00 = 20.01, tax 4.002 → 4.00; 5.5 %: 7.13, tax 0.39215 → 0.39
        InvoiceTotals.Totals totals = InvoiceTotals.of(List.of(taxed("10.01", "20"), taxed("10.00", "20.00"),
                taxed("0.00", "20"), taxed("7.13", "5.5")), "EUR");

        assertThat(totals.rates()).containsExactly(
                new InvoiceTotals.RateTotal(new BigDecimal("5.50"), new BigDecimal("7.13"), new BigDecimal("0.39")),
                new InvoiceTotals.RateTotal(new BigDecimal("20.00"), new BigDecimal("20.01"), new BigDecimal("4.00")));
        assertThat(totals.net()).isEqualTo(new BigDecimal("27.14"));
        assertThat(totals.tax()).isEqualTo(new BigDecimal("4.39"));
        assertThat(totals.gross()).isEqualTo(new BigDecimal("31.53"));
    }

    @Test
    void threeLinesOfOneFiveAtTenPercentPayThirtyTwoCentsOfTaxNotThirtyThree() {
        InvoiceTotals.Totals totals = InvoiceTotals.of(List.of(taxed("1.05", "10"), taxed("1.05", "10"),
                taxed("1.05", "10")), "EUR");

        assertThat(totals.tax()).isEqualTo(new BigDecimal("0.32"));
        assertThat(totals.gross()).isEqualTo(new BigDecimal("3.47"));
    }

    @Test
    void yenHaveNoDecimalsAndTwoRatesAreTaxedApart() {
        // 8 %: 99 → 7.92 → 8; 10 %: 1235 → 123.5 → 124
        InvoiceTotals.Totals totals = InvoiceTotals.of(List.of(
                taxed(InvoiceTotals.lineNet(List.of(new BigDecimal("1234.5")), "JPY"), "10"),
                taxed(InvoiceTotals.lineNet(List.of(new BigDecimal("99.49")), "JPY"), "8")), "JPY");

        assertThat(totals.rates()).extracting(InvoiceTotals.RateTotal::tax)
                .containsExactly(new BigDecimal("8"), new BigDecimal("124"));
        assertThat(totals.net()).isEqualTo(new BigDecimal("1334"));
        assertThat(totals.tax()).isEqualTo(new BigDecimal("132"));
        assertThat(totals.gross()).isEqualTo(new BigDecimal("1466"));
    }

    @Test
    void aCreditNoteThatCompletesARateTakesWhatIsLeftOfItsTax() {
        // the invoice: three lines of 1.05 at 10 %, tax 0.32; two notes of one line each took 0.11 each
        InvoiceTotals.Totals last = InvoiceTotals.credit(List.of(taxed("1.05", "10")), "EUR",
                Map.of(new BigDecimal("10.00"), new BigDecimal("0.1000")));
        InvoiceTotals.Totals partial = InvoiceTotals.credit(List.of(taxed("1.05", "10")), "EUR", Map.of());

        assertThat(last.tax()).isEqualTo(new BigDecimal("0.10"));
        assertThat(last.gross()).isEqualTo(new BigDecimal("1.15"));
        assertThat(partial.tax()).isEqualTo(new BigDecimal("0.11"));
    }

    @Test
    void aStoredAmountIsWrittenWithItsCurrencysDigitsAndAnUnroundedOneIsABug() {
        assertThat(InvoiceTotals.inMinorUnits(new BigDecimal("12.3400"), "EUR")).isEqualTo(new BigDecimal("12.34"));
        assertThat(InvoiceTotals.inMinorUnits(new BigDecimal("1235.0000"), "JPY")).isEqualTo(new BigDecimal("1235"));
        assertThatThrownBy(() -> InvoiceTotals.inMinorUnits(new BigDecimal("12.345"), "EUR"))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void thePaymentReferenceIsAnIso11649CreditorReference() {
        // the example of the standard
        assertThat(CreditorReference.of("539007547034")).isEqualTo("RF18539007547034");
        assertThat(BillingAccounts.paymentReferenceOf(42)).isEqualTo("RF" + checkDigits("EW42") + "EW42");
        assertThatThrownBy(() -> CreditorReference.of("ew-42")).isInstanceOf(IllegalArgumentException.class);
    }

    /** ISO 11649 by hand: EW42RF00 as digits (E=14, W=32, R=27, F=15) mod 97, from 98. */
    private static String checkDigits(String body) {
        BigDecimal digits = new BigDecimal("1432" + "42" + "2715" + "00");
        int check = 98 - digits.toBigInteger().mod(java.math.BigInteger.valueOf(97)).intValue();
        return String.format("%02d", check);
    }

    private static InvoiceTotals.Taxed taxed(String net, String rate) {
        return new InvoiceTotals.Taxed(new BigDecimal(net), new BigDecimal(rate));
    }

    private static InvoiceTotals.Taxed taxed(BigDecimal net, String rate) {
        return new InvoiceTotals.Taxed(net, new BigDecimal(rate));
    }
}

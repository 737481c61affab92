package org.edgewise.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The arithmetic alone: month lengths in Europe/Paris, cutting spans, and the amounts, worked out by hand. */
class ProrationTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static Instant paris(int year, int month, int day, int hour) {
        return LocalDateTime.of(year, month, day, hour, 0).atZone(PARIS).toInstant();
    }

    private static long monthSeconds(int year, int month) {
        return Proration.monthOf(paris(year, month, 15, 12), PARIS).seconds();
    }

    @Test
    void aMonthLastsItsRealLengthInTheBillingTimeZone() {
        assertThat(monthSeconds(2027, 2)).as("28 × 86,400").isEqualTo(2_419_200);
        assertThat(monthSeconds(2028, 2)).as("29 × 86,400").isEqualTo(2_505_600);
        assertThat(monthSeconds(2027, 11)).as("30 × 86,400").isEqualTo(2_592_000);
        assertThat(monthSeconds(2026, 12)).as("31 × 86,400").isEqualTo(2_678_400);
        assertThat(monthSeconds(2027, 3)).as("31 × 86,400 − 3,600: clocks go forward on 28 March").isEqualTo(2_674_800);
        assertThat(monthSeconds(2027, 10)).as("31 × 86,400 + 3,600: clocks go back on 31 October").isEqualTo(2_682_000);
        assertThat(Proration.monthOf(paris(2027, 3, 31, 23), PARIS))
                .isEqualTo(new Proration.Span(Instant.parse("2027-02-28T23:00:00Z"), Instant.parse("2027-03-31T22:00:00Z")));
    }

    @Test
    void theShareOfAMonthIsItsSecondsOverTheMonthsSeconds() {
        // 9.90 × 21 / 31 = 207.9 / 31 = 6.706451612903|2258…
        assertThat(Proration.amount(new BigDecimal("9.90"), 21 * 86_400, 2_678_400))
                .isEqualTo(new BigDecimal("6.706451612903"));
        // 9.90 × 1,465,200 / 2,674,800 (15 March to April in 2027, an hour short) = 5.423014804845|2220…
        assertThat(Proration.amount(new BigDecimal("9.90"), 1_465_200, 2_674_800))
                .isEqualTo(new BigDecimal("5.423014804845"));
        // 0.000001 × 1 / 2,682,000 = 3.728…e-13: below the twelfth decimal, rounded to nothing
        assertThat(Proration.amount(new BigDecimal("0.000001"), 1, 2_682_000)).isZero();
        // 19 / 28 = 0.678571|428…; 14.5 / 30 = 0.483333|3…
        assertThat(Proration.quantity(19 * 86_400, 2_419_200)).isEqualTo(new BigDecimal("0.678571"));
        assertThat(Proration.quantity(1_252_800, 2_592_000)).isEqualTo(new BigDecimal("0.483333"));
        assertThat(Proration.days(1_465_200)).isEqualTo(new BigDecimal("16.96"));
    }

    @Test
    void aSpanIsCutAtMonthEndsAtPriceChangesAndAroundSuspensions() {
        Proration.Span span = new Proration.Span(paris(2027, 3, 20, 0), paris(2027, 5, 10, 0));

        assertThat(Proration.byMonth(span, PARIS)).containsExactly(
                new Proration.Span(paris(2027, 3, 20, 0), paris(2027, 4, 1, 0)),
                new Proration.Span(paris(2027, 4, 1, 0), paris(2027, 5, 1, 0)),
                new Proration.Span(paris(2027, 5, 1, 0), paris(2027, 5, 10, 0)));
        assertThat(Proration.cut(span, List.of(paris(2027, 1, 1, 0), paris(2027, 4, 16, 0), paris(2027, 6, 1, 0))))
                .containsExactly(new Proration.Span(paris(2027, 3, 20, 0), paris(2027, 4, 16, 0)),
                        new Proration.Span(paris(2027, 4, 16, 0), paris(2027, 5, 10, 0)));
        assertThat(Proration.without(span, List.of(
                new Proration.Span(paris(2027, 4, 10, 0), paris(2027, 4, 20, 0)),
                new Proration.Span(paris(2027, 3, 1, 0), paris(2027, 3, 22, 0)),
                new Proration.Span(paris(2027, 4, 15, 0), paris(2027, 4, 25, 0)),
                new Proration.Span(paris(2027, 5, 9, 0), paris(2027, 6, 1, 0)))))
                .containsExactly(new Proration.Span(paris(2027, 3, 22, 0), paris(2027, 4, 10, 0)),
                        new Proration.Span(paris(2027, 4, 25, 0), paris(2027, 5, 9, 0)));
    }
}

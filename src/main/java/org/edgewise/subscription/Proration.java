package org.edgewise.subscription;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The arithmetic of a recurring price: a part [a, b) of month M costs the monthly price × seconds(a, b) /
 * seconds(M), where seconds(M) is the real length of M in the billing time zone (a month with a
 * daylight-saving change is an hour shorter or longer). Amounts keep twelve decimals, so that the one
 * rounding to the currency's minor unit happens on the invoice line.
 */
final class Proration {

    static final int AMOUNT_DECIMALS = 12;
    static final int QUANTITY_DECIMALS = 6;
    private static final long SECONDS_PER_DAY = 86_400;

    private Proration() {
    }

    /** A half-open interval of time [from, to). */
    record Span(Instant from, Instant to) {

        Span {
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("A span ends after it starts: " + from + " – " + to);
            }
        }

        long seconds() {
            return Duration.between(from, to).getSeconds();
        }

        boolean isEmpty() {
            return !from.isBefore(to);
        }
    }

    /** The calendar month of the zone that holds {@code at}. */
    static Span monthOf(Instant at, ZoneId zone) {
        YearMonth month = YearMonth.from(at.atZone(zone));
        return new Span(month.atDay(1).atStartOfDay(zone).toInstant(),
                month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant());
    }

    /** The span cut at the month boundaries of the zone, in order. */
    static List<Span> byMonth(Span span, ZoneId zone) {
        List<Span> parts = new ArrayList<>();
        Instant from = span.from();
        while (from.isBefore(span.to())) {
            Instant monthEnd = monthOf(from, zone).to();
            Instant to = monthEnd.isBefore(span.to()) ? monthEnd : span.to();
            parts.add(new Span(from, to));
            from = to;
        }
        return parts;
    }

    /** The span cut at those of the instants (in order) that lie strictly inside it. */
    static List<Span> cut(Span span, List<Instant> at) {
        List<Span> parts = new ArrayList<>();
        Instant from = span.from();
        for (Instant cut : at) {
            if (cut.isAfter(from) && cut.isBefore(span.to())) {
                parts.add(new Span(from, cut));
                from = cut;
            }
        }
        if (from.isBefore(span.to())) {
            parts.add(new Span(from, span.to()));
        }
        return parts;
    }

    /** What is left of the span once the holes (in any order, perhaps overlapping) are taken out. */
    static List<Span> without(Span span, List<Span> holes) {
        List<Span> parts = new ArrayList<>();
        Instant from = span.from();
        for (Span hole : holes.stream().sorted(Comparator.comparing(Span::from)).toList()) {
            if (hole.from().isAfter(from)) {
                Instant to = hole.from().isBefore(span.to()) ? hole.from() : span.to();
                if (from.isBefore(to)) {
                    parts.add(new Span(from, to));
                }
            }
            if (hole.to().isAfter(from)) {
                from = hole.to();
            }
        }
        if (from.isBefore(span.to())) {
            parts.add(new Span(from, span.to()));
        }
        return parts;
    }

    /** The share of the month, to six decimals, for reading: 21 days of 31 are 0.677419. */
    static BigDecimal quantity(long seconds, long monthSeconds) {
        return BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(monthSeconds), QUANTITY_DECIMALS,
                RoundingMode.HALF_UP);
    }

    /** The monthly price × seconds / seconds of the month, to twelve decimals. */
    static BigDecimal amount(BigDecimal monthlyPrice, long seconds, long monthSeconds) {
        return monthlyPrice.multiply(BigDecimal.valueOf(seconds)).divide(BigDecimal.valueOf(monthSeconds),
                AMOUNT_DECIMALS, RoundingMode.HALF_UP);
    }

    /** Seconds as days to two decimals, for descriptions: 1,814,400 s are 21.00 days. */
    static BigDecimal days(long seconds) {
        return BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(SECONDS_PER_DAY), 2, RoundingMode.HALF_UP);
    }
}

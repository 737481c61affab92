package org.edgewise.billing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Billing periods and dates in the billing time zone ({@code edgewise.billing.zone}, Europe/Paris unless
 * configured): a period is a calendar month there, from its first day at 00:00 to the next month's.
 */
@Component
class BillingCalendar {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);

    /** A billing month as instants: [start, end). */
    record Period(YearMonth month, Instant start, Instant end) {

        String label() {
            return MONTH.format(month);
        }
    }

    private final ZoneId zone;
    private final Clock clock;

    BillingCalendar(@Value("${edgewise.billing.zone:Europe/Paris}") ZoneId zone, Clock clock) {
        this.zone = zone;
        this.clock = clock;
    }

    Period period(YearMonth month) {
        return new Period(month, month.atDay(1).atStartOfDay(zone).toInstant(),
                month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant());
    }

    /** The month of this instant in the billing zone. */
    YearMonth monthOf(Instant at) {
        return YearMonth.from(at.atZone(zone));
    }

    LocalDate today() {
        return clock.instant().atZone(zone).toLocalDate();
    }

    /** The last month that is over: the one a run is usually for. */
    YearMonth lastEndedMonth() {
        return YearMonth.from(today()).minusMonths(1);
    }

    boolean isOver(Period period) {
        return !period.end().isAfter(clock.instant());
    }

    ZoneId zone() {
        return zone;
    }
}

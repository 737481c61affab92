package org.edgewise.usage;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import org.edgewise.document.ValidationException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Billing periods: calendar months of the billing time zone ({@code edgewise.billing.zone}), each from its first
 * day 00:00 to the first day of the next month 00:00, as instants.
 */
@Component
class BillingMonths {

    private final ZoneId zone;
    private final Clock clock;

    BillingMonths(@Value("${edgewise.billing.zone:Europe/Paris}") ZoneId zone, Clock clock) {
        this.zone = zone;
        this.clock = clock;
    }

    ZoneId zone() {
        return zone;
    }

    /** The month running now. */
    YearMonth current() {
        return of(clock.instant());
    }

    /** The month an instant falls in. */
    YearMonth of(Instant at) {
        return YearMonth.from(at.atZone(zone));
    }

    Instant start(YearMonth month) {
        return month.atDay(1).atStartOfDay(zone).toInstant();
    }

    Instant end(YearMonth month) {
        return start(month.plusMonths(1));
    }

    /** A month as a request names it ({@code 2026-12}); the current one when none is named. */
    YearMonth parse(String field, String month) {
        if (month == null || month.isBlank()) {
            return current();
        }
        try {
            return YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw new ValidationException(field, field + ": \"" + month + "\" is not a month such as 2026-12.");
        }
    }
}

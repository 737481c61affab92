package org.edgewise.uitests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Master's adjustable clock, read and moved forward by the administrator through the API, so that a
 * story lives through the end of a billing month in a moment.
 */
final class MasterClock {

    /** The Master's billing time zone, {@code edgewise.billing.zone}, as the browser tests leave it. */
    static final ZoneId BILLING_ZONE = ZoneId.of("Europe/Paris");

    private static final Pattern NOW = Pattern.compile("\"now\"\\s*:\\s*\"([^\"]+)\"");

    private final MasterApi api;

    MasterClock(RunningMaster master) {
        this.api = new MasterApi(master, RunningMaster.ADMIN_API_TOKEN);
    }

    Instant now() {
        HttpResponse<byte[]> answer = api.get("/api/v1/clock");
        String body = new String(answer.body(), StandardCharsets.UTF_8);
        assertEquals(200, answer.statusCode(), "reading the Master's clock (is it adjustable?): " + body);
        return instant(body);
    }

    Instant moveTo(Instant target) {
        HttpResponse<String> answer = api.put("/api/v1/clock", "{\"to\": \"" + target + "\"}");
        assertEquals(200, answer.statusCode(), "moving the Master's clock to " + target + ": " + answer.body());
        return instant(answer.body());
    }

    /**
     * Moves the clock into the first hour of the next billing month, so that the month it is in now is over
     * and may be invoiced; answers that month.
     */
    YearMonth endTheBillingMonth() {
        YearMonth month = YearMonth.from(now().atZone(BILLING_ZONE));
        moveTo(month.plusMonths(1).atDay(1).atStartOfDay(BILLING_ZONE).toInstant().plus(Duration.ofHours(1)));
        return month;
    }

    private static Instant instant(String body) {
        Matcher now = NOW.matcher(body);
        if (!now.find()) {
            throw new IllegalStateException("The Master's clock answered no time: " + body);
        }
        return Instant.parse(now.group(1));
    }
}

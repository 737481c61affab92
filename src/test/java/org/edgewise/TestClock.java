package org.edgewise;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.springframework.context.annotation.Primary;

/**
 * The Master's clock in tests: the real time until a test moves it. A test may stop it, so that it can
 * measure waits to the nanosecond, and move it forward, so that a lifetime or a wait runs out. Every test
 * class shares one Master, so {@link MasterTest} puts the clock back to the real time after each test.
 */
@Primary
public final class TestClock extends Clock {

    private static final Clock REAL = Clock.systemUTC();

    /** Where the clock stands while stopped; {@code null} while it follows the real time. */
    private Instant stoppedAt;
    private Duration ahead = Duration.ZERO;

    @Override
    public synchronized Instant instant() {
        return stoppedAt != null ? stoppedAt : REAL.instant().plus(ahead);
    }

    /** Stops the clock where it is now: it stays there but for {@link #advance}. */
    public synchronized void stop() {
        stoppedAt = instant();
    }

    /** Moves the clock forward; never back, as no real clock of a Master goes back either. */
    public synchronized void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("The clock only moves forward, not by " + duration);
        }
        if (stoppedAt != null) {
            stoppedAt = stoppedAt.plus(duration);
        } else {
            ahead = ahead.plus(duration);
        }
    }

    /** Follows the real time again. */
    public synchronized void reset() {
        stoppedAt = null;
        ahead = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (!ZoneOffset.UTC.equals(zone.normalized())) {
            throw new UnsupportedOperationException("The Master's clock is in UTC, like its production clock");
        }
        return this;
    }
}

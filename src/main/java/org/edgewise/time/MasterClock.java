package org.edgewise.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Master's one clock, read by everything that dates a document. It is the system's, unless
 * {@code edgewise.clock.adjustable=true}: then an administrator may move it forward (never back), so that a
 * demonstration or an end-to-end test lives through a whole billing month in minutes, with real nodes.
 */
@Configuration(proxyBeanMethods = false)
public class MasterClock {

    @Bean
    Clock clock(@Value("${edgewise.clock.adjustable:false}") boolean adjustable) {
        return adjustable ? new Adjustable() : Clock.systemUTC();
    }

    /**
     * The adjustable clock was moved forward to {@code now}: whatever measures time since a node's last contact
     * must count from here, as after a restart, since no node could have been in contact in the time skipped.
     */
    public record Moved(Instant now) { }

    /** The system's clock plus an offset that only grows. */
    public static final class Adjustable extends Clock {

        private volatile Duration ahead = Duration.ZERO;

        @Override
        public Instant instant() {
            return Instant.now().plus(ahead);
        }

        /** Moves the clock forward to {@code target}; a target in the past is refused. */
        public synchronized Instant advanceTo(Instant target) {
            Duration step = Duration.between(instant(), target);
            if (step.isNegative()) {
                throw new IllegalArgumentException("The clock only moves forward: it is already " + instant() + ".");
            }
            ahead = ahead.plus(step);
            return instant();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        /** Business code reads instants and converts them itself; a zoned copy would stop following the moves. */
        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("The Master's clock is in UTC: convert its instants instead.");
        }
    }
}

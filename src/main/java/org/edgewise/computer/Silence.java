package org.edgewise.computer;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * When a computer counts as silent: its node has not been in contact for longer than the threshold. The time
 * is counted from its last contact, or from this Master's start when that is later, so that a Master that was
 * down (or just restarted) gives every node a whole threshold to poll again before calling it silent.
 */
@Component
public class Silence {

    private final Clock clock;
    private final Duration threshold;
    private final OffsetDateTime masterStarted;

    Silence(Clock clock, @Value("${edgewise.monitoring.silent-after:PT10M}") Duration threshold) {
        this.clock = clock;
        this.threshold = threshold;
        this.masterStarted = OffsetDateTime.now(clock);
    }

    public Duration threshold() {
        return threshold;
    }

    /** How long the node has been silent as this Master can tell: from its last contact or this Master's start. */
    public Duration silentFor(OffsetDateTime lastContact) {
        OffsetDateTime from = lastContact == null || lastContact.isBefore(masterStarted) ? masterStarted : lastContact;
        Duration silent = Duration.between(from, OffsetDateTime.now(clock));
        return silent.isNegative() ? Duration.ZERO : silent;
    }

    /** Whether the node counts as silent: no contact for longer than the threshold (a never-seen node too). */
    public boolean isSilent(OffsetDateTime lastContact) {
        return silentFor(lastContact).compareTo(threshold) > 0;
    }

    /** The moment before which a last contact makes a node silent now (grace after this Master's start included). */
    public OffsetDateTime silentIfContactBefore() {
        OffsetDateTime cut = OffsetDateTime.now(clock).minus(threshold);
        return masterStarted.isAfter(cut) ? null : cut;
    }
}

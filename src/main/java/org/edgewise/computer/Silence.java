package org.edgewise.computer;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

import org.edgewise.time.MasterClock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When a computer counts as silent: its node has not been in contact for longer than the threshold. Time is
 * counted from its last contact, but never from before this Master began to answer plus a grace period: a
 * Master that was down (or just restarted) gives every node, which backs off while it cannot reach the
 * Master, the grace period and then a whole threshold to poll again before calling it silent. A restart
 * alone never makes a computer silent; nor does moving an adjustable clock forward.
 */
@Component
public class Silence {

    private final Clock clock;
    private final Duration threshold;
    private final Duration restartGrace;
    /**
     * When this Master began to answer nodes; null while it starts: its periodic jobs may run before it answers (a
     * slow start can take longer than the grace and the threshold together), and no node is silent meanwhile.
     */
    private volatile OffsetDateTime answeringSince;

    Silence(Clock clock, @Value("${edgewise.monitoring.silent-after:PT10M}") Duration threshold,
            @Value("${edgewise.monitoring.restart-grace:PT1M}") Duration restartGrace) {
        this.clock = clock;
        this.threshold = threshold;
        this.restartGrace = restartGrace;
    }

    /** Counts from the moment the Master answers nodes, not from when it began to start. */
    @EventListener(ApplicationReadyEvent.class)
    void answering() {
        answeringSince = OffsetDateTime.now(clock);
    }

    /** A clock moved forward (a demonstration, an end-to-end test) skipped time no node could poll in. */
    @EventListener
    void clockMoved(MasterClock.Moved moved) {
        answeringSince = OffsetDateTime.now(clock);
    }

    public Duration threshold() {
        return threshold;
    }

    /** Where counting starts for a node last seen then: its last contact, or the end of the grace after this Master's start. */
    private OffsetDateTime countedFrom(OffsetDateTime lastContact) {
        OffsetDateTime since = answeringSince;
        if (since == null) {
            return OffsetDateTime.now(clock);
        }
        OffsetDateTime graceEnds = since.plus(restartGrace);
        return lastContact == null || lastContact.isBefore(graceEnds) && lastContact.isBefore(since)
                ? graceEnds : lastContact;
    }

    /** How long the node has been silent as this Master can tell. */
    public Duration silentFor(OffsetDateTime lastContact) {
        Duration silent = Duration.between(countedFrom(lastContact), OffsetDateTime.now(clock));
        return silent.isNegative() ? Duration.ZERO : silent;
    }

    /** Whether the node counts as silent: no contact for longer than the threshold (a never-seen node too). */
    public boolean isSilent(OffsetDateTime lastContact) {
        return silentFor(lastContact).compareTo(threshold) > 0;
    }

    /**
     * The moment before which a last contact makes a node silent now, or null while the grace after this
     * Master's start lasts (then no node is silent).
     */
    public OffsetDateTime silentIfContactBefore() {
        OffsetDateTime cut = OffsetDateTime.now(clock).minus(threshold);
        OffsetDateTime since = answeringSince;
        return since == null || since.plus(restartGrace).isAfter(cut) ? null : cut;
    }
}

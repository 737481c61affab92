package org.edgewise.computer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;

import org.edgewise.TestClock;
import org.junit.jupiter.api.Test;

/**
 * A Master whose start takes longer than the grace and the threshold together (a loaded machine) calls no node
 * silent before it answers, though its periodic jobs may already run then; once it answers, each node gets the
 * grace and then the threshold.
 */
class SilenceTest {

    private static final Duration THRESHOLD = Duration.ofSeconds(6);
    private static final Duration GRACE = Duration.ofSeconds(15);

    @Test
    void noNodeIsSilentBeforeTheMasterAnswersAndEachGetsTheGraceFromThen() {
        TestClock clock = new TestClock();
        clock.stop();
        OffsetDateTime lastContact = OffsetDateTime.now(clock).minusSeconds(60);
        Silence silence = new Silence(clock, THRESHOLD, GRACE);

        clock.advance(Duration.ofSeconds(80)); // still starting
        assertThat(silence.isSilent(lastContact)).isFalse();
        assertThat(silence.silentIfContactBefore()).isNull();

        silence.answering();
        clock.advance(GRACE.plus(THRESHOLD));
        assertThat(silence.isSilent(lastContact)).as("the grace and the threshold, no more").isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(silence.isSilent(lastContact)).isTrue();
        assertThat(silence.silentIfContactBefore()).isNotNull();
    }
}

package org.edgewise.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class MasterClockTest {

    @Test
    void theClockIsTheSystemsUnlessAdjustable() {
        assertThat(new MasterClock().clock(false)).isEqualTo(Clock.systemUTC());
        assertThat(new MasterClock().clock(true)).isInstanceOf(MasterClock.Adjustable.class);
    }

    @Test
    void anAdjustableClockMovesForwardAndKeepsGoingButNeverBack() {
        MasterClock.Adjustable clock = new MasterClock.Adjustable();
        Instant target = Instant.now().plus(Duration.ofDays(31));

        Instant moved = clock.advanceTo(target);

        assertThat(moved).isBetween(target, target.plusSeconds(5));
        assertThat(clock.instant()).isAfterOrEqualTo(moved);
        assertThatThrownBy(() -> clock.advanceTo(target.minusSeconds(60)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only moves forward");
        assertThat(clock.instant()).isAfterOrEqualTo(moved);
    }
}

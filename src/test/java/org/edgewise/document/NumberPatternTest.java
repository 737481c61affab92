package org.edgewise.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

class NumberPatternTest {

    private static final ZonedDateTime NEW_YEARS_EVE = ZonedDateTime.of(2026, 12, 31, 23, 59, 59, 0,
            ZoneId.of("Europe/Paris"));

    @Test
    void aYearlyPatternCountsPerYearAndPadsTheCounter() {
        NumberPattern invoices = NumberPattern.parse("INV-{yyyy}-{000000}");

        assertThat(invoices.period(NEW_YEARS_EVE)).isEqualTo("2026");
        assertThat(invoices.period(NEW_YEARS_EVE.plusSeconds(1))).isEqualTo("2027");
        assertThat(invoices.format(NEW_YEARS_EVE, 42)).isEqualTo("INV-2026-000042");
    }

    @Test
    void aMonthlyPatternCountsPerMonthAndAPatternWithoutDateNeverRestarts() {
        assertThat(NumberPattern.parse("CN{yy}{MM}/{0000}").format(NEW_YEARS_EVE, 7)).isEqualTo("CN2612/0007");
        assertThat(NumberPattern.parse("CN{yy}{MM}/{0000}").period(NEW_YEARS_EVE)).isEqualTo("26-12");
        assertThat(NumberPattern.parse("PAY-{00000}").period(NEW_YEARS_EVE)).isEmpty();
    }

    @Test
    void aPatternNeedsExactlyOneCounterAndKnownFields() {
        assertThatThrownBy(() -> NumberPattern.parse("INV-{yyyy}")).hasMessageContaining("needs a counter");
        assertThatThrownBy(() -> NumberPattern.parse("{000}-{000}")).hasMessageContaining("one counter");
        assertThatThrownBy(() -> NumberPattern.parse("INV-{dd}-{000}")).hasMessageContaining("unknown field {dd}");
    }
}

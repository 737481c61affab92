package org.edgewise.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

/** Moments and log lines as every screen writes them. */
class FormatsTest {

    @Test
    void aMomentIsWrittenInUtcToTheMinute() {
        assertThat(Formats.when(OffsetDateTime.parse("2026-03-01T01:30:59+02:00"), "never"))
                .isEqualTo("2026-02-28 23:30 UTC");
        assertThat(Formats.when(null, "never")).isEqualTo("never");
    }

    @Test
    void theLastLineOfALogIsItsLastNonBlankLine() {
        assertThat(Formats.lastLine("fetching sources\nmake: *** [all] Error 2\n\n", 80))
                .isEqualTo("make: *** [all] Error 2");
        assertThat(Formats.lastLine("  one line only  ", 80)).isEqualTo("one line only");
        assertThat(Formats.lastLine(null, 80)).isEmpty();
        assertThat(Formats.lastLine(" \n ", 80)).isEmpty();
    }

    @Test
    void aLongLastLineKeepsItsEndAndFitsTheWidthWithItsEllipsis() {
        String line = "error: " + "x".repeat(50) + " exit status 2";

        String shown = Formats.lastLine("start\n" + line, 20);

        assertThat(shown).hasSize(20).startsWith("…").endsWith(" exit status 2");
        assertThat(line).endsWith(shown.substring(1));
        assertThat(Formats.lastLine("exactly twenty chars", 20)).isEqualTo("exactly twenty chars");
    }
}

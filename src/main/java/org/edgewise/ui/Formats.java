package org.edgewise.ui;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the console writes values, the same on every screen. */
public final class Formats {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private Formats() {
    }

    /** A moment in UTC to the minute, or {@code ifNone} when there is none. */
    public static String when(OffsetDateTime at, String ifNone) {
        return at == null ? ifNone : WHEN.format(at.withOffsetSameInstant(ZoneOffset.UTC));
    }

    /** The last line of a log, shortened to fit a grid cell; empty when there is no log. */
    public static String lastLine(String log, int max) {
        if (log == null || log.isBlank()) {
            return "";
        }
        String last = log.strip().lines().reduce((a, b) -> b).orElse("").strip();
        return last.length() <= max ? last : "…" + last.substring(last.length() - max + 1);
    }
}

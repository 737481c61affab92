package org.edgewise.ui;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** How the console writes values, the same on every screen. */
public final class Formats {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm 'UTC'");

    private Formats() {
    }

    /** A moment in UTC to the minute, or {@code ifNone} when there is none. */
    public static String when(OffsetDateTime at, String ifNone) {
        return at == null ? ifNone : WHEN.format(at.withOffsetSameInstant(ZoneOffset.UTC));
    }

    /**
     * A moment something began, as short as is clear: the time alone when it is today in UTC ("10:42 UTC"),
     * else with its date.
     */
    public static String since(OffsetDateTime at, OffsetDateTime now) {
        OffsetDateTime utc = at.withOffsetSameInstant(ZoneOffset.UTC);
        boolean today = utc.toLocalDate().equals(now.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate());
        return today ? TIME.format(utc) : WHEN.format(utc);
    }

    /** A length of time in its largest whole unit: "42 s", "12 min", "3 h", "5 days". */
    public static String age(Duration length) {
        long seconds = Math.max(0, length.getSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min";
        }
        if (seconds < 86_400 * 2) {
            return seconds / 3600 + " h";
        }
        return seconds / 86_400 + " days";
    }

    /** How long ago a moment was ("42 s ago"), or {@code ifNone} when there is none. */
    public static String ago(OffsetDateTime at, OffsetDateTime now, String ifNone) {
        return at == null ? ifNone : age(Duration.between(at, now)) + " ago";
    }

    /** The last line of a log, shortened to fit a grid cell; empty when there is no log. */
    public static String lastLine(String log, int max) {
        if (log == null || log.isBlank()) {
            return "";
        }
        String last = log.strip().lines().reduce((a, b) -> b).orElse("").strip();
        return last.length() <= max ? last : "…" + last.substring(last.length() - max + 1);
    }

    /**
     * The line of a failed command's log that says what went wrong: the last one written by the command, not
     * the shell's echo of a command ("$ exit 3", "+ make"), which says only what ran; empty when there is no log.
     */
    public static String errorLine(String log, int max) {
        if (log == null || log.isBlank()) {
            return "";
        }
        List<String> lines = log.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        String said = lines.get(lines.size() - 1);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (!lines.get(i).startsWith("$ ") && !lines.get(i).startsWith("+ ")) {
                said = lines.get(i);
                break;
            }
        }
        return lastLine(said, max);
    }
}

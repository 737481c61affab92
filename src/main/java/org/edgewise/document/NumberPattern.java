package org.edgewise.document;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a legal number is written, e.g. {@code INV-{yyyy}-{000000}}: literal text, the period fields
 * {@code {yyyy}}, {@code {yy}} and {@code {MM}} of the moment of numbering, and one counter field whose
 * zeros give its width. The period fields also say when the counter starts again at 1: a pattern with
 * {@code {yyyy}} counts per year, one with {@code {MM}} too per month, one without any never restarts.
 */
public final class NumberPattern {

    private static final Pattern FIELD = Pattern.compile("\\{([^}]*)}");

    private final String pattern;
    private final List<String> parts;
    private final int counterWidth;

    private NumberPattern(String pattern, List<String> parts, int counterWidth) {
        this.pattern = pattern;
        this.parts = parts;
        this.counterWidth = counterWidth;
    }

    public static NumberPattern parse(String pattern) {
        List<String> parts = new ArrayList<>();
        int counterWidth = 0;
        Matcher m = FIELD.matcher(pattern);
        int at = 0;
        while (m.find()) {
            parts.add(pattern.substring(at, m.start()));
            String field = m.group(1);
            if (field.matches("0+")) {
                if (counterWidth > 0) {
                    throw new IllegalArgumentException(pattern + ": a number pattern has one counter");
                }
                counterWidth = field.length();
            } else if (!List.of("yyyy", "yy", "MM").contains(field)) {
                throw new IllegalArgumentException(pattern + ": unknown field {" + field + "}");
            }
            parts.add("{" + field + "}");
            at = m.end();
        }
        parts.add(pattern.substring(at));
        if (counterWidth == 0) {
            throw new IllegalArgumentException(pattern + ": a number pattern needs a counter such as {000000}");
        }
        return new NumberPattern(pattern, List.copyOf(parts), counterWidth);
    }

    /** The period whose counter numbers a document at this moment, e.g. {@code 2026} or {@code 2026-11}. */
    public String period(ZonedDateTime at) {
        List<String> fields = new ArrayList<>();
        for (String part : parts) {
            if (isField(part) && !isCounter(part)) {
                fields.add(fieldValue(part, at));
            }
        }
        return String.join("-", fields);
    }

    public String format(ZonedDateTime at, long counter) {
        StringBuilder number = new StringBuilder();
        for (String part : parts) {
            if (isCounter(part)) {
                number.append(String.format("%0" + counterWidth + "d", counter));
            } else if (isField(part)) {
                number.append(fieldValue(part, at));
            } else {
                number.append(part);
            }
        }
        return number.toString();
    }

    @Override
    public String toString() {
        return pattern;
    }

    private static boolean isField(String part) {
        return part.startsWith("{") && part.endsWith("}");
    }

    private static boolean isCounter(String part) {
        return part.matches("\\{0+}");
    }

    private static String fieldValue(String field, ZonedDateTime at) {
        return switch (field) {
            case "{yyyy}" -> String.format("%04d", at.getYear());
            case "{yy}" -> String.format("%02d", at.getYear() % 100);
            case "{MM}" -> String.format("%02d", at.getMonthValue());
            default -> throw new IllegalStateException(field);
        };
    }
}

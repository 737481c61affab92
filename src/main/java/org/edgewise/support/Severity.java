package org.edgewise.support;

import java.time.Duration;
import java.util.Locale;

import org.edgewise.document.ValidationException;

/**
 * How bad a problem is, and so how soon support must first answer and resolve it: a critical ticket (a service
 * down) within the hour, a low one (a question) within days.
 */
public enum Severity {
    LOW("low", Duration.ofDays(2), Duration.ofDays(10)),
    NORMAL("normal", Duration.ofHours(8), Duration.ofDays(3)),
    HIGH("high", Duration.ofHours(2), Duration.ofDays(1)),
    CRITICAL("critical", Duration.ofMinutes(30), Duration.ofHours(4));

    private final String stored;
    private final Duration firstResponse;
    private final Duration resolution;

    Severity(String stored, Duration firstResponse, Duration resolution) {
        this.stored = stored;
        this.firstResponse = firstResponse;
        this.resolution = resolution;
    }

    public String stored() {
        return stored;
    }

    public Duration firstResponse() {
        return firstResponse;
    }

    public Duration resolution() {
        return resolution;
    }

    /** The severity named, the normal one when none is; an unknown name is refused with the choices. */
    public static Severity parse(String name) {
        if (name == null || name.isBlank()) {
            return NORMAL;
        }
        for (Severity s : values()) {
            if (s.stored.equals(name.strip().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new ValidationException("severity", "Severity is low, normal, high or critical, not \"" + name + "\".");
    }
}

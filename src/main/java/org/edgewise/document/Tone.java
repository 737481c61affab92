package org.edgewise.document;

import java.util.Locale;

/** How a state feels to the person reading it: the colour of its badge. */
public enum Tone {
    /** Over, or nothing to say: archived, destroyed, retired. */
    NEUTRAL,
    /** As it should be: running, open, paid. */
    SUCCESS,
    /** Needs a look but is not broken: stopped, closed for maintenance, deprecated. */
    WARNING,
    /** Broken: failed, in error. */
    DANGER,
    /** On its way: draft, building, submitted. */
    PROGRESS;

    /** The name stylesheets and browser tests use, e.g. {@code success}. */
    public String cssName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

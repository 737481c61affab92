package org.edgewise.document;

import java.time.OffsetDateTime;
import java.util.List;

/** One line of a document's history. Entries are appended, never changed. */
public record TimelineEntry(long id, OffsetDateTime at, String actor, Kind kind, String action, String fromState,
        String toState, List<FieldChange> changes, String comment) {

    public enum Kind {
        CREATED, TRANSITION, CHANGE, COMMENT, NOTE;

        String stored() {
            return name().toLowerCase();
        }

        static Kind ofStored(String stored) {
            return valueOf(stored.toUpperCase());
        }
    }
}

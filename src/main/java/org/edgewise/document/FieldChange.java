package org.edgewise.document;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A field whose value changed, as shown on the timeline: {@code field: old → new}. */
public record FieldChange(String field, String oldValue, String newValue) {

    /** Collects the changes between old and new values, skipping the ones that stayed the same. */
    public static final class Collector {
        private final List<FieldChange> changes = new ArrayList<>();

        public Collector compare(String field, Object oldValue, Object newValue) {
            String o = text(oldValue);
            String n = text(newValue);
            if (!Objects.equals(o, n)) {
                changes.add(new FieldChange(field, o, n));
            }
            return this;
        }

        public List<FieldChange> changes() {
            return List.copyOf(changes);
        }

        private static String text(Object value) {
            if (value == null) {
                return null;
            }
            String s = value.toString();
            return s.isEmpty() ? null : s;
        }
    }
}

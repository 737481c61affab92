package org.edgewise.document;

import java.util.List;
import java.util.Map;

import org.jooq.Field;
import org.jooq.SortField;

/**
 * One page of a list as a grid asks for it: a free-text filter, an optional state, the sort order by
 * column key, and the window.
 */
public record PageRequest(String filter, String state, List<Sort> sort, int offset, int limit) {

    public record Sort(String key, boolean ascending) { }

    public static PageRequest all() {
        return new PageRequest(null, null, List.of(), 0, Integer.MAX_VALUE);
    }

    /** The text to match, with LIKE wildcards escaped, or {@code null} when there is no filter. */
    public String likePattern() {
        if (filter == null || filter.isBlank()) {
            return null;
        }
        return "%" + filter.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /** Maps the requested sort keys to columns; unknown keys are ignored and {@code fallback} always ends the list. */
    public List<SortField<?>> sortFields(Map<String, Field<?>> columns, SortField<?> fallback) {
        List<SortField<?>> fields = new java.util.ArrayList<>();
        for (Sort s : sort) {
            Field<?> column = columns.get(s.key());
            if (column != null) {
                fields.add(s.ascending() ? column.asc().nullsLast() : column.desc().nullsLast());
            }
        }
        fields.add(fallback);
        return fields;
    }
}

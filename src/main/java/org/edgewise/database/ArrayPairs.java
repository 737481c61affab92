package org.edgewise.database;

import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Two columns of many rows as a table, {@code unnest(first, second) AS alias(firstName, secondName)}: two
 * array parameters however many rows, so a batch costs the same statement text to build and to parse.
 * For set-based writes: {@code UPDATE … FROM pairs.table() WHERE id = pairs.first(Long.class)}.
 */
public record ArrayPairs(String alias, String firstName, Object[] firstValues, String secondName,
        Object[] secondValues) {

    public Table<?> table() {
        return DSL.table("unnest({0}, {1}) AS " + alias + "(" + firstName + ", " + secondName + ")",
                DSL.val(firstValues), DSL.val(secondValues));
    }

    public <T> Field<T> first(Class<T> type) {
        return DSL.field(DSL.name(alias, firstName), type);
    }

    public <T> Field<T> second(Class<T> type) {
        return DSL.field(DSL.name(alias, secondName), type);
    }
}

package org.edgewise.document;

import static org.edgewise.jooq.Tables.REFERENCE_SERIES;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Human references, one counter row per series. The row is locked by the update until the
 * surrounding transaction ends, so concurrent issuers queue up; a rolled-back document gives its
 * number back. References are therefore gapless and never reused.
 */
@Component
class ReferenceSeries {

    private final DSLContext db;

    ReferenceSeries(DSLContext db) {
        this.db = db;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    String next(String series) {
        db.insertInto(REFERENCE_SERIES, REFERENCE_SERIES.SERIES, REFERENCE_SERIES.NEXT_VALUE)
                .values(series, 1L)
                .onConflictDoNothing()
                .execute();
        long value = db.update(REFERENCE_SERIES)
                .set(REFERENCE_SERIES.NEXT_VALUE, REFERENCE_SERIES.NEXT_VALUE.plus(1))
                .where(REFERENCE_SERIES.SERIES.eq(series))
                .returningResult(REFERENCE_SERIES.NEXT_VALUE)
                .fetchSingle()
                .value1() - 1;
        return format(series, value);
    }

    static String format(String series, long value) {
        return String.format("%s-%06d", series, value);
    }
}

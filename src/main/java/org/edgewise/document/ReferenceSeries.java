package org.edgewise.document;

import static org.edgewise.jooq.Tables.NUMBER_COUNTER;
import static org.edgewise.jooq.Tables.REFERENCE_SERIES;

import java.time.ZonedDateTime;
import java.util.Locale;

import org.jooq.DSLContext;
import org.jooq.Sequence;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Human references, one counter row per series. The row is locked by the update until the
 * surrounding transaction ends, so concurrent issuers queue up; a rolled-back document gives its
 * number back. References are therefore gapless and never reused. Series that allow gaps
 * ({@link Workflow.Builder#gapsAllowed}) take the next value of their own sequence instead.
 */
@Component
class ReferenceSeries {

    private final DSLContext db;

    ReferenceSeries(DSLContext db) {
        this.db = db;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    String next(Workflow workflow) {
        String series = workflow.series();
        if (!workflow.gapless()) {
            Sequence<Long> sequence = DSL.sequence(DSL.name("reference_" + series.toLowerCase(Locale.ROOT) + "_seq"),
                    SQLDataType.BIGINT);
            return format(series, db.select(sequence.nextval()).fetchSingle().value1());
        }
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

    /**
     * The next legal number of the series for the period of this moment: the counter row of (series,
     * period) is locked until the transaction ends, like a reference's, so numbers are gapless and follow
     * the order in which their transactions took them.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    String nextNumber(Workflow.Numbering numbering, ZonedDateTime at) {
        String period = numbering.pattern().period(at);
        db.insertInto(NUMBER_COUNTER, NUMBER_COUNTER.SERIES, NUMBER_COUNTER.PERIOD, NUMBER_COUNTER.NEXT_VALUE)
                .values(numbering.series(), period, 1L)
                .onConflictDoNothing()
                .execute();
        long value = db.update(NUMBER_COUNTER)
                .set(NUMBER_COUNTER.NEXT_VALUE, NUMBER_COUNTER.NEXT_VALUE.plus(1))
                .where(NUMBER_COUNTER.SERIES.eq(numbering.series()).and(NUMBER_COUNTER.PERIOD.eq(period)))
                .returningResult(NUMBER_COUNTER.NEXT_VALUE)
                .fetchSingle()
                .value1() - 1;
        return numbering.pattern().format(at, value);
    }

    static String format(String series, long value) {
        return String.format("%s-%06d", series, value);
    }
}

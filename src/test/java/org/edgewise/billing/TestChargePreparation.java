package org.edgewise.billing;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

import org.springframework.stereotype.Component;

/**
 * A source of charges in the tests, where the subscription feature's is not: it remembers the periods it was asked
 * to prepare, and does what a test gives it to do at the next preparation.
 */
@Component
class TestChargePreparation implements ChargePreparation {

    record Call(Instant start, Instant end) { }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile BiFunction<Instant, Instant, Integer> next;

    @Override
    public int prepare(Instant periodStart, Instant periodEnd) {
        calls.add(new Call(periodStart, periodEnd));
        BiFunction<Instant, Instant, Integer> work = next;
        next = null;
        return work == null ? 0 : work.apply(periodStart, periodEnd);
    }

    void atNextPreparation(BiFunction<Instant, Instant, Integer> work) {
        next = work;
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }
}

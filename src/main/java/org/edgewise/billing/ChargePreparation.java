package org.edgewise.billing;

import java.time.Instant;

/**
 * What turns subscriptions and usage into invoice candidates for a billing period, before invoicing reads
 * them: the preview and the run of a month call every such bean first. It must be idempotent (a candidate's
 * source key is unique), since a preview, a run and a second Master starting the same run all call it.
 */
public interface ChargePreparation {

    /** Creates the candidates of [periodStart, periodEnd) not made yet; returns how many it created. */
    int prepare(Instant periodStart, Instant periodEnd);
}

package org.edgewise.dunning;

import java.util.List;
import java.util.function.LongPredicate;

import org.edgewise.payment.InvoicePaid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * One pass of dunning, as the periodic job runs it on one Master of the cluster (and tests, with the clock
 * moved): reminders whose invoice was paid are settled; an issued invoice unpaid past its due date gets a
 * reminder; {@code edgewise.dunning.stop-after} after the reminder the customer's services are stopped, and
 * {@code edgewise.dunning.destroy-after} after that destroyed, each announced {@code edgewise.dunning.notice}
 * ahead. Every step is taken once however many passes run at the same moment (see {@link ReminderSteps}).
 * A payment settles its invoice's reminder as soon as it is committed, without waiting for a pass.
 */
@Component
public class DunningRun {

    private static final Logger log = LoggerFactory.getLogger(DunningRun.class);

    /** What one pass did. */
    public record Summary(int settled, int opened, int stopsAnnounced, int stopped, int destructionsAnnounced,
            int destroyed) {

        public int total() {
            return settled + opened + stopsAnnounced + stopped + destructionsAnnounced + destroyed;
        }
    }

    private final ReminderSteps steps;

    DunningRun(ReminderSteps steps) {
        this.steps = steps;
    }

    public Summary runOnce() {
        Summary summary = new Summary(
                each("settle", steps.settledInvoices(), steps::settle),
                each("open a reminder for invoice", steps.overdueInvoices(), steps::open),
                each("announce the stop", steps.stopNoticesDue(), steps::announceStop),
                each("stop the services", steps.stopsDue(), steps::stop),
                each("announce the destruction", steps.destructionNoticesDue(), steps::announceDestruction),
                each("destroy the services", steps.destructionsDue(), steps::destroy));
        if (summary.total() > 0) {
            log.info("Dunning: {}", summary);
        }
        return summary;
    }

    /** The invoice's reminder is settled as soon as the payment is committed; a later pass would do it otherwise. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void invoicePaid(InvoicePaid paid) {
        each("settle", steps.openRemindersOf(paid.invoiceId()), steps::settle);
    }

    /** Takes the step for each; one that fails is logged and tried again by the next pass. */
    private static int each(String step, List<Long> ids, LongPredicate take) {
        int taken = 0;
        for (long id : ids) {
            try {
                if (take.test(id)) {
                    taken++;
                }
            } catch (RuntimeException e) {
                log.warn("Dunning could not {} #{}: {}", step, id, e.getMessage(), e);
            }
        }
        return taken;
    }
}

package org.edgewise.subscription;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.edgewise.pricing.PriceLists;
import org.edgewise.billing.ChargePreparation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns subscriptions and their usage into invoice candidates, for billing to put on invoices.
 *
 * <p>Recurring: each subscription is charged its monthly price for the time it was active and not billed
 * yet, up to the end of the period (never beyond now: nothing is charged for time still to come), cut at
 * month ends and where the price in force changes, without the time it was suspended; billed_until moves
 * forward in the same transaction. Time without a monthly price in force is not charged (a product may be
 * priced by usage only).
 *
 * <p>Usage: every usage row of the subscription's tree that no candidate priced yet, whenever it arrived,
 * measured from before the end of the period (what was measured after it is the next period's), grouped by
 * charge, priced at the row's period end. A row with no price in force stays unpriced and is
 * shown as such on its subscription; it is never lost nor priced twice.
 *
 * <p>Subscriptions are taken in batches ({@code edgewise.billing.charge-batch}, 1,000), each locked and charged in its own transaction, so that runs
 * on several threads or Masters at once make every candidate once: a run waits for a batch another holds,
 * then finds its charges made. The batches of a run are shared by {@code edgewise.billing.charge-threads}
 * threads (2 unless configured: the database does most of the work); a run inside a transaction charges
 * on the caller's thread, within it.
 */
@Service
public class Charges implements ChargePreparation {

    private static final Logger log = LoggerFactory.getLogger(Charges.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);

    private final ChargeStore store;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ZoneId zone;
    private final int threads;
    private final int batchSize;

    Charges(ChargeStore store, TransactionTemplate tx, Clock clock,
            @Value("${edgewise.billing.zone:Europe/Paris}") ZoneId zone,
            @Value("${edgewise.billing.charge-threads:2}") int threads,
            @Value("${edgewise.billing.charge-batch:1000}") int batchSize) {
        if (threads < 1 || batchSize < 1) {
            throw new IllegalArgumentException("edgewise.billing.charge-threads and charge-batch are at least 1, not "
                    + threads + " and " + batchSize);
        }
        this.threads = threads;
        this.batchSize = batchSize;
        this.store = store;
        this.tx = tx;
        this.clock = clock;
        this.zone = zone;
    }

    /** Makes the candidates of every subscription for the billing period; returns how many were made. */
    @Override
    public int prepare(Instant periodStart, Instant periodEnd) {
        return run(null, periodStart, periodEnd);
    }

    /** {@link #prepare} for the subscriptions of one customer. */
    public int prepareFor(long customerId, Instant periodStart, Instant periodEnd) {
        return run(customerId, periodStart, periodEnd);
    }

    private int run(Long customerId, Instant periodStart, Instant periodEnd) {
        if (!periodStart.isBefore(periodEnd)) {
            throw new IllegalArgumentException("A billing period ends after it starts: " + periodStart + " – " + periodEnd);
        }
        long started = System.nanoTime();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant until = periodEnd.isBefore(now) ? periodEnd : now;
        List<Long> ids = tx.execute(status -> store.subscriptionIds(customerId));
        List<Supplier<Outcome>> work = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += batchSize) {
            List<Long> batch = ids.subList(from, Math.min(ids.size(), from + batchSize));
            work.add(() -> tx.execute(status -> chargeBatch(batch, periodStart, periodEnd, until, now)));
        }
        boolean alone = threads == 1 || work.size() < 2 || TransactionSynchronizationManager.isActualTransactionActive();
        Outcome total = (alone ? work.stream().map(Supplier::get).toList() : inThreads(work)).stream()
                .reduce(new Outcome(0, 0, 0, 0, 0), Outcome::plus);
        log.info("Charges of {} – {}{}: {} recurring and {} usage candidates from {} subscriptions, {} usage rows "
                + "priced, {} without a price in force, in {} ms", periodStart, periodEnd,
                customerId == null ? "" : " for customer #" + customerId, total.recurring(), total.usage(),
                total.subscriptions(), total.records(), total.unpriced(), (System.nanoTime() - started) / 1_000_000);
        return total.recurring() + total.usage();
    }

    /** The batches shared by the run's threads; a failure is thrown once the others are done (what committed stays). */
    private List<Outcome> inThreads(List<Supplier<Outcome>> work) {
        AtomicInteger count = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, work.size()), r -> {
            Thread thread = new Thread(r, "charges-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> done : pool.invokeAll(work.stream().<Callable<Outcome>>map(w -> w::get).toList())) {
                outcomes.add(done.get());
            }
            return outcomes;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while charging", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private record Outcome(int subscriptions, int recurring, int usage, long records, long unpriced) {

        Outcome plus(Outcome o) {
            return new Outcome(subscriptions + o.subscriptions, recurring + o.recurring, usage + o.usage,
                    records + o.records, unpriced + o.unpriced);
        }
    }

    private Outcome chargeBatch(List<Long> ids, Instant periodStart, Instant periodEnd, Instant until, Instant now) {
        List<ChargeStore.Subscription> batch = store.lock(ids);
        if (batch.isEmpty()) {
            return new Outcome(0, 0, 0, 0, 0);
        }
        Map<Long, Instant> billedUntil = new LinkedHashMap<>();
        for (ChargeStore.Subscription s : batch) {
            Instant end = s.endedAt() != null && s.endedAt().isBefore(until) ? s.endedAt() : until;
            if (s.billedUntil().isBefore(end)) {
                billedUntil.put(s.id(), end);
            }
        }
        int recurring = store.insertRecurring(recurring(batch, billedUntil), now);
        store.moveBilledUntil(billedUntil);
        ChargeStore.UsageCharged usage = store.chargeUsage(batch.stream().map(ChargeStore.Subscription::id).toList(),
                periodStart, periodEnd, zone, now);
        return new Outcome(batch.size(), recurring, usage.candidates(), usage.records(), usage.unpriced());
    }

    /**
     * The recurring candidates of the subscriptions that have time to bill: the active parts of [billed
     * until, end), cut by month and price change, priced at each part's start, and parts of one month and
     * one price list joined again.
     */
    private List<ChargeStore.Candidate> recurring(List<ChargeStore.Subscription> batch, Map<Long, Instant> billedUntil) {
        if (billedUntil.isEmpty()) {
            return List.of();
        }
        Map<Long, List<ChargeStore.Pause>> pauses = store.pauses(billedUntil.keySet());
        List<Instant> priceChanges = store.priceChanges();
        List<Part> parts = new ArrayList<>();
        for (ChargeStore.Subscription s : batch) {
            Instant end = billedUntil.get(s.id());
            if (end == null) {
                continue;
            }
            Proration.Span due = new Proration.Span(s.billedUntil(), end);
            for (Proration.Span active : Proration.without(due, suspended(pauses.getOrDefault(s.id(), List.of()), end))) {
                for (Proration.Span inMonth : Proration.byMonth(active, zone)) {
                    for (Proration.Span part : Proration.cut(inMonth, priceChanges)) {
                        parts.add(new Part(s, part));
                    }
                }
            }
        }
        List<Optional<PriceLists.Price>> prices = store.monthlyPrices(parts.stream()
                .map(p -> new ChargeStore.PriceQuery(p.subscription().customerId(), p.subscription().productId(),
                        p.subscription().softwareType(), p.span().from()))
                .toList());
        List<ChargeStore.Candidate> candidates = new ArrayList<>();
        Part first = null;
        Instant to = null;
        PriceLists.Price price = null;
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            Optional<PriceLists.Price> partPrice = prices.get(i);
            boolean joins = first != null && partPrice.isPresent() && first.subscription() == part.subscription()
                    && to.equals(part.span().from()) && price.priceListId() == partPrice.get().priceListId()
                    && Proration.monthOf(first.span().from(), zone).equals(Proration.monthOf(part.span().from(), zone));
            if (joins) {
                to = part.span().to();
                continue;
            }
            if (first != null) {
                candidates.add(candidate(first.subscription(), new Proration.Span(first.span().from(), to), price));
            }
            first = partPrice.isPresent() ? part : null;
            to = part.span().to();
            price = partPrice.orElse(null);
        }
        if (first != null) {
            candidates.add(candidate(first.subscription(), new Proration.Span(first.span().from(), to), price));
        }
        return candidates;
    }

    private record Part(ChargeStore.Subscription subscription, Proration.Span span) { }

    /** The times a subscription was suspended, from its suspends and resumes; one still suspended is until {@code end}. */
    static List<Proration.Span> suspended(List<ChargeStore.Pause> pauses, Instant end) {
        List<Proration.Span> holes = new ArrayList<>();
        Instant since = null;
        for (ChargeStore.Pause pause : pauses) {
            Instant at = pause.at().truncatedTo(ChronoUnit.SECONDS);
            if (pause.action().equals(SubscriptionWorkflows.SUSPEND)) {
                since = since == null ? at : since;
            } else if (since != null) {
                holes.add(new Proration.Span(since, at.isBefore(since) ? since : at));
                since = null;
            }
        }
        if (since != null && since.isBefore(end)) {
            holes.add(new Proration.Span(since, end));
        }
        return holes;
    }

    private ChargeStore.Candidate candidate(ChargeStore.Subscription s, Proration.Span span, PriceLists.Price price) {
        Proration.Span month = Proration.monthOf(span.from(), zone);
        long seconds = span.seconds();
        long monthSeconds = month.seconds();
        String description = String.format(Locale.ROOT, "%s (%s), %s – %s (%s of %d days)", s.product(),
                s.softwareType(), WHEN.format(span.from().atZone(zone)), WHEN.format(span.to().atZone(zone)),
                Proration.days(seconds).toPlainString(), YearMonth.from(month.from().atZone(zone)).lengthOfMonth());
        BigDecimal amount = Proration.amount(price.unitPrice(), seconds, monthSeconds);
        return new ChargeStore.Candidate(s.customerId(), s.id(), "month:" + s.id() + ":" + span.from(), description,
                span.from(), span.to(), Proration.quantity(seconds, monthSeconds), price.unitPrice(), amount,
                price.currency(), price.taxRate());
    }
}

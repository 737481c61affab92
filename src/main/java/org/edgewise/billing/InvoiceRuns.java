package org.edgewise.billing;

import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.INVOICE_CANDIDATE;
import static org.edgewise.jooq.Tables.INVOICE_RUN;
import static org.edgewise.jooq.Tables.INVOICE_RUN_CUSTOMER;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.edgewise.access.Actor;
import org.edgewise.access.RoleGroup;
import org.edgewise.document.ValidationException;
import org.edgewise.jooq.tables.records.InvoiceRunRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import jakarta.annotation.PreDestroy;

/**
 * The monthly invoice run: every customer with open invoice candidates up to the end of a month gets one draft
 * invoice of them (one per currency, should a customer be charged in two).
 *
 * <p>A run is shared by every Master that starts it. The first to start a month inserts its run and, in the same
 * transaction, the run's customers; a Master that starts the same month later, or at the same moment, finds
 * that run (the period is unique) and joins it. Each Master that started it works it with its own background
 * threads ({@code edgewise.billing.run-workers}, 2 unless configured), which take up to 20 customers at a time
 * with {@code FOR UPDATE SKIP LOCKED} and make their invoices, charge their candidates and mark them done in
 * one transaction: a crash leaves no half invoice, and no customer is invoiced twice. A run whose Master stopped
 * before the end, or that failed on a customer, is taken up again by starting it again.
 */
@Service
public class InvoiceRuns {

    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";

    private static final Logger log = LoggerFactory.getLogger(InvoiceRuns.class);
    private static final int MONTHS_OFFERED = 24;
    private static final int MAX_ERROR = 2_000;
    private static final int CUSTOMERS_PER_TRANSACTION = 20;

    /** A run as its progress is shown. */
    public record Status(long id, YearMonth month, String period, String state, String startedBy,
            OffsetDateTime startedAt, OffsetDateTime finishedAt, int customersTotal, int customersDone,
            int invoicesCreated, String error) {

        public boolean isRunning() {
            return RUNNING.equals(state);
        }

        public boolean isDone() {
            return DONE.equals(state);
        }
    }

    /** What one customer would be invoiced in one currency. */
    public record PreviewRow(String customerReference, String customerName, String currency, int lines,
            List<Invoices.Tax> taxes, BigDecimal net, BigDecimal tax, BigDecimal gross) { }

    /** The sums of the preview in one currency. */
    public record CurrencyTotal(String currency, int customers, int lines, BigDecimal net, BigDecimal tax,
            BigDecimal gross) { }

    /** What the run of a month would invoice now; {@code run} is the month's run, if it was started. */
    public record Preview(YearMonth month, String period, List<PreviewRow> customers, List<CurrencyTotal> totals,
            Optional<Status> run) { }

    /** An open invoice candidate as a run reads it. */
    record Candidate(long id, long customerId, long subscriptionId, String description, OffsetDateTime periodStart,
            OffsetDateTime periodEnd, BigDecimal quantity, String unit, BigDecimal unitPrice, BigDecimal amount,
            String currency, BigDecimal taxRate) {

        /** The net of the invoice line this candidate becomes. */
        BigDecimal lineNet() {
            return InvoiceTotals.lineNet(List.of(amount), currency);
        }
    }

    private final DSLContext db;
    private final TransactionTemplate tx;
    private final Invoices invoices;
    private final BillingCalendar calendar;
    private final ObjectProvider<ChargePreparation> preparations;
    private final Clock clock;
    private final int workers;
    private final ExecutorService executor;

    InvoiceRuns(DSLContext db, TransactionTemplate tx, Invoices invoices, BillingCalendar calendar,
            ObjectProvider<ChargePreparation> preparations, Clock clock,
            @Value("${edgewise.billing.run-workers:2}") int workers) {
        this.db = db;
        this.tx = tx;
        this.invoices = invoices;
        this.calendar = calendar;
        this.preparations = preparations;
        this.clock = clock;
        this.workers = workers;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(workers, work -> {
            Thread t = new Thread(work, "invoice-run-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /** The months a run may be for, newest first: those that are over. */
    public List<YearMonth> months() {
        YearMonth last = calendar.lastEndedMonth();
        return IntStream.range(0, MONTHS_OFFERED).mapToObj(last::minusMonths).toList();
    }

    public String label(YearMonth month) {
        return calendar.period(month).label();
    }

    /**
     * What the run of the month would invoice if it started now, per customer and currency, with the same
     * rounding as the invoices. Prepares the month's charges first; changes nothing else.
     */
    public Preview preview(YearMonth month, Actor actor) {
        requireFinance(actor);
        BillingCalendar.Period period = endedPeriod(month);
        prepare(period);
        return tx.execute(status -> {
            List<PreviewRow> rows = new ArrayList<>();
            Map<String, CurrencyTotal> totals = new java.util.TreeMap<>();
            List<Candidate> group = new ArrayList<>();
            String[] customer = new String[2];
            Runnable flush = () -> {
                if (!group.isEmpty()) {
                    PreviewRow row = previewRow(customer[0], customer[1], group);
                    rows.add(row);
                    totals.merge(row.currency(), new CurrencyTotal(row.currency(), 1, row.lines(), row.net(),
                            row.tax(), row.gross()), InvoiceRuns::add);
                    group.clear();
                }
            };
            try (var cursor = db.select(candidateFields()).select(DOCUMENT.REFERENCE, DOCUMENT.TITLE)
                    .from(INVOICE_CANDIDATE).join(DOCUMENT).on(DOCUMENT.ID.eq(INVOICE_CANDIDATE.CUSTOMER_ID))
                    .where(open(period.end()))
                    .orderBy(DOCUMENT.TITLE, INVOICE_CANDIDATE.CUSTOMER_ID, INVOICE_CANDIDATE.CURRENCY)
                    .fetchSize(1_000).fetchLazy()) {
                for (Record r : cursor) {
                    Candidate c = toCandidate(r);
                    if (!group.isEmpty() && (group.get(0).customerId() != c.customerId()
                            || !group.get(0).currency().equals(c.currency()))) {
                        flush.run();
                    }
                    customer[0] = r.get(DOCUMENT.REFERENCE);
                    customer[1] = r.get(DOCUMENT.TITLE);
                    group.add(c);
                }
            }
            flush.run();
            return new Preview(month, period.label(), rows, List.copyOf(totals.values()), find(period));
        });
    }

    /**
     * Starts the run of the month, or joins it when it was started already (on this Master or another), and
     * works it in the background here; answers at once with its progress. A finished run is answered as it is.
     */
    public Status start(YearMonth month, Actor actor) {
        requireFinance(actor);
        BillingCalendar.Period period = endedPeriod(month);
        Optional<Status> existing = tx.execute(s -> find(period));
        if (existing.isPresent() && existing.get().isDone()) {
            return existing.get();
        }
        prepare(period);
        Status run = open(period, actor);
        if (run.isRunning()) {
            for (int i = 0; i < workers; i++) {
                executor.execute(() -> work(run.id()));
            }
        }
        return run;
    }

    /** The run of the month, if it was started. */
    public Optional<Status> status(YearMonth month, Actor actor) {
        requireFinance(actor);
        return tx.execute(s -> find(calendar.period(month)));
    }

    /** Inserts the month's run with its customers, or finds the one another start inserted; a failed run runs again. */
    Status open(BillingCalendar.Period period, Actor actor) {
        return tx.execute(s -> {
            OffsetDateTime start = utc(period.start());
            Optional<Long> created = db.insertInto(INVOICE_RUN)
                    .set(INVOICE_RUN.PERIOD_START, start)
                    .set(INVOICE_RUN.PERIOD_END, utc(period.end()))
                    .set(INVOICE_RUN.STATE, RUNNING)
                    .set(INVOICE_RUN.STARTED_BY, actor.name())
                    .set(INVOICE_RUN.STARTED_AT, now())
                    .onConflict(INVOICE_RUN.PERIOD_START).doNothing()
                    .returningResult(INVOICE_RUN.ID)
                    .fetchOptional(INVOICE_RUN.ID);
            if (created.isPresent()) {
                long runId = created.get();
                int customers = db.insertInto(INVOICE_RUN_CUSTOMER, INVOICE_RUN_CUSTOMER.RUN_ID,
                                INVOICE_RUN_CUSTOMER.CUSTOMER_ID)
                        .select(DSL.selectDistinct(DSL.val(runId), INVOICE_CANDIDATE.CUSTOMER_ID)
                                .from(INVOICE_CANDIDATE).where(open(period.end())))
                        .execute();
                db.update(INVOICE_RUN).set(INVOICE_RUN.CUSTOMERS_TOTAL, customers).where(INVOICE_RUN.ID.eq(runId))
                        .execute();
                // the month's candidates were mostly made just now, and the run's customers certainly: the
                // planner is to see their real size while it plans the run's queries
                db.execute("ANALYZE invoice_candidate, invoice_run_customer");
                log.info("Invoice run of {} started by {} for {} customers", period.label(), actor.name(), customers);
            } else {
                db.update(INVOICE_RUN).set(INVOICE_RUN.STATE, RUNNING).setNull(INVOICE_RUN.ERROR)
                        .where(INVOICE_RUN.PERIOD_START.eq(start).and(INVOICE_RUN.STATE.eq(FAILED)))
                        .execute();
            }
            return find(period).orElseThrow();
        });
    }

    /** Invoices the run's customers a few at a time until none is left, then marks the run done. */
    void work(long runId) {
        try {
            while (Boolean.TRUE.equals(tx.execute(s -> invoiceNextCustomers(runId)))) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
            tx.executeWithoutResult(s -> finish(runId));
        } catch (RuntimeException e) {
            log.error("Invoice run #{} failed", runId, e);
            String message = String.valueOf(e.getMessage());
            tx.executeWithoutResult(s -> db.update(INVOICE_RUN)
                    .set(INVOICE_RUN.STATE, FAILED)
                    .set(INVOICE_RUN.ERROR, message.length() > MAX_ERROR ? message.substring(0, MAX_ERROR) : message)
                    .where(INVOICE_RUN.ID.eq(runId).and(INVOICE_RUN.STATE.eq(RUNNING)))
                    .execute());
        }
    }

    /**
     * The next customers of the run (up to {@value #CUSTOMERS_PER_TRANSACTION}) in one transaction, which
     * saves the statements and the commit that every customer would otherwise cost; false when no customer is
     * left for this worker.
     */
    private boolean invoiceNextCustomers(long runId) {
        InvoiceRunRecord run = db.selectFrom(INVOICE_RUN).where(INVOICE_RUN.ID.eq(runId)).fetchSingle();
        if (!RUNNING.equals(run.getState())) {
            return false;
        }
        List<Long> customerIds = db.select(INVOICE_RUN_CUSTOMER.CUSTOMER_ID).from(INVOICE_RUN_CUSTOMER)
                .where(INVOICE_RUN_CUSTOMER.RUN_ID.eq(runId).and(INVOICE_RUN_CUSTOMER.DONE_AT.isNull()))
                .orderBy(INVOICE_RUN_CUSTOMER.CUSTOMER_ID)
                .limit(CUSTOMERS_PER_TRANSACTION)
                .forUpdate().skipLocked()
                .fetch(INVOICE_RUN_CUSTOMER.CUSTOMER_ID);
        if (customerIds.isEmpty()) {
            return false;
        }
        Instant start = run.getPeriodStart().toInstant();
        BillingCalendar.Period period = new BillingCalendar.Period(calendar.monthOf(start), start,
                run.getPeriodEnd().toInstant());
        // locked, so that a run of another month working on these customers at the same time waits and then
        // finds them charged
        Map<Long, Map<String, List<Candidate>>> byCustomer = new LinkedHashMap<>();
        customerIds.forEach(id -> byCustomer.put(id, new LinkedHashMap<>()));
        db.select(candidateFields()).from(INVOICE_CANDIDATE)
                .where(INVOICE_CANDIDATE.CUSTOMER_ID.eq(DSL.any(customerIds.toArray(Long[]::new)))
                        .and(open(period.end())))
                .orderBy(INVOICE_CANDIDATE.CUSTOMER_ID, INVOICE_CANDIDATE.CURRENCY, INVOICE_CANDIDATE.SUBSCRIPTION_ID,
                        INVOICE_CANDIDATE.PERIOD_START, INVOICE_CANDIDATE.CHARGE, INVOICE_CANDIDATE.ID)
                .forUpdate()
                .fetch(InvoiceRuns::toCandidate)
                .forEach(c -> byCustomer.get(c.customerId()).computeIfAbsent(c.currency(), k -> new ArrayList<>()).add(c));
        int created = 0;
        for (Map.Entry<Long, Map<String, List<Candidate>>> customer : byCustomer.entrySet()) {
            boolean first = true;
            try {
                for (Map.Entry<String, List<Candidate>> currency : customer.getValue().entrySet()) {
                    // invoice (run, customer) is unique: a second currency's draft is the run's work but not linked to it
                    invoices.draftFromCandidates(customer.getKey(), runId, period, currency.getKey(),
                            currency.getValue(), first);
                    first = false;
                    created++;
                }
            } catch (RuntimeException e) {
                throw new IllegalStateException("Customer #" + customer.getKey() + " could not be invoiced: "
                        + e.getMessage(), e);
            }
        }
        db.update(INVOICE_RUN_CUSTOMER).set(INVOICE_RUN_CUSTOMER.DONE_AT, now())
                .where(INVOICE_RUN_CUSTOMER.RUN_ID.eq(runId)
                        .and(INVOICE_RUN_CUSTOMER.CUSTOMER_ID.eq(DSL.any(customerIds.toArray(Long[]::new)))))
                .execute();
        // last, so that the run's row is locked only for the end of the transaction
        db.update(INVOICE_RUN)
                .set(INVOICE_RUN.CUSTOMERS_DONE, INVOICE_RUN.CUSTOMERS_DONE.plus(customerIds.size()))
                .set(INVOICE_RUN.INVOICES_CREATED, INVOICE_RUN.INVOICES_CREATED.plus(created))
                .where(INVOICE_RUN.ID.eq(runId))
                .execute();
        return true;
    }

    /** The run is done once every customer is; a worker that sees others still at work leaves it to them. */
    private void finish(long runId) {
        db.update(INVOICE_RUN)
                .set(INVOICE_RUN.STATE, DONE)
                .set(INVOICE_RUN.FINISHED_AT, now())
                .where(INVOICE_RUN.ID.eq(runId).and(INVOICE_RUN.STATE.eq(RUNNING))
                        .andNotExists(DSL.selectOne().from(INVOICE_RUN_CUSTOMER)
                                .where(INVOICE_RUN_CUSTOMER.RUN_ID.eq(runId)
                                        .and(INVOICE_RUN_CUSTOMER.DONE_AT.isNull()))))
                .execute();
    }

    private void prepare(BillingCalendar.Period period) {
        preparations.orderedStream().forEach(p -> p.prepare(period.start(), period.end()));
    }

    private Optional<Status> find(BillingCalendar.Period period) {
        return db.selectFrom(INVOICE_RUN).where(INVOICE_RUN.PERIOD_START.eq(utc(period.start())))
                .fetchOptional(r -> new Status(r.getId(), period.month(), period.label(), r.getState(),
                        r.getStartedBy(), r.getStartedAt(), r.getFinishedAt(), r.getCustomersTotal(),
                        r.getCustomersDone(), r.getInvoicesCreated(), r.getError()));
    }

    private BillingCalendar.Period endedPeriod(YearMonth month) {
        if (month == null) {
            throw new ValidationException("month", "Choose the month to invoice.");
        }
        BillingCalendar.Period period = calendar.period(month);
        if (!calendar.isOver(period)) {
            throw new ValidationException("month", period.label() + " is not over yet: it can be invoiced from "
                    + period.end().atZone(calendar.zone()).toLocalDate() + ".");
        }
        return period;
    }

    private static void requireFinance(Actor actor) {
        if (!actor.in(RoleGroup.FINANCE)) {
            throw new AccessDeniedException(actor.name() + " may not run invoicing.");
        }
    }

    /** Candidates no invoice line charges yet whose period starts before the end of the run's month. */
    private static Condition open(Instant periodEnd) {
        return INVOICE_CANDIDATE.INVOICE_LINE_ID.isNull().and(INVOICE_CANDIDATE.PERIOD_START.lt(utc(periodEnd)));
    }

    private static List<org.jooq.Field<?>> candidateFields() {
        return List.of(INVOICE_CANDIDATE.ID, INVOICE_CANDIDATE.CUSTOMER_ID, INVOICE_CANDIDATE.SUBSCRIPTION_ID,
                INVOICE_CANDIDATE.DESCRIPTION, INVOICE_CANDIDATE.PERIOD_START, INVOICE_CANDIDATE.PERIOD_END,
                INVOICE_CANDIDATE.QUANTITY, INVOICE_CANDIDATE.UNIT, INVOICE_CANDIDATE.UNIT_PRICE,
                INVOICE_CANDIDATE.AMOUNT, INVOICE_CANDIDATE.CURRENCY, INVOICE_CANDIDATE.TAX_RATE);
    }

    private static Candidate toCandidate(Record r) {
        return new Candidate(r.get(INVOICE_CANDIDATE.ID), r.get(INVOICE_CANDIDATE.CUSTOMER_ID),
                r.get(INVOICE_CANDIDATE.SUBSCRIPTION_ID), r.get(INVOICE_CANDIDATE.DESCRIPTION),
                r.get(INVOICE_CANDIDATE.PERIOD_START), r.get(INVOICE_CANDIDATE.PERIOD_END),
                r.get(INVOICE_CANDIDATE.QUANTITY), r.get(INVOICE_CANDIDATE.UNIT), r.get(INVOICE_CANDIDATE.UNIT_PRICE),
                r.get(INVOICE_CANDIDATE.AMOUNT), r.get(INVOICE_CANDIDATE.CURRENCY),
                InvoiceTotals.rate(r.get(INVOICE_CANDIDATE.TAX_RATE)));
    }

    private static PreviewRow previewRow(String reference, String name, List<Candidate> candidates) {
        String currency = candidates.get(0).currency();
        InvoiceTotals.Totals totals = InvoiceTotals.of(candidates.stream()
                .map(c -> new InvoiceTotals.Taxed(c.lineNet(), c.taxRate())).toList(), currency);
        return new PreviewRow(reference, name, currency, candidates.size(), totals.rates().stream()
                .map(t -> new Invoices.Tax(t.taxRate(), t.net(), t.tax())).toList(), totals.net(), totals.tax(),
                totals.gross());
    }

    private static CurrencyTotal add(CurrencyTotal a, CurrencyTotal b) {
        return new CurrencyTotal(a.currency(), a.customers() + b.customers(), a.lines() + b.lines(),
                a.net().add(b.net()), a.tax().add(b.tax()), a.gross().add(b.gross()));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}

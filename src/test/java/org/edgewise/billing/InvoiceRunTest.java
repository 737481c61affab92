package org.edgewise.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.edgewise.billing.BillingFixtures.BILLING;
import static org.edgewise.jooq.Tables.INVOICE;
import static org.edgewise.jooq.Tables.INVOICE_CANDIDATE;
import static org.edgewise.jooq.Tables.INVOICE_LINE;
import static org.edgewise.jooq.Tables.INVOICE_RUN;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.edgewise.MasterTest;
import org.edgewise.access.Actor;
import org.edgewise.document.ValidationException;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/**
 * The monthly run: one draft per customer with one line per open candidate and the totals of the rounding rule;
 * a month is invoiced once however often and from however many Masters it is started; what arrives late is
 * invoiced by the next month's run; the preview announces exactly what the run then makes.
 */
class InvoiceRunTest extends MasterTest {

    @Autowired
    InvoiceRuns runs;

    @Autowired
    Invoices invoices;

    @Autowired
    BillingFixtures billing;

    @Autowired
    TestChargePreparation preparation;

    @Autowired
    DSLContext db;

    @Test
    void aRunMakesOneDraftPerCustomerWithALinePerCandidateAndTheTotalsOfTheRoundingRule() {
        YearMonth month = billing.freshMonth();
        long euroCustomer = billing.customer();
        long euroService = billing.subscription(euroCustomer);
        long c1 = billing.candidate(euroService, month, "web (default), whole month", "1", "10.005", "10.005", "EUR",
                "20");
        long c2 = billing.candidate(euroService, month, "web (default), a third of the month", "0.333333", "10",
                "3.333333333333", "EUR", "20");
        long c3 = billing.candidate(euroService, month, "web (default), cpu", "2.5", "2.85", "7.125", "EUR", "5.5");
        long yenCustomer = billing.customer();
        long yenService = billing.subscription(yenCustomer);
        billing.candidate(yenService, month, "kv (default), whole month", "1", "1234.5", "1234.5", "JPY", "10");
        billing.candidate(yenService, month, "kv (default), disk", "0.99490", "100", "99.49", "JPY", "8");

        InvoiceRuns.Status run = runToTheEnd(month);

        assertThat(billing.invoicesOf(euroCustomer)).hasSize(1);
        Invoices.Invoice euros = invoice(billing.invoicesOf(euroCustomer).get(0));
        assertThat(euros.state()).isEqualTo(BillingWorkflows.DRAFT);
        assertThat(euros.number()).isNull();
        assertThat(euros.title()).isEqualTo(runs.label(month));
        assertThat(euros.currency()).isEqualTo("EUR");
        assertThat(euros.periodFrom()).isEqualTo(month.atDay(1));
        assertThat(euros.periodTo()).isEqualTo(month.atEndOfMonth());
        assertThat(euros.paymentReference()).isEqualTo(BillingAccounts.paymentReferenceOf(euroCustomer));
        assertThat(euros.lines()).extracting(Invoices.Line::description, Invoices.Line::net).containsExactly(
                org.assertj.core.groups.Tuple.tuple("web (default), whole month", new BigDecimal("10.01")),
                org.assertj.core.groups.Tuple.tuple("web (default), a third of the month", new BigDecimal("3.33")),
                org.assertj.core.groups.Tuple.tuple("web (default), cpu", new BigDecimal("7.13")));
        assertThat(euros.lines()).allMatch(Invoices.Line::charged);
        // 20 %: 13.34 → 2.668 → 2.67; 5.5 %: 7.13 → 0.39215 → 0.39
        assertThat(euros.taxes()).containsExactly(
                new Invoices.Tax(new BigDecimal("5.50"), new BigDecimal("7.13"), new BigDecimal("0.39")),
                new Invoices.Tax(new BigDecimal("20.00"), new BigDecimal("13.34"), new BigDecimal("2.67")));
        assertThat(euros.net()).isEqualTo(new BigDecimal("20.47"));
        assertThat(euros.tax()).isEqualTo(new BigDecimal("3.06"));
        assertThat(euros.gross()).isEqualTo(new BigDecimal("23.53"));
        assertThat(List.of(c1, c2, c3)).allSatisfy(c -> assertThat(billing.lineOf(c)).isNotNull());

        Invoices.Invoice yen = invoice(billing.invoicesOf(yenCustomer).get(0));
        assertThat(yen.lines()).extracting(Invoices.Line::net)
                .containsExactly(new BigDecimal("1235"), new BigDecimal("99"));
        assertThat(yen.taxes()).extracting(Invoices.Tax::tax).containsExactly(new BigDecimal("8"), new BigDecimal("124"));
        assertThat(yen.gross()).isEqualTo(new BigDecimal("1466"));

        assertThat(run.isDone()).isTrue();
        assertThat(run.customersDone()).isEqualTo(run.customersTotal()).isGreaterThanOrEqualTo(2);
        assertThat(run.invoicesCreated()).isEqualTo(db.fetchCount(INVOICE, INVOICE.RUN_ID.eq(run.id())));
        assertThat(preparation.calls()).contains(new TestChargePreparation.Call(billing.period(month).start(),
                billing.period(month).end()));
    }

    @Test
    void startingAMonthAgainInvoicesNothingMoreAndWhatArrivesLateGoesOnceToTheNextMonth() {
        YearMonth month = billing.freshMonth();
        YearMonth next = billing.freshMonth();
        long customer = billing.customer();
        long service = billing.subscription(customer);
        billing.monthly(service, month, "30.00");
        InvoiceRuns.Status first = runToTheEnd(month);
        int lines = db.fetchCount(INVOICE_LINE);

        InvoiceRuns.Status again = runToTheEnd(month);
        long late = billing.candidate(service, month, "usage that arrived after the run", "3", "1.5", "4.5", "EUR", "20");
        InvoiceRuns.Status afterTheLateUsage = runToTheEnd(month);

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(afterTheLateUsage.id()).isEqualTo(first.id());
        assertThat(db.fetchCount(INVOICE_LINE)).isEqualTo(lines);
        assertThat(billing.invoicesOf(customer)).hasSize(1);
        assertThat(billing.lineOf(late)).isNull();

        runToTheEnd(next);
        runToTheEnd(next);

        List<Long> invoiced = billing.invoicesOf(customer);
        assertThat(invoiced).hasSize(2);
        Invoices.Invoice nextInvoice = invoice(invoiced.get(1));
        assertThat(nextInvoice.periodFrom()).isEqualTo(next.atDay(1));
        assertThat(nextInvoice.lines()).singleElement().satisfies(l -> {
            assertThat(l.description()).isEqualTo("usage that arrived after the run");
            assertThat(l.net()).isEqualTo(new BigDecimal("4.50"));
        });
        assertThat(billing.lineOf(late)).isEqualTo(nextInvoice.lines().get(0).id());
    }

    @Test
    void eightWorkersOfTwoMastersStartingTheSameMonthAtOnceInvoiceEachCustomerOnce() throws Exception {
        YearMonth month = billing.freshMonth();
        List<Long> customers = new ArrayList<>();
        List<Long> candidates = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            long customer = billing.customer();
            long service = billing.subscription(customer);
            customers.add(customer);
            for (int c = 0; c < 3; c++) {
                candidates.add(billing.monthly(service, month, (10 + c) + ".00"));
            }
        }
        BillingCalendar.Period period = billing.period(month);
        CyclicBarrier together = new CyclicBarrier(8);
        ExecutorService masters = Executors.newFixedThreadPool(8);
        List<Future<Long>> workers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Actor starter = new Actor("master-" + (t % 2) + "-worker-" + t, BILLING.roles(), null);
            workers.add(masters.submit(() -> {
                together.await();
                InvoiceRuns.Status run = runs.open(period, starter);
                runs.work(run.id());
                return run.id();
            }));
        }
        List<Long> runIds = new ArrayList<>();
        for (Future<Long> worker : workers) {
            runIds.add(worker.get(2, TimeUnit.MINUTES));
        }
        masters.shutdown();

        assertThat(runIds).containsOnly(runIds.get(0));
        assertThat(db.fetchCount(INVOICE_RUN, INVOICE_RUN.PERIOD_START.eq(period.start().atOffset(
                java.time.ZoneOffset.UTC)))).isEqualTo(1);
        for (long customer : customers) {
            List<Long> invoiced = billing.invoicesOf(customer);
            assertThat(invoiced).as("invoices of customer #%d", customer).hasSize(1);
            assertThat(invoice(invoiced.get(0)).gross()).isEqualTo(new BigDecimal("39.60"));
        }
        assertThat(candidates).allSatisfy(c -> assertThat(billing.lineOf(c)).isNotNull());
        assertThat(db.fetchCount(INVOICE_LINE, INVOICE_LINE.ID.in(db.select(INVOICE_CANDIDATE.INVOICE_LINE_ID)
                .from(INVOICE_CANDIDATE).where(INVOICE_CANDIDATE.ID.in(candidates))))).isEqualTo(candidates.size());
        InvoiceRuns.Status run = runs.status(month, BILLING).orElseThrow();
        assertThat(run.isDone()).isTrue();
        assertThat(run.customersDone()).isEqualTo(run.customersTotal()).isGreaterThanOrEqualTo(customers.size());
        assertThat(run.invoicesCreated()).isEqualTo(db.fetchCount(INVOICE, INVOICE.RUN_ID.eq(run.id())));
    }

    @Test
    void thePreviewAnnouncesWhatTheRunMakesAndChangesNothingButTheCandidates() {
        YearMonth month = billing.freshMonth();
        long first = billing.customer();
        long firstService = billing.subscription(first);
        billing.candidate(firstService, month, "a", "0.5", "19.99", "9.995", "EUR", "20");
        billing.candidate(firstService, month, "b", "1", "5.555", "5.555", "EUR", "5.5");
        long second = billing.customer();
        long secondService = billing.subscription(second);
        billing.candidate(secondService, month, "c", "1", "300", "300", "JPY", "10");
        // what the subscription feature would prepare when asked: a charge of the month made at the last moment
        preparation.atNextPreparation((start, end) -> {
            billing.candidate(secondService, month, "d", "1", "0.5", "0.5", "JPY", "10");
            return 1;
        });
        int linesBefore = db.fetchCount(INVOICE_LINE);

        InvoiceRuns.Preview preview = runs.preview(month, BILLING);

        assertThat(db.fetchCount(INVOICE_LINE)).isEqualTo(linesBefore);
        assertThat(preview.run()).isEmpty();
        InvoiceRuns.PreviewRow firstRow = row(preview, first);
        InvoiceRuns.PreviewRow secondRow = row(preview, second);
        assertThat(firstRow.lines()).isEqualTo(2);
        assertThat(secondRow.lines()).isEqualTo(2);
        assertThat(preview.totals()).extracting(InvoiceRuns.CurrencyTotal::currency).contains("EUR", "JPY");

        runToTheEnd(month);

        for (InvoiceRuns.PreviewRow row : List.of(firstRow, secondRow)) {
            long customer = row == firstRow ? first : second;
            Invoices.Invoice invoice = invoice(billing.invoicesOf(customer).get(0));
            assertThat(invoice.lines()).hasSize(row.lines());
            assertThat(invoice.currency()).isEqualTo(row.currency());
            assertThat(invoice.taxes()).isEqualTo(row.taxes());
            assertThat(List.of(invoice.net(), invoice.tax(), invoice.gross()))
                    .isEqualTo(List.of(row.net(), row.tax(), row.gross()));
        }
        // 0.5 × 19.99 = 9.995 → 10.00 and 5.56: taxes 2.00 and 0.3058 → 0.31
        assertThat(firstRow.gross()).isEqualTo(new BigDecimal("17.87"));
        // 300 + 0.5 → 1 yen: 301, tax 30.1 → 30
        assertThat(secondRow.gross()).isEqualTo(new BigDecimal("331"));
    }

    @Test
    void aCustomerThatCannotBeInvoicedStopsTheRunWhichFinishesWhenStartedAgainAfterTheFix() {
        YearMonth month = billing.freshMonth();
        long customer = billing.customer();
        long service = billing.subscription(customer);
        long broken = billing.candidate(service, month, "priced in no currency", "1", "1", "1", "ABC", "20");

        runs.start(month, BILLING);
        InvoiceRuns.Status failed = await(month, r -> r.state().equals(InvoiceRuns.FAILED));

        assertThat(failed.error()).contains("Customer #" + customer);
        assertThat(billing.invoicesOf(customer)).isEmpty();
        db.update(INVOICE_CANDIDATE).set(INVOICE_CANDIDATE.CURRENCY, "EUR").where(INVOICE_CANDIDATE.ID.eq(broken))
                .execute();

        InvoiceRuns.Status done = runToTheEnd(month);

        assertThat(done.id()).isEqualTo(failed.id());
        assertThat(done.error()).isNull();
        assertThat(billing.invoicesOf(customer)).hasSize(1);
    }

    @Test
    void onlyFinanceRunsAndAMonthThatIsNotOverCannotBeRun() {
        YearMonth now = YearMonth.now(java.time.ZoneOffset.UTC).plusMonths(1);

        assertThatThrownBy(() -> runs.start(billing.freshMonth(), operator())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> runs.preview(billing.freshMonth(), customerOf(billing.customer())))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> runs.start(now, BILLING)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("is not over yet");
        assertThat(runs.months()).hasSize(24).doesNotContain(now);
    }

    private InvoiceRuns.Status runToTheEnd(YearMonth month) {
        runs.start(month, BILLING);
        return await(month, InvoiceRuns.Status::isDone);
    }

    private InvoiceRuns.Status await(YearMonth month, java.util.function.Predicate<InvoiceRuns.Status> condition) {
        return Awaitility.await("the run of " + month).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> runs.status(month, BILLING).orElseThrow(), condition::test);
    }

    private Invoices.Invoice invoice(long id) {
        return invoices.get(billing.referenceOf(id), BILLING);
    }

    private InvoiceRuns.PreviewRow row(InvoiceRuns.Preview preview, long customer) {
        String reference = billing.referenceOf(customer);
        return preview.customers().stream().filter(r -> r.customerReference().equals(reference)).findFirst()
                .orElseThrow();
    }
}

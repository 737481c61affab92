package org.edgewise.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.edgewise.Fixtures;
import org.edgewise.MasterTest;
import org.edgewise.document.Document;
import org.edgewise.subscription.Charges;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The billing benchmark, run by {@code ./edgewise bench --billing} and never by the suite: a month of
 * N subscriptions (default 100,000, ten per customer) with a month of usage each (weekly CPU and disk
 * figures: eight usage rows per subscription) written straight into the tables, then the real month's work
 * timed step by step — charges prepared from subscriptions and usage, the invoice run, and PDFs of 1,000 of
 * the invoices on two threads. It prints its figures and checks that every customer got one invoice.
 */
@EnabledIfSystemProperty(named = "edgewise.bench.billing", matches = "true")
class BillingBenchmark extends MasterTest {

    private static final int SUBSCRIPTIONS = Integer.getInteger("edgewise.bench.subscriptions", 100_000);
    private static final int PER_CUSTOMER = 10;
    private static final int PDFS = Integer.getInteger("edgewise.bench.pdfs", 1_000);

    @Autowired
    DSLContext db;

    @Autowired
    Fixtures fixtures;

    @Autowired
    Charges charges;

    @Autowired
    InvoiceRuns runs;

    @Autowired
    PrintedDocuments printed;

    @Autowired
    InvoicePdf pdf;

    @Value("${edgewise.billing.zone}")
    ZoneId zone;

    @Test
    void aMonthOfSubscriptionsAndUsageIsInvoicedAndPrinted() throws Exception {
        YearMonth month = YearMonth.from(Instant.now().atZone(zone)).minusMonths(1);
        OffsetDateTime start = month.atDay(1).atStartOfDay(zone).toOffsetDateTime();
        String release = fixtures.release();
        long product = db.fetchOne("select product_id from software_release where url = ?", release).get(0, Long.class);
        Document computer = fixtures.openComputer("bench-" + UUID.randomUUID(), 10, 1, List.of());
        int customers = Math.max(1, SUBSCRIPTIONS / PER_CUSTOMER);

        long t0 = System.nanoTime();
        seed(product, computer.id(), release, customers, start);
        long seeded = System.nanoTime();
        int candidates = charges.prepare(start.toInstant(), month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant());
        long prepared = System.nanoTime();
        runs.start(month, BillingFixtures.BILLING);
        // asked ten times a second, as the console's progress bar does more slowly: asking without pause
        // would take a core and a connection from the run it measures
        InvoiceRuns.Status status = await().atMost(Duration.ofHours(1)).pollInterval(Duration.ofMillis(100))
                .until(() -> runs.status(month, BillingFixtures.BILLING).orElseThrow(), s -> !s.isRunning());
        long invoiced = System.nanoTime();
        List<String> references = db.fetch(
                "select d.reference from invoice i join document d on d.id = i.id where i.run_id = ? order by i.id limit ?",
                status.id(), PDFS).getValues(0, String.class);
        AtomicLong bytes = new AtomicLong();
        ExecutorService printers = Executors.newFixedThreadPool(2);
        long printStart = System.nanoTime();
        List<Future<Long>> printing = references.stream().map(r -> printers.submit(() -> bytes.addAndGet(
                pdf.render(printed.find(BillingWorkflows.INVOICE, r, BillingFixtures.BILLING)).length))).toList();
        for (Future<Long> f : printing) {
            f.get();
        }
        long printed = System.nanoTime();
        printers.shutdown();

        long invoices = db.fetchOne("select count(*) from invoice where run_id = ?", status.id()).get(0, Long.class);
        long lines = db.fetchOne("select count(*) from invoice_line l join invoice i on i.id = l.invoice_id "
                + "where i.run_id = ?", status.id()).get(0, Long.class);
        System.out.printf("""
                Billing benchmark: %,d subscriptions of %,d customers, %,d usage rows, month %s
                  seeding the tables (not part of the figures)  %s
                  charges prepared                               %s  (%,d candidates)
                  invoice run (%d workers)                        %s  (%,d draft invoices, %,d lines)
                  preparation and run together                   %s
                  PDFs of %,d invoices (2 threads)               %s  (%.1f PDFs/s, %,d KB on average)
                """, SUBSCRIPTIONS, customers, SUBSCRIPTIONS * 8L, month, seconds(seeded - t0),
                seconds(prepared - seeded), candidates, 2, seconds(invoiced - prepared), invoices, lines,
                seconds(invoiced - seeded), references.size(), seconds(printed - printStart),
                references.size() / ((printed - printStart) / 1e9), bytes.get() / Math.max(1, references.size()) / 1024);
        assertThat(status.isDone()).as(status.toString()).isTrue();
        assertThat(invoices).isEqualTo(customers);
    }

    private void seed(long product, long computer, String release, int customers, OffsetDateTime start) {
        // JDBC timestamps: plain SQL binds an OffsetDateTime as a string, which PostgreSQL will not take as a timestamp
        Timestamp now = Timestamp.from(Instant.now());
        Timestamp from = Timestamp.from(start.minusDays(40).toInstant());
        Timestamp begin = Timestamp.from(start.toInstant());
        long priceList = db.fetchOne("insert into document (doc_type, reference, title, state, created_at, updated_at) "
                + "values ('price_list', 'BPL-' || gen_random_uuid(), 'Bench prices', 'active', ?, ?) returning id",
                now, now).get(0, Long.class);
        db.execute("insert into price_list (id, currency, valid_from) values (?, 'EUR', ?)", priceList, from);
        db.execute("insert into price_item (price_list_id, product_id, software_type, charge, unit_price, tax_rate) values "
                + "(?, ?, '', 'month', 9.90, 20), (?, ?, '', 'cpu_hour', 0.05, 20), (?, ?, '', 'disk_gb_month', 0.10, 20)",
                priceList, product, priceList, product, priceList, product);
        String run = UUID.randomUUID().toString().substring(0, 8);
        db.execute("insert into document (doc_type, reference, title, state, created_at, updated_at) "
                + "select 'organisation', 'BORG-" + run + "-' || n, 'Bench customer ' || n, 'active', ?, ? "
                + "from generate_series(1, ?) n", now, now, customers);
        db.execute("insert into organisation (id) select id from document where reference like 'BORG-" + run + "-%'");
        String subscriptions = "(select n, (select id from document where reference = 'BORG-" + run + "-' || (1 + (n - 1) / "
                + PER_CUSTOMER + ")) as customer from generate_series(1, " + SUBSCRIPTIONS + ") n) bench_sub";
        db.execute("insert into document (doc_type, reference, title, state, owner_id, created_at, updated_at) "
                + "select 'tree', 'BTREE-" + run + "-' || n, 'bench ' || n, 'started', customer, ?, ? from " + subscriptions,
                now, now);
        db.execute("insert into instance_tree (id) select id from document where reference like 'BTREE-" + run + "-%'");
        db.execute("insert into document (doc_type, reference, title, state, owner_id, created_at, updated_at) "
                + "select 'instance', 'BINST-" + run + "-' || n, 'bench ' || n, 'started', customer, ?, ? from " + subscriptions,
                now, now);
        db.execute("insert into instance (id, tree_id, title, release_url, software_type, changed_at) "
                + "select i.id, t.id, 'root', ?, 'default', ? from document i "
                + "join document t on t.reference = 'BTREE-" + run + "-' || substr(i.reference, length('BINST-" + run
                + "-') + 1) where i.reference like 'BINST-" + run + "-%'", release, now);
        db.execute("insert into document (doc_type, reference, title, state, owner_id, created_at, updated_at) "
                + "select 'subscription', 'BSUB-" + run + "-' || n, 'bench ' || n, 'active', customer, ?, ? "
                + "from " + subscriptions, now, now);
        db.execute("insert into subscription (id, tree_id, customer_id, product_id, software_type, started_at, "
                + "billed_until) select s.id, t.id, s.owner_id, ?, 'default', ?, ? from document s "
                + "join document t on t.reference = 'BTREE-" + run + "-' || substr(s.reference, length('BSUB-" + run
                + "-') + 1) where s.reference like 'BSUB-" + run + "-%'", product, begin, begin);
        db.execute("insert into usage_batch (computer_id, batch_id, received_at, record_count) values (?, ?, ?, ?)",
                computer, "bench-" + run, now, SUBSCRIPTIONS * 8);
        db.execute("insert into usage_record (computer_id, batch_id, instance_id, tree_id, owner_id, metric, quantity, "
                + "period_start, period_end, received_at) "
                + "select ?, ?, i.id, i.tree_id, d.owner_id, m.metric, m.quantity, "
                + "?::timestamptz + (w * interval '7 days'), ?::timestamptz + ((w + 1) * interval '7 days'), ? "
                + "from instance i join document d on d.id = i.id, generate_series(0, 3) w, "
                + "(values ('cpu_seconds', 3600.0), ('disk_bytes', 2000000000.0)) m(metric, quantity) "
                + "where d.reference like 'BINST-" + run + "-%'", computer, "bench-" + run, begin, begin, now);
        // the seeded tables only, as autovacuum would: a table analysed while empty (invoice_line) is planned
        // as empty, and the foreign-key checks planned then scan it whole for every row for as long as the
        // connection lives
        db.execute("analyze document, organisation, instance_tree, instance, subscription, price_list, price_item, "
                + "usage_batch, usage_record");
    }

    private static String seconds(long nanos) {
        return String.format("%7.1f s", Duration.ofNanos(nanos).toMillis() / 1000.0);
    }
}

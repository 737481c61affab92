package org.edgewise.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.edgewise.billing.BillingFixtures.BILLING;
import static org.edgewise.jooq.Tables.DOCUMENT;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.edgewise.MasterTest;
import org.edgewise.TestClock;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.FieldChange;
import org.edgewise.document.TimelineEntry;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Invoice numbers come on issue from the gapless yearly INV series, in the issuing transaction: eight threads
 * issuing at once get the next numbers without a gap, in the order of their issue times, and an issue that is
 * rolled back gives its number back. Credit notes have a series of their own.
 */
class InvoiceNumberingTest extends MasterTest {

    private static final int INVOICES = 80;
    private static final int THREADS = 8;

    @Autowired
    Invoices invoices;

    @Autowired
    DocumentEngine engine;

    @Autowired
    BillingFixtures billing;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    Clock clock;

    @Autowired
    DSLContext db;

    @Test
    void anInvoiceIssuedJustAfterMidnightOnNewYearsDayInTheBillingZoneIsNumberedInTheNewYear() {
        long customer = billing.customer();
        Document draft = invoices.createDraft(customer, "New year", "EUR", BILLING);
        invoices.addLine(draft.id(), new Invoices.NewLine("Work", BigDecimal.ONE, "hour", BigDecimal.TEN,
                new BigDecimal("20")), BILLING);
        // 31 December 2027 23:30 UTC is 1 January 2028 00:30 in Paris
        Instant newYear = Instant.parse("2027-12-31T23:30:00Z");
        TestClock testClock = (TestClock) clock;
        testClock.stop();
        testClock.advance(Duration.between(testClock.instant(), newYear));

        Document issued = engine.apply(draft.id(), BillingWorkflows.ISSUE, BILLING, null);

        assertThat(issued.number()).startsWith("INV-2028-");
        assertThat(invoices.get(issued.reference(), BILLING).issuedOn()).isEqualTo(LocalDate.of(2028, 1, 1));
        assertThat(engine.timeline(issued, BILLING)).as("the dates are set by who issued it")
                .anySatisfy(e -> assertThat(e.changes()).extracting(FieldChange::field).contains("issued on", "due on"))
                .filteredOn(e -> e.changes().stream().anyMatch(c -> c.field().equals("issued on")))
                .singleElement().extracting(TimelineEntry::actor).isEqualTo(BILLING.name());
    }

    @Test
    void eightThreadsIssuingGetTheNextNumbersInTheOrderOfTheirIssueWithNoGapForRollbacks() throws Exception {
        long customer = billing.customer();
        List<Document> drafts = new ArrayList<>();
        for (int i = 0; i < INVOICES; i++) {
            Document draft = invoices.createDraft(customer, "Invoice " + i, "EUR", BILLING);
            invoices.addLine(draft.id(), new Invoices.NewLine("Work " + i, BigDecimal.ONE, "hour",
                    new BigDecimal(100 + i), new BigDecimal("20")), BILLING);
            drafts.add(draft);
        }
        int issuedBefore = db.fetchCount(DOCUMENT, DOCUMENT.DOC_TYPE.eq(BillingWorkflows.INVOICE)
                .and(DOCUMENT.NUMBER.like("INV-" + ZonedDateTime.now(clock).getYear() + "-%")));

        ConcurrentLinkedQueue<Document> queue = new ConcurrentLinkedQueue<>(drafts);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<Integer>> issuers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            issuers.add(pool.submit(() -> {
                start.await();
                int undone = 0;
                Document next;
                while ((next = queue.poll()) != null) {
                    long id = next.id();
                    if (id % 5 == 0) {
                        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
                            engine.apply(id, BillingWorkflows.ISSUE, BILLING, null);
                            throw new IllegalStateException("the mail server is down");
                        })).hasMessageContaining("mail server");
                        undone++;
                    }
                    engine.apply(id, BillingWorkflows.ISSUE, BILLING, null);
                }
                return undone;
            }));
        }
        start.countDown();
        int undone = 0;
        for (Future<Integer> issuer : issuers) {
            undone += issuer.get(3, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertThat(undone).as("issues rolled back in between").isPositive();

        int year = ZonedDateTime.now(clock).getYear();
        List<Invoices.Invoice> issued = drafts.stream().map(d -> invoices.get(d.reference(), BILLING))
                .sorted(Comparator.comparing(Invoices.Invoice::number)).toList();
        assertThat(issued).extracting(Invoices.Invoice::number).containsExactlyElementsOf(IntStream
                .rangeClosed(issuedBefore + 1, issuedBefore + INVOICES)
                .mapToObj(n -> String.format("INV-%d-%06d", year, n)).toList());
        assertThat(issued).allSatisfy(i -> {
            assertThat(i.state()).isEqualTo(BillingWorkflows.ISSUED);
            assertThat(i.issuedOn()).isNotNull();
        });
        List<OffsetDateTime> issueTimes = issued.stream().map(i -> issueEntry(i.id()).at()).toList();
        assertThat(issueTimes).isSortedAccordingTo(Comparator.naturalOrder());
    }

    private TimelineEntry issueEntry(long id) {
        return engine.timeline(engine.get(id, BILLING), BILLING).stream()
                .filter(e -> BillingWorkflows.ISSUE.equals(e.action())).findFirst().orElseThrow();
    }
}

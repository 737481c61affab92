package org.edgewise.voucher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.edgewise.jooq.Tables.DOCUMENT;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.edgewise.Http;
import org.edgewise.MasterTest;
import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.TimelineEntry;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Legal numbers are given on issue, from a gapless yearly counter, in the issuing transaction: drafts
 * take none, eight threads issuing at once get the next numbers without a gap in the order of their issue
 * times (1..200 when they are the first of the year), and an issue that is rolled back gives its number
 * back.
 */
class VoucherNumberingTest extends MasterTest {

    private static final int DOCUMENTS = 200;
    private static final int THREADS = 8;

    @Autowired
    Vouchers vouchers;

    @Autowired
    DocumentEngine engine;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    Clock clock;

    @Autowired
    DSLContext db;

    @LocalServerPort
    int port;

    @Test
    void eightThreadsIssuingTwoHundredVouchersGetOneToTwoHundredInTheOrderOfTheirIssueWithNoGapForRollbacks()
            throws Exception {
        Actor billing = new Actor("bill", EnumSet.of(Role.BILLING), null);
        int issuedBefore = db.fetchCount(DOCUMENT, DOCUMENT.DOC_TYPE.eq(VoucherWorkflows.TYPE)
                .and(DOCUMENT.NUMBER.isNotNull()));
        List<Document> drafts = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            drafts.add(vouchers.create(unique("voucher"), 1_000 + i, "EUR", billing));
        }
        assertThat(drafts).allSatisfy(d -> assertThat(d.number()).isNull());

        ConcurrentLinkedQueue<Document> queue = new ConcurrentLinkedQueue<>(drafts);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<Integer>> rolledBack = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            rolledBack.add(pool.submit(() -> {
                start.await();
                int undone = 0;
                Document next;
                while ((next = queue.poll()) != null) {
                    long id = next.id();
                    if (id % 7 == 0) {
                        // an issue whose transaction fails after the number was taken, then the real one
                        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
                            engine.apply(id, VoucherWorkflows.ISSUE, billing, null);
                            throw new IllegalStateException("the printer caught fire");
                        })).hasMessageContaining("printer");
                        undone++;
                    }
                    engine.apply(id, VoucherWorkflows.ISSUE, billing, null);
                }
                return undone;
            }));
        }
        start.countDown();
        int undone = 0;
        for (Future<Integer> f : rolledBack) {
            undone += f.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertThat(undone).as("issues rolled back in between").isPositive();

        int year = ZonedDateTime.now(clock).getYear();
        List<Document> issued = drafts.stream().map(d -> engine.get(d.id(), billing))
                .sorted(Comparator.comparing(Document::number)).toList();
        assertThat(issued).extracting(Document::number).containsExactlyElementsOf(IntStream
                .rangeClosed(issuedBefore + 1, issuedBefore + DOCUMENTS)
                .mapToObj(n -> String.format("VCH-%d-%06d", year, n)).toList());
        List<OffsetDateTime> issueTimes = issued.stream().map(d -> issueEntry(d, billing).at()).toList();
        assertThat(issueTimes).isSortedAccordingTo(Comparator.naturalOrder());
        assertThat(issueEntry(issued.get(0), billing).changes()).singleElement()
                .satisfies(c -> assertThat(c.newValue()).isEqualTo(issued.get(0).number()));
    }

    @Test
    void aNumberIsKeptWhenTheDocumentMovesOnAndOnlyFinanceMayIssue() {
        Actor billing = new Actor("bill", EnumSet.of(Role.BILLING), null);
        Document draft = vouchers.create(unique("voucher"), 500, "EUR", billing);

        assertThatThrownBy(() -> engine.apply(draft.id(), VoucherWorkflows.ISSUE, operator(), null))
                .isInstanceOf(AccessDeniedException.class);
        Document issued = engine.apply(draft.id(), VoucherWorkflows.ISSUE, billing, null);
        Document redeemed = engine.apply(draft.id(), "redeem", billing, null);

        assertThat(issued.number()).startsWith("VCH-");
        assertThat(redeemed.number()).isEqualTo(issued.number());
        assertThat(vouchers.find(draft.reference(), billing)).get()
                .satisfies(v -> assertThat(v.number()).isEqualTo(issued.number()));
    }

    @Test
    void theVoucherAnswersInTheApiAndItsErrorsComeFromTheOneAdvice() throws Exception {
        Document draft = vouchers.create(unique("voucher"), 700, "EUR", admin());

        Http http = new Http(port);
        Http.Response found = http.get("/api/v1/vouchers/" + draft.reference(), ADMIN_API_TOKEN);
        Http.Response missing = http.get("/api/v1/vouchers/VCHR-999999", ADMIN_API_TOKEN);

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().path("amountMinor").asLong()).isEqualTo(700);
        assertThat(found.json().path("state").asText()).isEqualTo("draft");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
    }

    private TimelineEntry issueEntry(Document doc, Actor actor) {
        return engine.timeline(doc, actor).stream().filter(e -> VoucherWorkflows.ISSUE.equals(e.action())).findFirst()
                .orElseThrow();
    }
}

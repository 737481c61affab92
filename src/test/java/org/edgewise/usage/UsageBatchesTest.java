package org.edgewise.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.edgewise.jooq.Tables.USAGE_BATCH;
import static org.edgewise.jooq.Tables.USAGE_MONTH_TOTAL;
import static org.edgewise.jooq.Tables.USAGE_RECORD;
import static org.edgewise.usage.UsageWorld.batch;
import static org.edgewise.usage.UsageWorld.batchId;
import static org.edgewise.usage.UsageWorld.record;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.edgewise.Fixtures;
import org.edgewise.Http;
import org.edgewise.MasterTest;
import org.edgewise.instance.InstanceInfo;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** Usage batches as nodes send them, over the node API: stored once, only for the node's own instances, never changed. */
class UsageBatchesTest extends MasterTest {

    private static final Instant START = Instant.parse("2030-03-10T10:00:00Z");
    private static final Instant END = Instant.parse("2030-03-10T10:01:00Z");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    DSLContext db;

    UsageWorld world;
    UsageWorld.Node nodeA;
    UsageWorld.Node nodeB;
    InstanceInfo onA;
    InstanceInfo onB;

    @BeforeEach
    void setUp() {
        signIn(Fixtures.OPERATOR);
        world = new UsageWorld(context, new Http(port));
        nodeA = world.node();
        nodeB = world.node();
        UsageWorld.Customer customer = world.customer();
        onA = world.tree(customer, nodeA);
        onB = world.tree(customer, nodeB);
    }

    private List<Map<String, Object>> fourMetrics(String instance) {
        return List.of(record(instance, "cpu_seconds", new BigDecimal("12.5"), START, END),
                record(instance, "memory_peak_bytes", 52_428_800, START, END),
                record(instance, "disk_bytes", 3_000_000_000L, START, END),
                record(instance, "counter:requests", 42, START, END));
    }

    private int records(String batchId) {
        return db.fetchCount(USAGE_RECORD, USAGE_RECORD.BATCH_ID.eq(batchId));
    }

    private int batches(String batchId) {
        return db.fetchCount(USAGE_BATCH, USAGE_BATCH.BATCH_ID.eq(batchId));
    }

    @Test
    void aBatchSentTwiceIsStoredOnceWithTheTreeAndOwnerOfEachRecord() {
        String id = batchId();

        Http.Response first = world.report(nodeA, batch(id, fourMetrics(onA.reference())));
        Http.Response again = world.report(nodeA, batch(id, fourMetrics(onA.reference())));

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("duplicate").asBoolean()).isFalse();
        assertThat(first.json().get("records").asInt()).isEqualTo(4);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        assertThat(batches(id)).isEqualTo(1);
        assertThat(records(id)).isEqualTo(4);
        var stored = db.selectFrom(USAGE_RECORD).where(USAGE_RECORD.BATCH_ID.eq(id)).fetch();
        assertThat(stored).allSatisfy(r -> {
            assertThat(r.getInstanceId()).isEqualTo(onA.id());
            assertThat(r.getTreeId()).isEqualTo(onA.treeId());
            assertThat(r.getOwnerId()).isNotNull();
            assertThat(r.getComputerId()).isEqualTo(nodeA.computer().id());
            assertThat(r.getPeriodStart().toInstant()).isEqualTo(START);
        });
        assertThat(db.select(USAGE_MONTH_TOTAL.QUANTITY).from(USAGE_MONTH_TOTAL)
                .where(USAGE_MONTH_TOTAL.INSTANCE_ID.eq(onA.id()).and(USAGE_MONTH_TOTAL.METRIC.eq("cpu_seconds")))
                .fetchOne(USAGE_MONTH_TOTAL.QUANTITY)).as("the monthly total counts the batch once")
                .isEqualByComparingTo("12.5");
    }

    @Test
    void theSameBatchSentByTwoRequestsAtOnceIsStoredOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String id = batchId();
                Map<String, Object> batch = batch(id, fourMetrics(onA.reference()));
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<Http.Response>> answers = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    answers.add(pool.submit(() -> {
                        together.await(10, TimeUnit.SECONDS);
                        return world.report(nodeA, batch);
                    }));
                }
                List<Boolean> duplicates = new ArrayList<>();
                for (Future<Http.Response> answer : answers) {
                    Http.Response response = answer.get(60, TimeUnit.SECONDS);
                    assertThat(response.status()).as(response.body()).isEqualTo(200);
                    duplicates.add(response.json().get("duplicate").asBoolean());
                }

                assertThat(duplicates).as("round " + round).containsExactlyInAnyOrder(false, true);
                assertThat(batches(id)).isEqualTo(1);
                assertThat(records(id)).isEqualTo(4);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aNodeReportingForAnInstanceNotOnItsPartitionsIsRefusedAndNothingOfTheBatchIsStored() {
        String mixed = batchId();
        String unknown = batchId();
        List<Map<String, Object>> ownAndOther = new ArrayList<>(fourMetrics(onB.reference()));
        ownAndOther.add(record(onA.reference(), "cpu_seconds", 1, START, END));

        Http.Response refused = world.report(nodeB, batch(mixed, ownAndOther));
        Http.Response nobody = world.report(nodeB, batch(unknown, List.of(record("INST-999999999", "cpu_seconds", 1,
                START, END))));

        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.json().get("detail").asText()).isEqualTo(nodeB.computer().reference()
                + " may not report usage of " + onA.reference() + ": it is not placed on this computer.");
        assertThat(nobody.status()).as(nobody.body()).isEqualTo(403);
        assertThat(nobody.json().get("detail").asText()).contains("INST-999999999");
        assertThat(batches(mixed) + batches(unknown) + records(mixed) + records(unknown)).isZero();
        assertThat(db.fetchCount(USAGE_MONTH_TOTAL, USAGE_MONTH_TOTAL.INSTANCE_ID.in(onA.id(), onB.id()))).isZero();
        assertThat(world.report(nodeB, batch(mixed, fourMetrics(onB.reference()))).status())
                .as("the same batch id with only its own instance is taken").isEqualTo(200);
    }

    @Test
    void aBatchPastItsLimitsOrWithAPeriodEndingBeforeItStartsIsRefused() {
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i <= UsageBatches.MAX_RECORDS; i++) {
            tooMany.add(record(onA.reference(), "cpu_seconds", i, START, END));
        }
        List<Map<String, Object>> tooLarge = new ArrayList<>(tooMany);
        tooLarge.addAll(tooMany);
        String backwards = batchId();

        Http.Response many = world.report(nodeA, batch(batchId(), tooMany));
        Http.Response large = world.report(nodeA, batch(batchId(), tooLarge));
        Http.Response reversed = world.report(nodeA, batch(backwards, List.of(
                record(onA.reference(), "cpu_seconds", 1, START, END), record(onA.reference(), "cpu_seconds", 1, END, START))));

        assertThat(many.status()).as(many.body()).isEqualTo(400);
        assertThat(many.json().get("detail").asText()).contains("records: has from 1 to 1000 items");
        assertThat(large.status()).as("past the body limit").isEqualTo(413);
        assertThat(reversed.status()).as(reversed.body()).isEqualTo(400);
        assertThat(reversed.json().get("detail").asText()).startsWith("records[1].periodEnd: " + START
                + " is before its periodStart " + END);
        assertThat(batches(backwards)).isZero();
    }

    @Test
    void storedUsageIsNeverChangedNorDeleted() {
        String id = batchId();
        assertThat(world.report(nodeA, batch(id, fourMetrics(onA.reference()))).status()).isEqualTo(200);

        assertThatThrownBy(() -> db.update(USAGE_RECORD).set(USAGE_RECORD.QUANTITY, BigDecimal.ZERO)
                .where(USAGE_RECORD.BATCH_ID.eq(id)).execute())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("usage is never changed or deleted (usage_record)");
        assertThatThrownBy(() -> db.deleteFrom(USAGE_RECORD).where(USAGE_RECORD.BATCH_ID.eq(id)).execute())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("usage is never changed or deleted (usage_record)");
        assertThatThrownBy(() -> db.update(USAGE_BATCH).set(USAGE_BATCH.RECORD_COUNT, 0)
                .where(USAGE_BATCH.BATCH_ID.eq(id)).execute())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("usage is never changed or deleted (usage_batch)");
        assertThatThrownBy(() -> db.deleteFrom(USAGE_BATCH).where(USAGE_BATCH.BATCH_ID.eq(id)).execute())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("usage is never changed or deleted (usage_batch)");
        assertThat(records(id)).isEqualTo(4);
        assertThat(db.select(USAGE_RECORD.QUANTITY).from(USAGE_RECORD).where(USAGE_RECORD.BATCH_ID.eq(id)
                .and(USAGE_RECORD.METRIC.eq("cpu_seconds"))).fetchOne(USAGE_RECORD.QUANTITY)).isEqualByComparingTo("12.5");
    }
}

package org.edgewise.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edgewise.jooq.Tables.ALARM;
import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.TICKET;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.edgewise.Fixtures;
import org.edgewise.MasterTest;
import org.edgewise.SecondMaster;
import org.edgewise.instance.InstanceInfo;
import org.edgewise.instance.InstanceRequests;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Two Masters on one database passing over the same trouble at the same moment: each cause gets one alarm and
 * one ticket, and clearing it resolves that ticket once.
 */
@ExtendWith(SecondMaster.class)
class TwoMastersAlarmTest extends MasterTest {

    private static final int PASSES_PER_MASTER = 3;

    @Autowired
    DataSource dataSource;
    @Autowired
    Alarms alarms;
    @Autowired
    InstanceRequests requests;
    @Autowired
    Fixtures fixtures;
    @Autowired
    DSLContext db;

    @Test
    void twoMastersRaiseEachAlarmAndItsTicketOnce() throws Exception {
        Alarms second = SecondMaster.bean(dataSource, Alarms.class);
        String region = "nowhere-" + UUID.randomUUID().toString().substring(0, 8);
        List<Long> waiting = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            InstanceInfo root = requests.requestTree(Fixtures.request("waiting " + i + " " + region, fixtures.release(),
                    Map.of("region", region)), Fixtures.customer(fixtures.organisation()));
            waiting.add(root.id());
        }
        // requested an hour ago: past the time an instance may wait for a place on both Masters
        db.update(DOCUMENT).set(DOCUMENT.CREATED_AT, OffsetDateTime.now().minusHours(1)).where(DOCUMENT.ID.in(waiting))
                .execute();

        passesAtOnce(second);

        for (long id : waiting) {
            assertThat(db.fetchCount(ALARM, ALARM.SUBJECT_ID.eq(id))).as("alarms about #" + id).isEqualTo(1);
            assertThat(db.fetchCount(TICKET, TICKET.RELATED_ID.eq(id))).as("tickets about #" + id).isEqualTo(1);
        }

        // a place for none of them, but they are no longer asked for: every alarm clears, each ticket resolved once
        db.update(DOCUMENT).set(DOCUMENT.STATE, "stopped").where(DOCUMENT.ID.in(waiting)).execute();
        passesAtOnce(second);
        for (long id : waiting) {
            assertThat(db.fetchCount(ALARM, ALARM.SUBJECT_ID.eq(id).and(ALARM.CLEARED_AT.isNotNull()))).isEqualTo(1);
            Long ticket = db.select(TICKET.ID).from(TICKET).where(TICKET.RELATED_ID.eq(id)).fetchSingle(TICKET.ID);
            assertThat(db.fetchCount(org.edgewise.jooq.Tables.TIMELINE_ENTRY, org.edgewise.jooq.Tables.TIMELINE_ENTRY
                    .DOCUMENT_ID.eq(ticket).and(org.edgewise.jooq.Tables.TIMELINE_ENTRY.ACTION.eq("resolve"))))
                    .as("resolutions of ticket #" + ticket).isEqualTo(1);
        }
    }

    private void passesAtOnce(Alarms second) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2 * PASSES_PER_MASTER);
        List<Future<Alarms.Pass>> passes = new ArrayList<>();
        for (int i = 0; i < PASSES_PER_MASTER; i++) {
            for (Alarms master : List.of(alarms, second)) {
                passes.add(pool.submit(() -> {
                    start.await();
                    return master.runOnce();
                }));
            }
        }
        start.countDown();
        for (Future<Alarms.Pass> pass : passes) {
            pass.get();
        }
        pool.shutdown();
    }
}

package org.edgewise.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.edgewise.Fixtures.OPERATOR;
import static org.edgewise.Fixtures.request;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.edgewise.Fixtures;
import org.edgewise.MasterTest;
import org.edgewise.document.Document;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.scheduling.annotation.SchedulingConfiguration;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The background sweep as a Master runs it, beside the shared test Master, which has it turned off: on
 * unless {@code edgewise.allocation.sweep.enabled} is false, and placing what waits without anyone asking.
 */
class AllocationSweepTest extends MasterTest {

    @Autowired
    DSLContext db;

    @Autowired
    PlacementStore store;

    @Autowired
    PartitionPlacement partitionPlacement;

    @Autowired
    SharedPlacement sharedPlacement;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    Fixtures fixtures;

    @Autowired
    InstanceRequests requests;

    @Autowired
    Trees trees;

    /**
     * What {@code @EnableScheduling} gives the application, with an allocator of its own on the shared
     * database: closing it stops only that allocator's workers.
     */
    private ApplicationContextRunner aMastersScheduler() {
        return new ApplicationContextRunner()
                .withUserConfiguration(SchedulingConfiguration.class, AllocationSweep.class)
                .withBean(Allocator.class, () -> new Allocator(db, store, partitionPlacement, sharedPlacement, tx, 1))
                .withPropertyValues("edgewise.allocation.interval=PT0.2S", "edgewise.allocation.initial-delay=PT0S");
    }

    @Test
    void theSweepRunsUnlessTurnedOff() {
        aMastersScheduler().run(context -> assertThat(context).hasSingleBean(AllocationSweep.class));
        aMastersScheduler().withPropertyValues("edgewise.allocation.sweep.enabled=true")
                .run(context -> assertThat(context).hasSingleBean(AllocationSweep.class));
        aMastersScheduler().withPropertyValues("edgewise.allocation.sweep.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(AllocationSweep.class));
    }

    @Test
    void anInstanceWaitingForItsReleaseIsPlacedByTheBackgroundSweepOnceTheReleaseIsSupplied() {
        String url = fixtures.release();
        Map<String, String> sla = Map.of("region", unique("sweep"));
        Document computer = fixtures.openComputer(sla.get("region"), 1, 1, List.of());
        InstanceInfo waiting = requests.requestTree(request(unique("waiting"), url, sla), OPERATOR);
        fixtures.supply(computer, url);
        assertThat(instance(waiting).allocated()).as("supplying places nothing by itself").isFalse();

        aMastersScheduler().run(context -> await("the sweep places the instance").atMost(Duration.ofSeconds(30))
                .until(() -> instance(waiting).allocated()));

        assertThat(instance(waiting).computer()).isEqualTo(computer.reference());
    }

    private InstanceInfo instance(InstanceInfo instance) {
        return trees.instance(instance.reference(), admin());
    }
}

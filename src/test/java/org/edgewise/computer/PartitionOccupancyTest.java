package org.edgewise.computer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.edgewise.Fixtures.OPERATOR;
import static org.edgewise.Fixtures.request;
import static org.edgewise.jooq.Tables.COMPUTER;
import static org.edgewise.jooq.Tables.PARTITION;

import java.util.List;
import java.util.Map;

import org.edgewise.Fixtures;
import org.edgewise.MasterTest;
import org.edgewise.computer.Partitions.Occupant;
import org.edgewise.document.Document;
import org.edgewise.instance.InstanceRequests;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which instance holds a partition and how many partitions a computer has busy change together, through
 * {@link Partitions#occupy} and {@link Partitions#free}, on a real database.
 */
class PartitionOccupancyTest extends MasterTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    Partitions partitions;

    @Autowired
    InstanceRequests requests;

    @Autowired
    DSLContext db;

    @Autowired
    TransactionTemplate tx;

    /** Computers with no release supplied, so the allocator running meanwhile never places anything there. */
    Document first;
    Document second;

    @BeforeEach
    void setUp() {
        signIn(OPERATOR);
        first = fixtures.openComputer("occupancy", 5, 3, List.of());
        second = fixtures.openComputer("occupancy", 5, 2, List.of());
    }

    @Test
    void occupyingPartitionsMakesThemBusyAndCountsThemOnTheirComputers() {
        long a = instance();
        long b = instance();
        long c = instance();
        long planBefore = planVersion(first);

        tx.executeWithoutResult(s -> partitions.occupy(List.of(new Occupant(partition(first, 0), a),
                new Occupant(partition(first, 1), b), new Occupant(partition(second, 0), c))));

        assertThat(busy(first)).isEqualTo(2);
        assertThat(busy(second)).isEqualTo(1);
        assertThat(holder(partition(first, 0))).isEqualTo(a);
        assertThat(holder(partition(first, 1))).isEqualTo(b);
        assertThat(holder(partition(second, 0))).isEqualTo(c);
        assertThat(state(partition(first, 2))).isEqualTo("free");
        assertThat(planVersion(first)).as("its node must see the new instances").isGreaterThan(planBefore);
        assertCountsMatchPartitions();
    }

    @Test
    void freeingAPartitionMakesItFreeAndCountsItOnceHoweverOftenItIsFreed() {
        long a = instance();
        long b = instance();
        tx.executeWithoutResult(s -> partitions.occupy(List.of(new Occupant(partition(first, 0), a),
                new Occupant(partition(first, 1), b))));
        long planBefore = planVersion(first);

        tx.executeWithoutResult(s -> partitions.free(partition(first, 0), a));

        assertThat(busy(first)).isEqualTo(1);
        assertThat(state(partition(first, 0))).isEqualTo("free");
        assertThat(holder(partition(first, 0))).isNull();
        assertThat(planVersion(first)).as("its node must wipe what ran there").isGreaterThan(planBefore);

        tx.executeWithoutResult(s -> partitions.free(partition(first, 0), a));
        tx.executeWithoutResult(s -> partitions.free(List.of(new Occupant(partition(first, 1), b),
                new Occupant(partition(first, 1), b))));
        tx.executeWithoutResult(s -> partitions.free(partition(first, 1), b));

        assertThat(busy(first)).isZero();
        assertCountsMatchPartitions();
    }

    @Test
    void freeingAPartitionAnotherInstanceHoldsChangesNothing() {
        long holder = instance();
        long other = instance();
        tx.executeWithoutResult(s -> partitions.occupy(List.of(new Occupant(partition(first, 0), holder))));

        tx.executeWithoutResult(s -> partitions.free(partition(first, 0), other));

        assertThat(holder(partition(first, 0))).isEqualTo(holder);
        assertThat(busy(first)).isEqualTo(1);
        assertCountsMatchPartitions();
    }

    @Test
    void occupyingAPartitionThatIsNotFreeIsRefusedAndTheWholeBatchChangesNothing() {
        long holder = instance();
        long intruder = instance();
        long bystander = instance();
        tx.executeWithoutResult(s -> partitions.occupy(List.of(new Occupant(partition(first, 0), holder))));
        long planBefore = planVersion(first);

        assertThatThrownBy(() -> tx.executeWithoutResult(s -> partitions.occupy(List.of(
                new Occupant(partition(first, 1), bystander), new Occupant(partition(first, 0), intruder)))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not free");

        assertThat(holder(partition(first, 0))).isEqualTo(holder);
        assertThat(state(partition(first, 1))).isEqualTo("free");
        assertThat(busy(first)).isEqualTo(1);
        assertThat(planVersion(first)).isEqualTo(planBefore);
        assertCountsMatchPartitions();
    }

    @Test
    void occupyingAnInactivePartitionIsRefused() {
        partitions.format(first.id(), List.of(new Partitions.Spec("part0", "127.0.0.1", List.of())),
                Fixtures.node(first));
        long instance = instance();

        assertThatThrownBy(() -> tx.executeWithoutResult(s -> partitions.occupy(List.of(
                new Occupant(partition(first, 2), instance))))).isInstanceOf(IllegalStateException.class);

        assertThat(state(partition(first, 2))).isEqualTo("inactive");
        assertThat(busy(first)).isZero();
    }

    @Test
    void occupyingAndFreeingOutsideATransactionIsRefused() {
        long instance = instance();

        assertThatThrownBy(() -> partitions.occupy(List.of(new Occupant(partition(first, 0), instance))))
                .isInstanceOf(org.springframework.transaction.IllegalTransactionStateException.class);
        assertThatThrownBy(() -> partitions.free(partition(first, 0), instance))
                .isInstanceOf(org.springframework.transaction.IllegalTransactionStateException.class);
        assertThat(busy(first)).isZero();
    }

    /** A real instance that waits for a place no computer offers, so nothing else ever places it. */
    private long instance() {
        String neverSupplied = fixtures.release();
        return requests.requestTree(request(unique("occupant"), neverSupplied, Map.of()), OPERATOR).id();
    }

    private long partition(Document computer, int index) {
        return db.select(PARTITION.ID).from(PARTITION).where(PARTITION.COMPUTER_ID.eq(computer.id()))
                .and(PARTITION.NAME.eq("part" + index)).fetchSingle(PARTITION.ID);
    }

    private Long holder(long partitionId) {
        return db.select(PARTITION.INSTANCE_ID).from(PARTITION).where(PARTITION.ID.eq(partitionId))
                .fetchSingle(PARTITION.INSTANCE_ID);
    }

    private String state(long partitionId) {
        return db.select(PARTITION.STATE).from(PARTITION).where(PARTITION.ID.eq(partitionId)).fetchSingle(PARTITION.STATE);
    }

    private int busy(Document computer) {
        return db.select(COMPUTER.BUSY_PARTITIONS).from(COMPUTER).where(COMPUTER.ID.eq(computer.id()))
                .fetchSingle(COMPUTER.BUSY_PARTITIONS);
    }

    private long planVersion(Document computer) {
        return db.select(COMPUTER.PLAN_VERSION).from(COMPUTER).where(COMPUTER.ID.eq(computer.id()))
                .fetchSingle(COMPUTER.PLAN_VERSION);
    }

    private void assertCountsMatchPartitions() {
        for (Document computer : List.of(first, second)) {
            assertThat(busy(computer)).as("busy partitions of " + computer.reference())
                    .isEqualTo(db.fetchCount(PARTITION, PARTITION.COMPUTER_ID.eq(computer.id())
                            .and(PARTITION.STATE.eq("busy"))));
        }
    }
}

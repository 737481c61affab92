package org.edgewise.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edgewise.Fixtures.OPERATOR;
import static org.edgewise.Fixtures.customer;
import static org.edgewise.Fixtures.request;

import java.util.List;
import java.util.Map;

import org.edgewise.Fixtures;
import org.edgewise.MasterTest;
import org.edgewise.access.Actor;
import org.edgewise.catalog.Installations;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.FieldChange;
import org.edgewise.document.TimelineEntry;
import org.edgewise.jooq.Tables;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Allocation follows what nodes report of the release's build: built computers first, then those still
 * building, never one whose build failed; an instance placed where the build then failed, and never run
 * there, moves in the allocation sweep.
 */
class BuildFailureAllocationTest extends MasterTest {

    private static final String LOG = "fetching sources\nmake: *** [all] Error 2\n";

    @Autowired
    Fixtures fixtures;

    @Autowired
    InstanceRequests requests;

    @Autowired
    Installations installations;

    @Autowired
    InstanceLifecycle lifecycle;

    @Autowired
    InstanceSharing sharing;

    @Autowired
    Trees trees;

    @Autowired
    Allocator allocator;

    @Autowired
    DocumentEngine engine;

    @Autowired
    DSLContext db;

    Actor customer;
    String url;
    String region;
    Map<String, String> inRegion;

    @BeforeEach
    void setUp() {
        signIn(OPERATOR);
        customer = customer(fixtures.organisation());
        url = fixtures.release();
        region = unique("builds");
        inRegion = Map.of("region", region);
    }

    @Test
    void aComputerWhoseBuildFailedGetsNothingWhileAnotherFits() {
        Document failed = computer();
        Document busy = computer();
        report(failed, "error", LOG);
        requests.requestTree(request(unique("first"), url, Map.of("computer", busy.reference())), customer);

        InstanceInfo a = requests.requestTree(request(unique("a"), url, inRegion), customer);
        InstanceInfo b = requests.requestTree(request(unique("b"), url, inRegion), customer);

        assertThat(a.computer()).isEqualTo(busy.reference());
        assertThat(b.computer()).isEqualTo(busy.reference());
        assertThat(busy(failed)).isZero();
    }

    @Test
    void aComputerWithTheReleaseBuiltIsPreferredToOneStillBuildingIt() {
        Document building = computer();
        Document built = computer();
        report(building, "building", null);
        report(built, "available", null);
        requests.requestTree(request(unique("first"), url, Map.of("computer", built.reference())), customer);

        InstanceInfo next = requests.requestTree(request(unique("next"), url, inRegion), customer);

        assertThat(next.computer()).as("the built computer, though busier").isEqualTo(built.reference());
        assertThat(busy(building)).isZero();
    }

    @Test
    void anInstanceWaitsSayingWhereTheBuildFailedWhenNoOtherComputerFits() {
        Document failed = computer();
        report(failed, "error", LOG);

        InstanceInfo waiting = requests.requestTree(request(unique("waiting"), url, inRegion), customer);

        assertThat(waiting.allocated()).isFalse();
        assertThat(waiting.allocationNote()).isEqualTo("The build of the release failed on every computer that fits ("
                + failed.reference() + ": make: *** [all] Error 2); waiting for a build to succeed.");
    }

    @Test
    void anInstanceNeverRunWhereTheBuildThenFailedMovesToAnotherComputerInTheSweepWithTheSharedInstancesInside() {
        Document first = computer();
        InstanceInfo placed = requests.requestTree(request(unique("site"), url, inRegion), customer);
        assertThat(placed.computer()).isEqualTo(first.reference());
        sharing.offer(placed.reference(), true, customer);
        InstanceInfo inside = requests.requestTree(new InstanceRequests.Request(unique("hosted"), url, "default",
                Map.of(), Map.of("instance", placed.reference()), "started", true), customer);
        assertThat(inside.hostInstanceId()).isEqualTo(placed.id());
        Document second = computer();
        long firstPlan = planVersion(first);
        long secondPlan = planVersion(second);

        report(first, "error", LOG);

        allocator.sweep();

        InstanceInfo moved = instance(placed);
        assertThat(moved.computer()).isEqualTo(second.reference());
        assertThat(moved.allocationNote()).isNull();
        assertThat(busy(first)).isZero();
        assertThat(busy(second)).isEqualTo(1);
        assertThat(planVersion(first)).isGreaterThan(firstPlan);
        assertThat(planVersion(second)).isGreaterThan(secondPlan);
        assertThat(lastChanges(placed)).containsExactly(new FieldChange("partition",
                first.reference() + " " + placed.partition(), second.reference() + " " + moved.partition()
                        + ", moved there as the build failed on " + first.reference() + ": make: *** [all] Error 2"));
        InstanceInfo movedInside = instance(inside);
        assertThat(movedInside.hostInstanceId()).isEqualTo(placed.id());
        assertThat(movedInside.computer()).isEqualTo(second.reference());
        assertThat(movedInside.partition()).isEqualTo(moved.partition());
        assertThat(lastChanges(inside)).extracting(FieldChange::newValue).singleElement().asString()
                .startsWith(second.reference() + " " + moved.partition() + ", with its host instance, moved there");
    }

    private List<FieldChange> lastChanges(InstanceInfo instance) {
        List<TimelineEntry> timeline = engine.timeline(engine.get(instance.id(), admin()), admin());
        return timeline.get(timeline.size() - 1).changes();
    }

    @Test
    void anInstanceThatCannotMoveSaysWhyAndStopsSayingItOnceTheBuildSucceeds() {
        Document only = computer();
        InstanceInfo placed = requests.requestTree(request(unique("site"), url, inRegion), customer);
        InstanceInfo ran = requests.requestTree(request(unique("ran"), url, inRegion), customer);
        lifecycleReport(ran, "started");

        report(only, "error", LOG);

        String why = "build failed on " + only.reference() + ": make: *** [all] Error 2; it moves to another computer "
                + "as soon as one fits.";
        allocator.sweep();

        assertThat(instance(placed).allocationNote()).isEqualTo(why);
        assertThat(instance(placed).computer()).isEqualTo(only.reference());
        assertThat(trees.get(placed.tree(), customer).root().allocationNote()).isEqualTo(why);
        assertThat(instance(ran).allocationNote()).as("the node ran it there: it stays, said nothing of").isNull();
        assertThat(instance(ran).computer()).isEqualTo(only.reference());

        report(only, "available", null);

        allocator.sweep();

        assertThat(instance(placed).allocationNote()).isNull();
        assertThat(instance(placed).computer()).isEqualTo(only.reference());
    }

    private void lifecycleReport(InstanceInfo instance, String state) {
        lifecycle.reportState(instance.id(), state, null, Fixtures.node(engine.get(instance.computer(), OPERATOR)));
    }

    private Document computer() {
        Document computer = fixtures.openComputer(region, 10, 3, List.of());
        fixtures.supply(computer, url);
        return computer;
    }

    private void report(Document computer, String state, String log) {
        installations.report(computer.id(), url, state, log, Fixtures.node(computer));
    }

    private InstanceInfo instance(InstanceInfo instance) {
        return trees.instance(instance.reference(), admin());
    }

    private int busy(Document computer) {
        int counted = db.fetchCount(Tables.PARTITION, Tables.PARTITION.COMPUTER_ID.eq(computer.id())
                .and(Tables.PARTITION.STATE.eq("busy")));
        int kept = db.select(Tables.COMPUTER.BUSY_PARTITIONS).from(Tables.COMPUTER)
                .where(Tables.COMPUTER.ID.eq(computer.id())).fetchSingle(Tables.COMPUTER.BUSY_PARTITIONS);
        assertThat(kept).as("busy partitions kept on " + computer.reference()).isEqualTo(counted);
        return counted;
    }

    private long planVersion(Document computer) {
        return db.select(Tables.COMPUTER.PLAN_VERSION).from(Tables.COMPUTER).where(Tables.COMPUTER.ID.eq(computer.id()))
                .fetchSingle(Tables.COMPUTER.PLAN_VERSION);
    }
}

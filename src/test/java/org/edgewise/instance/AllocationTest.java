package org.edgewise.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.edgewise.Fixtures.OPERATOR;
import static org.edgewise.Fixtures.customer;
import static org.edgewise.Fixtures.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.edgewise.Fixtures;
import org.edgewise.MasterTest;
import org.edgewise.computer.Computers;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.PageRequest;
import org.edgewise.document.ValidationException;
import org.edgewise.jooq.Tables;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

class AllocationTest extends MasterTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    InstanceRequests requests;

    @Autowired
    Allocator allocator;

    @Autowired
    Computers computers;

    @Autowired
    DocumentEngine engine;

    @Autowired
    Trees trees;

    @Autowired
    DSLContext db;

    @Autowired
    TransactionTemplate tx;

    long customerOrg;

    @BeforeEach
    void setUp() {
        signIn(OPERATOR);
        customerOrg = fixtures.organisation();
    }

    @Test
    void theSameRequesterAndTitleUpdateTheSameTree() {
        String url = fixtures.release();

        InstanceInfo first = requests.requestTree(request("shop", url, Map.of()), customer(customerOrg));
        InstanceInfo again = requests.requestTree(new InstanceRequests.Request("shop", url, "default",
                Map.of("size", "large"), Map.of(), "stopped", false), customer(customerOrg));
        InstanceInfo other = requests.requestTree(request("shop", url, Map.of()), customer(fixtures.organisation()));

        assertThat(again.reference()).isEqualTo(first.reference());
        assertThat(again.tree()).isEqualTo(first.tree());
        assertThat(again.parameters().toString()).contains("large");
        assertThat(again.requestedState()).isEqualTo("stopped");
        assertThat(trees.get(first.tree(), customer(customerOrg)).state()).isEqualTo("stopped");
        assertThat(other.tree()).isNotEqualTo(first.tree());
    }

    @Test
    void aPendingInstanceSaysWhyWhenTheReleaseIsSuppliedNowhere() {
        String url = fixtures.release();
        fixtures.openComputer("eu-west", 10, 2, List.of());

        InstanceInfo root = requests.requestTree(request("lonely", url, Map.of()), customer(customerOrg));

        assertThat(root.allocated()).isFalse();
        assertThat(root.allocationNote()).isEqualTo("The release " + url + " is not supplied on any open computer yet.");
    }

    @Test
    void allocationHonoursTheSlaRegionComputerAndCapability() {
        String url = fixtures.release();
        Document west = fixtures.openComputer("eu-west", 10, 2, List.of());
        Document east = fixtures.openComputer("eu-east", 10, 2, List.of("gpu"));
        fixtures.supply(west, url);
        fixtures.supply(east, url);

        InstanceInfo byRegion = requests.requestTree(request("r", url, Map.of("region", "eu-east")), customer(customerOrg));
        InstanceInfo byComputer = requests.requestTree(request("c", url, Map.of("computer", west.reference())), customer(customerOrg));
        InstanceInfo byCapability = requests.requestTree(request("g", url, Map.of("capability", "gpu")), customer(customerOrg));
        InstanceInfo impossible = requests.requestTree(request("x", url, Map.of("region", "mars")), customer(customerOrg));

        assertThat(byRegion.computer()).isEqualTo(east.reference());
        assertThat(byComputer.computer()).isEqualTo(west.reference());
        assertThat(byCapability.computer()).isEqualTo(east.reference());
        assertThat(impossible.allocated()).isFalse();
        assertThat(impossible.allocationNote()).contains("matches the SLA {region=mars}");
    }

    @Test
    void instanceReferencesComeFromASequenceSoARolledBackRequestNeverGivesItsNumberToTheNext() {
        String url = fixtures.release();
        String[] rolledBack = new String[1];
        tx.executeWithoutResult(status -> {
            rolledBack[0] = requests.requestTree(request("gone", url, Map.of()), customer(customerOrg)).reference();
            status.setRollbackOnly();
        });

        InstanceInfo next = requests.requestTree(request("kept", url, Map.of()), customer(customerOrg));

        assertThat(rolledBack[0]).startsWith("INST-");
        assertThat(number(next.reference())).isGreaterThan(number(rolledBack[0]));
        assertThat(db.fetchCount(Tables.DOCUMENT, Tables.DOCUMENT.REFERENCE.eq(rolledBack[0]))).isZero();
    }

    private static long number(String reference) {
        return Long.parseLong(reference.substring(reference.indexOf('-') + 1));
    }

    @Test
    void anUnknownSlaKeyIsRefusedAtRequestTimeAndNothingIsStored() {
        String url = fixtures.release();
        int before = trees.count(PageRequest.all(), customer(customerOrg));

        assertThatThrownBy(() -> requests.requestTree(request("bad", url, Map.of("colour", "blue")), customer(customerOrg)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("sla.colour"))
                .hasMessage("Unknown SLA key \"colour\". Known keys: computer, region, capability, instance.");
        assertThat(trees.count(PageRequest.all(), customer(customerOrg))).isEqualTo(before);
    }

    @Test
    void closedAndDecommissionedComputersGetNothingAndPrivateEdgesServeOnlyTheirCustomer() {
        String url = fixtures.release();
        Document closed = fixtures.openComputer("scope-" + customerOrg, 10, 2, List.of());
        engine.apply(closed.id(), "close", OPERATOR, null);
        fixtures.supply(closed, url);
        Document privateEdge = fixtures.openComputer("scope-" + customerOrg, 10, 2, List.of());
        fixtures.supply(privateEdge, url);
        long otherOrg = fixtures.organisation();
        computers.makePrivateFor(privateEdge.id(), otherOrg, OPERATOR);
        Map<String, String> sla = Map.of("region", "scope-" + customerOrg);

        InstanceInfo ours = requests.requestTree(request("ours", url, sla), customer(customerOrg));
        InstanceInfo theirs = requests.requestTree(request("theirs", url, sla), customer(otherOrg));

        assertThat(ours.allocated()).isFalse();
        assertThat(ours.allocationNote()).isEqualTo("The release " + url + " is not supplied on any open computer yet.");
        assertThat(theirs.computer()).isEqualTo(privateEdge.reference());
        engine.apply(closed.id(), "reopen", OPERATOR, null);
        engine.apply(closed.id(), "decommission", OPERATOR, null);
        Boolean placed = tx.execute(s -> allocator.allocate(ours.id()));
        assertThat(placed).isFalse();
    }

    @Test
    void instancesAreSpreadOverTheLeastBusyComputers() {
        String url = fixtures.release();
        Document first = fixtures.openComputer("spread-" + customerOrg, 10, 3, List.of());
        Document second = fixtures.openComputer("spread-" + customerOrg, 10, 3, List.of());
        fixtures.supply(first, url);
        fixtures.supply(second, url);
        Map<String, String> sla = Map.of("region", "spread-" + customerOrg);

        InstanceInfo a = requests.requestTree(request("one", url, sla), customer(customerOrg));
        InstanceInfo b = requests.requestTree(request("two", url, sla), customer(customerOrg));
        InstanceInfo c = requests.requestTree(request("three", url, sla), customer(customerOrg));

        assertThat(List.of(a.computer(), b.computer())).containsExactlyInAnyOrder(first.reference(), second.reference());
        assertThat(c.computer()).isIn(first.reference(), second.reference());
    }

    @Test
    void capacityLimitsTheInstancesOfAComputer() {
        String url = fixtures.release();
        Document small = fixtures.openComputer("cap-" + customerOrg, 2, 5, List.of());
        fixtures.supply(small, url);
        Map<String, String> sla = Map.of("computer", small.reference());

        InstanceInfo a = requests.requestTree(request("a", url, sla), customer(customerOrg));
        InstanceInfo b = requests.requestTree(request("b", url, sla), customer(customerOrg));
        InstanceInfo c = requests.requestTree(request("c", url, sla), customer(customerOrg));

        assertThat(a.allocated()).isTrue();
        assertThat(b.allocated()).isTrue();
        assertThat(c.allocated()).isFalse();
        assertThat(c.allocationNote()).startsWith("Every matching computer is full");
    }

    @Test
    void aSweepSpreadsABacklogOverTheLeastBusyComputersAndStopsAtTheirCapacity() {
        String early = fixtures.release();
        String url = fixtures.release();
        String region = "backlog-" + customerOrg;
        Map<String, String> sla = Map.of("region", region);
        Document a = fixtures.openComputer(region, 3, 5, List.of());
        Document b = fixtures.openComputer(region, 3, 5, List.of());
        Document c = fixtures.openComputer(region, 3, 5, List.of());
        fixtures.supply(a, early);
        assertThat(requests.requestTree(request("early", early, sla), customer(customerOrg)).computer())
                .isEqualTo(a.reference());
        List<InstanceInfo> backlog = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            backlog.add(requests.requestTree(request("backlog " + i, url, sla), customer(customerOrg)));
        }
        List.of(a, b, c).forEach(n -> fixtures.supply(n, url));

        allocator.allocatePending();

        // each instance went to the least busy computer at its turn: b, c, a, b, c
        assertThat(busy(a)).isEqualTo(2);
        assertThat(busy(b)).isEqualTo(2);
        assertThat(busy(c)).isEqualTo(2);
        for (InstanceInfo pending : backlog) {
            Document doc = engine.get(pending.id(), OPERATOR);
            assertThat(engine.timeline(doc, OPERATOR)).anySatisfy(entry -> assertThat(entry.changes())
                    .anySatisfy(change -> assertThat(change.field()).isEqualTo("partition")));
        }
        // three more fit, the fourth waits for room
        List<InstanceInfo> more = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            more.add(requests.requestTree(request("more " + i, url, sla), customer(customerOrg)));
        }
        assertThat(more.stream().filter(InstanceInfo::allocated)).hasSize(3);
        assertThat(more.get(3).allocationNote()).startsWith("Every matching computer is full");
        assertThat(List.of(busy(a), busy(b), busy(c))).containsOnly(3);
    }

    @Test
    void aComputerWithFewerFreePartitionsThanCapacityTakesOnlyWhatItHas() {
        String url = fixtures.release();
        String region = "short-" + customerOrg;
        Map<String, String> sla = Map.of("region", region);
        Document e = fixtures.openComputer(region, 10, 2, List.of());
        Document f = fixtures.openComputer(region, 10, 2, List.of());
        List<InstanceInfo> backlog = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            backlog.add(requests.requestTree(request("short " + i, url, sla), customer(customerOrg)));
        }
        List.of(e, f).forEach(n -> fixtures.supply(n, url));

        allocator.allocatePending();

        assertThat(busy(e)).isEqualTo(2);
        assertThat(busy(f)).isEqualTo(2);
        var waiting = db.select(Tables.INSTANCE.ALLOCATION_NOTE).from(Tables.INSTANCE)
                .where(Tables.INSTANCE.RELEASE_URL.eq(url)).and(Tables.INSTANCE.PARTITION_ID.isNull())
                .fetch(Tables.INSTANCE.ALLOCATION_NOTE);
        assertThat(waiting).singleElement().asString().startsWith("Every matching computer is full");
    }

    private int busy(Document computer) {
        int counted = db.fetchCount(Tables.PARTITION, Tables.PARTITION.COMPUTER_ID.eq(computer.id())
                .and(Tables.PARTITION.STATE.eq("busy")));
        int kept = db.select(Tables.COMPUTER.BUSY_PARTITIONS).from(Tables.COMPUTER)
                .where(Tables.COMPUTER.ID.eq(computer.id())).fetchSingle(Tables.COMPUTER.BUSY_PARTITIONS);
        assertThat(kept).as("busy partitions kept on " + computer.reference()).isEqualTo(counted);
        return counted;
    }

    @Test
    void anInstanceRequestsAtMostOneHundredChildrenAndTitlesStayUniqueInTheTree() {
        String url = fixtures.release();
        InstanceInfo root = requests.requestTree(request("parent", url, Map.of()), customer(customerOrg));
        for (int i = 0; i < InstanceRequests.MAX_CHILDREN; i++) {
            requests.requestChild(root.id(), request("child " + i, url, Map.of()), OPERATOR);
        }
        int instances = db.fetchCount(Tables.INSTANCE, Tables.INSTANCE.TREE_ID.eq(root.treeId()));

        assertThatThrownBy(() -> requests.requestChild(root.id(), request("one too many", url, Map.of()), OPERATOR))
                .isInstanceOf(ValidationException.class).hasMessageContaining("already has 100 children");
        InstanceInfo child = requests.requestChild(root.id(), request("child 7", url, Map.of()), OPERATOR);
        assertThat(child.requesterId()).isEqualTo(root.id());
        assertThatThrownBy(() -> requests.requestChild(child.id(), request("parent", url, Map.of()), OPERATOR))
                .isInstanceOf(org.edgewise.document.WorkflowException.class)
                .hasMessageContaining("belongs to another instance of the tree");
        assertThat(db.fetchCount(Tables.INSTANCE, Tables.INSTANCE.TREE_ID.eq(root.treeId()))).isEqualTo(instances);
    }

    @Test
    void twoAllocatorsInParallelNeverGiveOnePartitionToTwoInstances() throws Exception {
        String url = fixtures.release();
        List<Document> nodes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            nodes.add(fixtures.openComputer("race-" + customerOrg, 100, 90, List.of()));
        }
        Map<String, String> sla = Map.of("region", "race-" + customerOrg);
        // the operator's: a customer may have only a few services waiting for a place
        for (int i = 0; i < 1000; i++) {
            requests.requestTree(request(unique("race"), url, sla), OPERATOR);
        }
        nodes.forEach(n -> fixtures.supply(n, url));

        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Integer>> runs = List.of(pool.submit(allocator::allocatePending), pool.submit(allocator::allocatePending));
        for (Future<Integer> run : runs) {
            run.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        // an instance whose partitions the other allocator held meanwhile waits for the next sweep
        allocator.allocatePending();

        var placed = db.select(Tables.INSTANCE.PARTITION_ID).from(Tables.INSTANCE)
                .join(Tables.PARTITION).on(Tables.PARTITION.ID.eq(Tables.INSTANCE.PARTITION_ID))
                .join(Tables.DOCUMENT).on(Tables.DOCUMENT.ID.eq(Tables.PARTITION.COMPUTER_ID))
                .where(Tables.DOCUMENT.REFERENCE.in(nodes.stream().map(Document::reference).toList()))
                .fetch(Tables.INSTANCE.PARTITION_ID);
        assertThat(placed).hasSize(900).doesNotHaveDuplicates();
        assertThat(Set.copyOf(db.select(Tables.PARTITION.INSTANCE_ID).from(Tables.PARTITION)
                .where(Tables.PARTITION.ID.in(placed)).fetch(Tables.PARTITION.INSTANCE_ID))).hasSize(900);
        long pending = db.fetchCount(Tables.INSTANCE, Tables.INSTANCE.RELEASE_URL.eq(url)
                .and(Tables.INSTANCE.PARTITION_ID.isNull()));
        assertThat(pending).isEqualTo(100);
    }
}

package org.edgewise.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edgewise.Fixtures.OPERATOR;
import static org.edgewise.jooq.Tables.ORGANISATION;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.edgewise.Fixtures;
import org.edgewise.Http;
import org.edgewise.MasterTest;
import org.edgewise.SecondMaster;
import org.edgewise.TestClock;
import org.edgewise.TestNode;
import org.edgewise.TestRuns;
import org.edgewise.access.Role;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.TimelineEntry;
import org.edgewise.instance.InstanceInfo;
import org.edgewise.instance.InstanceRequests;
import org.edgewise.instance.Trees;
import org.edgewise.party.Users;
import org.edgewise.security.ApiTokens;
import org.edgewise.testing.TestResults;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A customer's tree on version 1 of a product, and version 2 whose tests passed on a test computer: the Master
 * proposes the upgrade once, to the tree's owner; carries out an accepted one by moving the tree's instance to
 * version 2 on its computer; and ends it done once the node runs version 2 with its promises holding for the
 * watch, or rolls it back when a promise fails after the upgrade. Nodes report over the real node API.
 */
@ExtendWith(SecondMaster.class)
class UpgradesTest extends MasterTest {

    private static final Duration WATCH = Duration.ofMinutes(2);

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    Upgrades upgrades;

    @Autowired
    Fixtures fixtures;

    @Autowired
    InstanceRequests requests;

    @Autowired
    Trees trees;

    @Autowired
    DocumentEngine engine;

    @Autowired
    Users users;

    @Autowired
    ApiTokens apiTokens;

    @Autowired
    DSLContext db;

    @Autowired
    DataSource dataSource;

    @Autowired
    TestClock clock;

    Http http;
    TestRuns runs;
    long product;
    TestRuns.Release v1;
    TestNode edge;
    long organisation;
    String customerToken;

    @BeforeEach
    void aProductOnVersionOne() {
        signIn(OPERATOR);
        http = new Http(port);
        runs = new TestRuns(context, http);
        product = runs.product();
        v1 = runs.published(product, "1", null);
        edge = runs.computer(unique("edge"), 4);
        fixtures.supply(edge.computer(), v1.url());
        edge.software(v1.url(), "available", null);
        organisation = fixtures.organisation();
        customerToken = tokenOf(organisation);
    }

    @AfterEach
    void leaveNothingRunning() {
        runs.close();
    }

    private String tokenOf(long organisation) {
        var user = users.create(new Users.NewUser("upgrades-" + organisation, "Upgrades", "long enough password",
                EnumSet.of(Role.CUSTOMER), organisation), admin());
        return apiTokens.create(user.id(), "tests", admin());
    }

    /** A started tree of the organisation on version 1, placed on the edge computer whose node runs it. */
    private InstanceInfo treeOnVersionOne(long owner) {
        InstanceInfo root = requests.requestTree(Fixtures.request(unique("shop"), v1.url(),
                Map.of("computer", edge.computer().reference())), Fixtures.customer(owner));
        edge.instanceState(root.reference(), "started", null, v1.url());
        return root;
    }

    /** Version 2, published with tests, whose run on a test computer ended as the node's report says. */
    private TestRuns.Release versionTwoWhoseTests(String status) {
        TestRuns.Release v2 = runs.published(product, "2", TestRuns.tests());
        TestNode tester = runs.testComputer(1);
        assertThat(runs.runOnce().started()).isEqualTo(1);
        TestResults.Result run = runs.of(v2).get(0);
        var report = tester.testReport(run.reference(), false, List.of(Map.of("name", "WebTest.answers", "status", status)));
        assertThat(report.status()).as(report.body()).isEqualTo(200);
        return v2;
    }

    private List<Upgrades.Decision> decisionsOf(InstanceInfo root) {
        return upgrades.list(root.tree(), null, 100, OPERATOR);
    }

    private Upgrades.Decision accepted(InstanceInfo root) {
        Upgrades.Decision proposed = decisionsOf(root).get(0);
        var accept = http.post("/api/v1/documents/" + proposed.reference() + "/actions/" + UpgradeWorkflows.ACCEPT,
                customerToken, Map.of("comment", "yes please"));
        assertThat(accept.status()).as(accept.body()).isEqualTo(200);
        return proposed;
    }

    private Upgrades.Decision decision(String reference) {
        return upgrades.get(reference, OPERATOR);
    }

    /** The root instance as the plan of its computer gives it to its node. */
    private JsonNode inThePlan(InstanceInfo root) {
        for (JsonNode partition : edge.poll().json().get("partitions")) {
            JsonNode instance = partition.get("instance");
            if (instance != null && !instance.isNull() && instance.get("reference").asText().equals(root.reference())) {
                return instance;
            }
        }
        throw new AssertionError(root.reference() + " is not in the plan of " + edge.computer().reference());
    }

    /** Accepted, carried out: the root instance is on version 2 and its node runs it, healthy. */
    private Upgrades.Decision upgradedAndRunning(InstanceInfo root, TestRuns.Release v2) {
        upgrades.runOnce();
        Upgrades.Decision decision = accepted(root);
        upgrades.runOnce();
        assertThat(decision(decision.reference()).state()).isEqualTo(UpgradeWorkflows.UPGRADING);
        edge.software(v2.url(), "available", null);
        edge.instanceState(root.reference(), "started", null, v2.url());
        return decision;
    }

    @Test
    void aReleaseWhoseTestsPassedIsProposedOnceToTheTreesOwnerAndNoOneElse() {
        InstanceInfo root = treeOnVersionOne(organisation);
        TestRuns.Release v2 = versionTwoWhoseTests("passed");
        String otherCustomer = tokenOf(fixtures.organisation());

        upgrades.runOnce();
        upgrades.runOnce();

        assertThat(decisionsOf(root)).singleElement().satisfies(d -> {
            assertThat(d.state()).isEqualTo(UpgradeWorkflows.PROPOSED);
            assertThat(d.ownerId()).isEqualTo(organisation);
            assertThat(d.fromUrl()).isEqualTo(v1.url());
            assertThat(d.toUrl()).isEqualTo(v2.url());
            assertThat(d.toVersion()).isEqualTo("2");
            assertThat(d.testResult()).isEqualTo(runs.of(v2).get(0).reference());
        });
        String reference = decisionsOf(root).get(0).reference();
        var shown = http.get("/api/v1/upgrade-decisions/" + reference, customerToken);
        assertThat(shown.status()).as(shown.body()).isEqualTo(200);
        assertThat(shown.json().get("tree").asText()).isEqualTo(root.tree());
        assertThat(http.get("/api/v1/upgrade-decisions", customerToken).json().findValuesAsText("reference"))
                .contains(reference);
        assertThat(http.get("/api/v1/upgrade-decisions/" + reference, otherCustomer).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/upgrade-decisions", otherCustomer).json().findValuesAsText("reference"))
                .doesNotContain(reference);
    }

    @Test
    void aReleaseWhoseLatestRunFailedIsNotProposed() {
        InstanceInfo root = treeOnVersionOne(organisation);
        versionTwoWhoseTests("failed");

        upgrades.runOnce();

        assertThat(decisionsOf(root)).isEmpty();
    }

    @Test
    void aRejectedDecisionIsNotProposedAgain() {
        InstanceInfo root = treeOnVersionOne(organisation);
        versionTwoWhoseTests("passed");
        upgrades.runOnce();
        String reference = decisionsOf(root).get(0).reference();

        var reject = http.post("/api/v1/documents/" + reference + "/actions/" + UpgradeWorkflows.REJECT, customerToken,
                Map.of("comment", "not now"));
        upgrades.runOnce();

        assertThat(reject.status()).as(reject.body()).isEqualTo(200);
        assertThat(decisionsOf(root)).singleElement().satisfies(d -> {
            assertThat(d.reference()).isEqualTo(reference);
            assertThat(d.state()).isEqualTo(UpgradeWorkflows.REJECTED);
        });
    }

    @Test
    void anOrganisationThatAcceptsUpgradesHasItsDecisionAcceptedAtOnce() {
        long trusting = fixtures.organisation();
        db.update(ORGANISATION).set(ORGANISATION.ACCEPTS_UPGRADES, true).where(ORGANISATION.ID.eq(trusting)).execute();
        InstanceInfo root = treeOnVersionOne(trusting);
        versionTwoWhoseTests("passed");

        upgrades.runOnce();

        Upgrades.Decision decision = decisionsOf(root).get(0);
        List<String> actions = engine.timeline(engine.get(decision.reference(), admin()), admin()).stream()
                .map(TimelineEntry::action).filter(a -> a != null).toList();
        assertThat(actions).containsSubsequence(UpgradeWorkflows.PROPOSE, UpgradeWorkflows.ACCEPT);
        assertThat(decision.state()).as("accepted, so carried out in the same pass").isEqualTo(UpgradeWorkflows.UPGRADING);
    }

    @Test
    void anAcceptedUpgradeMovesTheInstanceToTheNewReleaseAndIsDoneOnceItRunsWithItsPromisesHolding() {
        InstanceInfo root = treeOnVersionOne(organisation);
        TestRuns.Release v2 = versionTwoWhoseTests("passed");
        upgrades.runOnce();
        Upgrades.Decision decision = accepted(root);

        upgrades.runOnce();

        assertThat(decision(decision.reference()).state()).isEqualTo(UpgradeWorkflows.UPGRADING);
        assertThat(trees.instance(root.reference(), OPERATOR).releaseUrl()).isEqualTo(v2.url());
        JsonNode planned = inThePlan(root);
        assertThat(planned.get("releaseUrl").asText()).isEqualTo(v2.url());
        assertThat(edge.poll().json().get("software").findValuesAsText("url")).contains(v2.url());

        edge.software(v2.url(), "available", null);
        edge.instanceState(root.reference(), "started", null, v2.url());
        edge.health(root.reference(), true, null, null);
        upgrades.runOnce();
        assertThat(decision(decision.reference()).state()).as("watched for " + WATCH).isEqualTo(UpgradeWorkflows.UPGRADING);

        clock.advance(WATCH.plusSeconds(1));
        upgrades.runOnce();

        Upgrades.Decision done = decision(decision.reference());
        assertThat(done.state()).isEqualTo(UpgradeWorkflows.DONE);
        assertThat(done.outcome()).endsWith(" 2 runs, and its promises held for 120 s.");
        assertThat(trees.instance(root.reference(), OPERATOR).releaseUrl()).isEqualTo(v2.url());
    }

    @Test
    void aPromiseFailingAfterTheUpgradeRollsItBackNamingThePromise() {
        InstanceInfo root = treeOnVersionOne(organisation);
        TestRuns.Release v2 = versionTwoWhoseTests("passed");
        Upgrades.Decision decision = upgradedAndRunning(root, v2);

        edge.health(root.reference(), false, "web-answers", "connection refused");
        upgrades.runOnce();

        Upgrades.Decision rolledBack = decision(decision.reference());
        assertThat(rolledBack.state()).isEqualTo(UpgradeWorkflows.ROLLED_BACK);
        assertThat(rolledBack.outcome()).contains("the promise web-answers failed: connection refused.")
                .endsWith(" Back on " + engine.get(product, OPERATOR).title() + " 1.");
        assertThat(trees.instance(root.reference(), OPERATOR).releaseUrl()).isEqualTo(v1.url());
        assertThat(inThePlan(root).get("releaseUrl").asText()).isEqualTo(v1.url());
    }

    @Test
    void aBuildFailingAfterTheUpgradeRollsItBackAndIsNotHeldAgainstTheNextUpgrade() {
        InstanceInfo first = treeOnVersionOne(organisation);
        InstanceInfo second = treeOnVersionOne(organisation);
        TestRuns.Release v2 = versionTwoWhoseTests("passed");
        upgrades.runOnce();
        Upgrades.Decision firstDecision = accepted(first);
        upgrades.runOnce();

        edge.software(v2.url(), "building", null);
        edge.software(v2.url(), "error", "$ make\nmake: *** [all] Error 2\n");
        upgrades.runOnce();

        Upgrades.Decision rolledBack = decision(firstDecision.reference());
        String name = engine.get(product, OPERATOR).title();
        assertThat(rolledBack.state()).isEqualTo(UpgradeWorkflows.ROLLED_BACK);
        assertThat(rolledBack.outcome()).isEqualTo("The build of " + name + " 2 failed: make: *** [all] Error 2. Back on "
                + name + " 1.");
        assertThat(trees.instance(first.reference(), OPERATOR).releaseUrl()).isEqualTo(v1.url());

        Upgrades.Decision secondDecision = accepted(second);
        upgrades.runOnce();
        upgrades.runOnce();
        assertThat(decision(secondDecision.reference()).state()).as("the node builds version 2 again first")
                .isEqualTo(UpgradeWorkflows.UPGRADING);
    }

    @Test
    void twoMastersProposingAtOnceProposeOneDecisionPerTree() throws Exception {
        Upgrades second = SecondMaster.bean(dataSource, Upgrades.class);
        List<InstanceInfo> roots = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            roots.add(treeOnVersionOne(fixtures.organisation()));
        }
        versionTwoWhoseTests("passed");

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Upgrades.Pass>> passes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            for (Upgrades master : List.of(upgrades, second)) {
                passes.add(pool.submit(() -> {
                    start.await();
                    return master.runOnce();
                }));
            }
        }
        start.countDown();
        int proposed = 0;
        for (Future<Upgrades.Pass> pass : passes) {
            proposed += pass.get().proposed();
        }
        pool.shutdown();

        for (InstanceInfo root : roots) {
            assertThat(decisionsOf(root)).as("decisions of " + root.tree()).hasSize(1);
        }
        assertThat(proposed).as("each Master counts only what it proposed").isGreaterThanOrEqualTo(roots.size());
    }
}

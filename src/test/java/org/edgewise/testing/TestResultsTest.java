package org.edgewise.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edgewise.Fixtures.OPERATOR;

import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.edgewise.Fixtures;
import org.edgewise.Http;
import org.edgewise.MasterTest;
import org.edgewise.TestClock;
import org.edgewise.TestNode;
import org.edgewise.TestRuns;
import org.edgewise.access.Role;
import org.edgewise.instance.InstanceInfo;
import org.edgewise.instance.InstanceRequests;
import org.edgewise.instance.InstanceWorkflows;
import org.edgewise.instance.Trees;
import org.edgewise.party.Users;
import org.edgewise.security.ApiTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A release's tests, from its publication to their verdict: the run is queued, waits for a test computer, starts
 * there in a scratch tree whose root the node's plan marks with the run, and ends with the node's report (over the
 * real node API) or without a verdict when its build or its time fails. Test computers take nothing else.
 */
class TestResultsTest extends MasterTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    TestResults results;

    @Autowired
    InstanceRequests requests;

    @Autowired
    Trees trees;

    @Autowired
    Users users;

    @Autowired
    ApiTokens apiTokens;

    @Autowired
    TestClock clock;

    @Autowired
    Fixtures fixtures;

    Http http;
    TestRuns runs;
    long product;

    @BeforeEach
    void world() {
        signIn(OPERATOR);
        http = new Http(port);
        runs = new TestRuns(context, http);
        product = runs.product();
    }

    @AfterEach
    void leaveNothingRunning() {
        runs.close();
    }

    private static Map<String, Object> line(String name, String status, String message) {
        Map<String, Object> line = new HashMap<>(Map.of("name", name, "status", status, "durationMs", 12, "log", name + " ran"));
        if (message != null) {
            line.put("message", message);
        }
        return line;
    }

    /** A published release with tests, its run started on a new test computer; the run's reference. */
    private Started started() {
        TestRuns.Release release = runs.published(product, "1", TestRuns.tests());
        TestNode node = runs.testComputer(2);
        assertThat(runs.runOnce().started()).isEqualTo(1);
        TestResults.Result result = runs.of(release).get(0);
        assertThat(result.state()).isEqualTo(TestingWorkflows.RUNNING);
        assertThat(result.computer()).isEqualTo(node.computer().reference());
        return new Started(release, node, result);
    }

    private record Started(TestRuns.Release release, TestNode node, TestResults.Result result) { }

    private JsonNode rootOnTheTestComputer(TestNode node, String tree) {
        for (JsonNode partition : node.poll().json().get("partitions")) {
            JsonNode instance = partition.get("instance");
            if (instance != null && !instance.isNull() && instance.get("tree").asText().equals(tree)
                    && instance.get("title").asText().startsWith("tests ")) {
                return instance;
            }
        }
        throw new AssertionError("The plan of " + node.computer().reference() + " has no root instance of " + tree);
    }

    private String token(Role role, Long organisation) {
        var user = users.create(new Users.NewUser(unique("runs").replace(' ', '-'), "Runs", "long enough password",
                EnumSet.of(role), organisation), admin());
        return apiTokens.create(user.id(), "tests", admin());
    }

    @Test
    void publishingAReleaseWithTestsQueuesOneRunAndOneWithoutTestsNone() {
        TestRuns.Release tested = runs.published(product, "1", TestRuns.tests());
        TestRuns.Release untested = runs.published(product, "2", null);

        List<TestResults.Result> queued = runs.of(tested);
        assertThat(queued).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo(TestingWorkflows.QUEUED);
            assertThat(r.reason()).isEqualTo("published by olivia");
            assertThat(r.timeLimitSeconds()).isEqualTo(TestRuns.TIMEOUT_SECONDS);
            assertThat(r.computer()).isNull();
        });
        assertThat(runs.of(untested)).isEmpty();
    }

    @Test
    void aQueuedRunWaitsWhileNoTestComputerIsFreeEvenWithAnOrdinaryComputerInContact() {
        TestRuns.Release release = runs.published(product, "1", TestRuns.tests());
        runs.computer(unique("ordinary"), 2);

        TestResults.Pass pass = runs.runOnce();

        assertThat(pass.started()).isZero();
        assertThat(runs.of(release)).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo(TestingWorkflows.QUEUED);
            assertThat(r.tree()).isNull();
        });
    }

    @Test
    void aRunStartsInAScratchTreeOnATestComputerWhosePlanMarksItsRootWithTheRun() {
        Started run = started();

        JsonNode root = rootOnTheTestComputer(run.node(), run.result().tree());
        assertThat(root.get("releaseUrl").asText()).isEqualTo(run.release().url());
        assertThat(root.get("parameters").get("greeting").asText()).isEqualTo("Tested");
        assertThat(root.get("test").get("result").asText()).isEqualTo(run.result().reference());
        assertThat(root.get("test").get("timeoutSeconds").asInt()).isEqualTo(TestRuns.TIMEOUT_SECONDS);
        assertThat(run.node().poll().json().get("software").findValuesAsText("url")).contains(run.release().url());

        // what the scratch instance requests stays on the test computer with it, and only there
        var child = http.post("/api/node/v1/instances/" + root.get("reference").asText() + "/children",
                run.node().credential(), Map.of("title", "db", "releaseUrl", run.release().url()));
        assertThat(child.status()).as(child.body()).isEqualTo(200);
        assertThat(child.json().get("instance").get("computer").asText()).isEqualTo(run.node().computer().reference());
        assertThat(child.json().get("instance").has("test")).isFalse();
        for (JsonNode partition : run.node().poll().json().get("partitions")) {
            JsonNode instance = partition.get("instance");
            if (instance != null && !instance.isNull() && !instance.get("reference").equals(root.get("reference"))) {
                assertThat(instance.has("test")).as("only the root carries the run: " + instance).isFalse();
            }
        }
    }

    @Test
    void aTestComputerTakesNoTreeThatDoesNotNameItEvenInItsRegion() {
        String region = unique("test region");
        TestNode node = runs.testComputer(region, 2);
        String url = runs.published(product, "1", null).url();
        fixtures.supply(node.computer(), url);

        InstanceInfo ordinary = requests.requestTree(Fixtures.request(unique("ordinary"), url, Map.of("region", region)),
                Fixtures.customer(fixtures.organisation()));
        InstanceInfo named = requests.requestTree(Fixtures.request(unique("named"), url,
                Map.of("computer", node.computer().reference())), OPERATOR);

        assertThat(ordinary.allocated()).as("a tree that does not name the test computer waits: " + ordinary).isFalse();
        assertThat(named.computer()).as("a tree that names it goes there").isEqualTo(node.computer().reference());
        trees.destroy(ordinary.tree(), OPERATOR);
        trees.destroy(named.tree(), OPERATOR);
    }

    @Test
    void aReportWhoseTestsAllPassedPassesTheRunAndDestroysItsScratchTree() {
        Started run = started();

        var answer = run.node().testReport(run.result().reference(), false, List.of(
                line("promise web-answers", "passed", null), line("WebTest.answers", "passed", null)));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("result").asText()).isEqualTo(TestingWorkflows.PASSED);
        TestResults.Result passed = runs.result(run.result().reference());
        assertThat(passed.state()).isEqualTo(TestingWorkflows.PASSED);
        assertThat(passed.passed()).isEqualTo(2);
        assertThat(passed.failed() + passed.errors() + passed.skipped()).isZero();
        assertThat(passed.finishedAt()).isNotNull();
        assertThat(passed.message()).isNull();
        assertThat(trees.get(run.result().tree(), OPERATOR).state()).isEqualTo(InstanceWorkflows.DESTROYED);
        assertThat(rootOnTheTestComputer(run.node(), run.result().tree()).has("test"))
                .as("no run is marked on a root that is going away").isFalse();
    }

    @Test
    void aReportWithAFailedTestFailsTheRunAndItsLinesComeBackFailingFirst() {
        Started run = started();
        String operatorToken = token(Role.OPERATOR, null);

        var answer = run.node().testReport(run.result().reference(), false, List.of(
                line("promise web-answers", "passed", null),
                line("WebTest.greets", "passed", null),
                line("WebTest.answersWithTheGreeting", "failed", "expected Tested\nbut was Hello"),
                line("WebTest.later", "skipped", "not run")));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        var shown = http.get("/api/v1/test-results/" + run.result().reference(), operatorToken);
        assertThat(shown.status()).as(shown.body()).isEqualTo(200);
        JsonNode result = shown.json().get("result");
        assertThat(result.get("state").asText()).isEqualTo(TestingWorkflows.FAILED);
        assertThat(result.get("message").asText()).isEqualTo("1 of 4 tests failed.");
        assertThat(result.get("failed").asInt()).isEqualTo(1);
        assertThat(result.get("skipped").asInt()).isEqualTo(1);
        assertThat(shown.json().get("lines").findValuesAsText("name")).containsExactly("WebTest.answersWithTheGreeting",
                "WebTest.later", "promise web-answers", "WebTest.greets");
        assertThat(shown.json().get("lines").get(0).get("message").asText()).as("a message is one line")
                .isEqualTo("expected Tested");
    }

    @Test
    void aReportOfTestsThatRanOutOfTimeEndsTheRunInError() {
        Started run = started();

        var answer = run.node().testReport(run.result().reference(), true, List.of(
                line("promise web-answers", "passed", null), line("suite", "error", "timed out after 180 s"),
                line("later", "skipped", "not run: the time limit was reached")));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        TestResults.Result error = runs.result(run.result().reference());
        assertThat(error.state()).isEqualTo(TestingWorkflows.ERROR);
        assertThat(error.message()).isEqualTo("The tests ran out of their time limit.");
        assertThat(results.lines(error.id())).hasSize(3);
    }

    @Test
    void aSecondReportIsRefusedWithConflictAndChangesNothing() {
        Started run = started();
        run.node().testReport(run.result().reference(), false, List.of(line("WebTest.answers", "passed", null)));

        var again = run.node().testReport(run.result().reference(), false, List.of(line("WebTest.answers", "failed", "no")));

        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.json().get("detail").asText()).contains("passed already");
        assertThat(runs.result(run.result().reference()).state()).isEqualTo(TestingWorkflows.PASSED);
        assertThat(results.lines(run.result().id())).singleElement().satisfies(l -> assertThat(l.status()).isEqualTo("passed"));
    }

    @Test
    void anotherComputersNodeMayNotReportTheRunNorLearnWhetherAReferenceExists() {
        Started run = started();
        TestNode other = runs.computer(unique("other"), 1);

        var refused = other.testReport(run.result().reference(), false, List.of(line("WebTest.answers", "passed", null)));
        var unknown = run.node().testReport("TR-999999999", false, List.of(line("WebTest.answers", "passed", null)));

        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(unknown.status()).as("the same answer as for another's run: " + unknown.body()).isEqualTo(403);
        assertThat(runs.result(run.result().reference()).state()).isEqualTo(TestingWorkflows.RUNNING);
    }

    @Test
    void aBuildThatFailsOnTheTestComputerEndsTheRunInErrorWithItsLastLine() {
        Started run = started();
        run.node().software(run.release().url(), "building", null);
        run.node().software(run.release().url(), "error", "$ ./configure\nconfigure: error: libfoo.h not found\n");

        assertThat(runs.runOnce().ended()).isEqualTo(1);

        TestResults.Result error = runs.result(run.result().reference());
        assertThat(error.state()).isEqualTo(TestingWorkflows.ERROR);
        assertThat(error.message()).isEqualTo("The build failed: configure: error: libfoo.h not found");
        assertThat(trees.get(run.result().tree(), OPERATOR).state()).isEqualTo(InstanceWorkflows.DESTROYED);
    }

    @Test
    void aRunAgainAfterAFailedBuildWaitsForTheNodesNewBuild() {
        Started run = started();
        run.node().software(run.release().url(), "building", null);
        run.node().software(run.release().url(), "error", "make: *** [all] Error 2\n");
        runs.runOnce();
        assertThat(runs.result(run.result().reference()).state()).isEqualTo(TestingWorkflows.ERROR);

        String again = results.queue(run.release().reference(), OPERATOR).reference();
        assertThat(runs.runOnce().started()).isEqualTo(1);
        runs.runOnce();

        assertThat(runs.result(again).state()).as("the earlier build's failure is not this run's")
                .isEqualTo(TestingWorkflows.RUNNING);
        run.node().software(run.release().url(), "building", null);
        run.node().software(run.release().url(), "error", "make: *** [all] Error 2\n");
        runs.runOnce();
        assertThat(runs.result(again).state()).isEqualTo(TestingWorkflows.ERROR);
        assertThat(runs.result(again).message()).isEqualTo("The build failed: make: *** [all] Error 2");
    }

    @Test
    void aRunThatCannotStartEndsInErrorAndHoldsUpNoLaterRun() {
        Map<String, Object> unrunnable = new HashMap<>(TestRuns.tests());
        unrunnable.put("type", "not a type");
        TestRuns.Release broken = runs.published(product, "1", unrunnable);
        TestRuns.Release fine = runs.published(product, "2", TestRuns.tests());
        runs.testComputer(2);

        TestResults.Pass pass = runs.runOnce();

        assertThat(runs.of(broken)).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo(TestingWorkflows.ERROR);
            assertThat(r.message()).startsWith("The run could not start: ").contains("\"not a type\" is not a software type");
        });
        assertThat(runs.of(fine).get(0).state()).isEqualTo(TestingWorkflows.RUNNING);
        assertThat(pass.started()).isEqualTo(1);
    }

    @Test
    void aRunWithNoVerdictWithinItsTimeEndsInError() {
        Started run = started();
        runs.runOnce();
        assertThat(runs.result(run.result().reference()).state()).as("in time").isEqualTo(TestingWorkflows.RUNNING);

        clock.advance(Duration.ofMinutes(20).plusSeconds(TestRuns.TIMEOUT_SECONDS + 1));
        runs.runOnce();

        TestResults.Result error = runs.result(run.result().reference());
        assertThat(error.state()).isEqualTo(TestingWorkflows.ERROR);
        assertThat(error.message()).isEqualTo("No verdict within 23 min (20 min to build and start, 180 s for the tests).");
        var late = run.node().testReport(run.result().reference(), false, List.of(line("WebTest.answers", "passed", null)));
        assertThat(late.status()).as(late.body()).isEqualTo(409);
    }

    @Test
    void eachRunOfAProductLinksTheOneBeforeIt() {
        TestRuns.Release first = runs.published(product, "1", TestRuns.tests());
        TestRuns.Release second = runs.published(product, "2", TestRuns.tests());
        TestResults.Result firstRun = runs.of(first).get(0);

        TestResults.Result secondRun = runs.of(second).get(0);

        assertThat(firstRun.previousReference()).isNull();
        assertThat(secondRun.previousReference()).isEqualTo(firstRun.reference());
        assertThat(results.history(null, null, 1000, OPERATOR)).extracting(TestResults.Result::reference)
                .containsSubsequence(secondRun.reference(), firstRun.reference());
    }

    @Test
    void anOperatorQueuesARunOnDemandACustomerMayNotAndAReleaseWithoutTestsHasNoneToRun() {
        TestRuns.Release tested = runs.published(product, "1", TestRuns.tests());
        TestRuns.Release untested = runs.published(product, "2", null);
        String operatorToken = token(Role.OPERATOR, null);
        String customerToken = token(Role.CUSTOMER, fixtures.organisation());

        var queued = http.post("/api/v1/test-results", operatorToken, Map.of("release", tested.reference()));
        var byCustomer = http.post("/api/v1/test-results", customerToken, Map.of("release", tested.reference()));
        var nothingToRun = http.post("/api/v1/test-results", operatorToken, Map.of("release", untested.reference()));

        assertThat(queued.status()).as(queued.body()).isEqualTo(201);
        assertThat(queued.json().get("state").asText()).isEqualTo(TestingWorkflows.QUEUED);
        TestResults.Result onDemand = runs.result(queued.json().get("reference").asText());
        assertThat(onDemand.reason()).startsWith("asked by ");
        assertThat(onDemand.previousReference()).as("the run queued on publication").isNotNull();
        assertThat(runs.of(tested)).hasSize(2);
        assertThat(byCustomer.status()).as(byCustomer.body()).isEqualTo(403);
        assertThat(nothingToRun.status()).as(nothingToRun.body()).isEqualTo(409);
        assertThat(nothingToRun.json().get("detail").asText()).contains(untested.reference()).contains("declares no tests");
        assertThat(runs.of(untested)).isEmpty();
        var listed = http.get("/api/v1/test-results?release=" + tested.reference(), operatorToken);
        assertThat(listed.json().findValuesAsText("reference")).hasSize(2);
        assertThat(http.get("/api/v1/test-results?release=" + tested.reference(), customerToken).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/test-results/" + onDemand.reference(), customerToken).status()).isEqualTo(403);
    }
}

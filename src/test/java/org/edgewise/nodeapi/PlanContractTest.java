package org.edgewise.nodeapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edgewise.Fixtures.OPERATOR;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.edgewise.Fixtures;
import org.edgewise.Http;
import org.edgewise.MasterTest;
import org.edgewise.TestRuns;
import org.edgewise.access.Role;
import org.edgewise.security.ApiTokens;
import org.edgewise.catalog.Installations;
import org.edgewise.document.Document;
import org.edgewise.party.Users;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The plan the Master serves a node has the shape the node client's records expect: the same field paths with
 * the same JSON types as the plan checked in beside the node client's tests, which its own PlanContractTest
 * reads into the node's records with unknown fields refused. Together the two tests fail on a field added,
 * renamed or removed on either side.
 *
 * <p>To change the plan on purpose: change the Master, run this test (it fails, naming the paths that differ),
 * copy {@code target/plan-contract.json}, the plan it received, over
 * {@code node-client/src/test/resources/plan-contract.json}, then change the node client's {@code Plan} records
 * until the node client's PlanContractTest passes again.
 */
class PlanContractTest extends MasterTest {

    static final Path FIXTURE = Path.of("node-client", "src", "test", "resources", "plan-contract.json");
    static final Path RECEIVED = Path.of("target", "plan-contract.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    Enrolment enrolment;

    @Autowired
    Installations installations;

    @Autowired
    ApplicationContext context;

    @Autowired
    Users users;

    @Autowired
    ApiTokens apiTokens;

    /**
     * Builds a plan with every field in it: a release to have and one to remove, both reported; a free
     * partition; an instance with parameters and connection parameters and a child (with an SLA) that runs and
     * has published; a host with a shared instance that has parameters and has published; an instance whose
     * tree is destroyed while the node has not reported it destroyed yet; and, first, in part0, the root instance of
     * a running test run's scratch tree (the computer takes test runs for the one pass that starts it).
     */
    @Test
    void thePlanAMasterServesHasTheShapeTheNodeClientReads() throws IOException {
        signIn(OPERATOR);
        Http http = new Http(port);
        String release = fixtures.release();
        String removed = fixtures.release();
        Document computer = fixtures.openComputer("contract", 10, 0, List.of());
        String node = enrol(http, computer);
        fixtures.supply(computer, release);
        fixtures.supply(computer, removed);
        report(http, node, "/api/node/v1/software", Map.of("url", release, "state", "available"));
        report(http, node, "/api/node/v1/software", Map.of("url", removed, "state", "available"));
        installations.remove(computer.id(), removed, OPERATOR);
        TestRuns runs = new TestRuns(context, http);
        try {
            planWithEveryField(http, computer, node, release, runs);
        } finally {
            runs.close();
        }
    }

    private void planWithEveryField(Http http, Document computer, String node, String release, TestRuns runs)
            throws IOException {
        TestRuns.Release tested = runs.published(runs.product(), "1", TestRuns.tests());
        String run = runs.startOn(computer, node).reference();
        report(http, node, "/api/node/v1/software", Map.of("url", tested.url(), "state", "available"));
        String customer = customerToken();
        Map<String, String> onThisComputer = Map.of("computer", computer.reference());

        String app = request(http, customer, Map.of("title", "app", "releaseUrl", release,
                "parameters", Map.of("greeting", "hello", "replicas", 2), "sla", onThisComputer));
        report(http, node, "/api/node/v1/instances/" + app + "/state", Map.of("state", "started"));
        report(http, node, "/api/node/v1/instances/" + app + "/connection",
                Map.of("parameters", Map.of("url", "http://127.1.0.1:8080/")));
        var child = http.post("/api/node/v1/instances/" + app + "/children", node, Map.of("title", "db",
                "releaseUrl", release, "softwareType", "default", "sla", onThisComputer));
        assertThat(child.status()).as(child.body()).isEqualTo(200);
        String db = child.json().get("instance").get("reference").asText();
        report(http, node, "/api/node/v1/instances/" + db + "/state", Map.of("state", "started"));
        report(http, node, "/api/node/v1/instances/" + db + "/connection",
                Map.of("parameters", Map.of("url", "http://127.1.0.2:8080")));

        String host = request(http, customer, Map.of("title", "frontend", "releaseUrl", release,
                "softwareType", "frontend", "sla", onThisComputer));
        report(http, node, "/api/node/v1/instances/" + host + "/state", Map.of("state", "started"));
        var offered = http.put("/api/v1/instances/" + host + "/sharing", customer, Map.of("offered", true));
        assertThat(offered.status()).as(offered.body()).isEqualTo(200);
        String site = request(http, customer, Map.of("title", "site", "releaseUrl", release, "softwareType", "frontend",
                "shared", true, "parameters", Map.of("domain", "shop.example"), "sla", Map.of("instance", host)));
        report(http, node, "/api/node/v1/instances/" + site + "/connection",
                Map.of("parameters", Map.of("url", "http://127.1.0.3:8080/" + site + "/")));

        var old = http.post("/api/v1/trees", customer, Map.of("title", "old", "releaseUrl", release,
                "sla", onThisComputer));
        assertThat(old.status()).as(old.body()).isEqualTo(200);
        assertThat(http.send("DELETE", "/api/v1/trees/" + old.json().get("root").get("tree").asText(), customer, null)
                .status()).isEqualTo(200);

        var plan = http.get("/api/node/v1/plan", node);
        assertThat(plan.status()).isEqualTo(200);
        JsonNode served = plan.json();
        Files.createDirectories(RECEIVED.getParent());
        JSON.writerWithDefaultPrettyPrinter().writeValue(RECEIVED.toFile(), served);

        JsonNode test = served.get("partitions").get(0).get("instance").get("test");
        assertThat(test).as("the run's scratch root, placed first, in part0").isNotNull();
        assertThat(test.get("result").asText()).isEqualTo(run).startsWith("TR-");
        assertThat(test.get("timeoutSeconds").asInt()).isEqualTo(TestRuns.TIMEOUT_SECONDS);

        assertThat(differences(shape(served), shape(JSON.readTree(FIXTURE.toFile()))))
                .as("The plan the Master serves (written to " + RECEIVED + ") and the one the node client's records are"
                        + " tested with (" + FIXTURE + ") differ; see this class's comment for how to refresh it")
                .isEmpty();
    }

    /** Every field path of a JSON document with the JSON types found there; the elements of an array merged. */
    static Map<String, Set<String>> shape(JsonNode json) {
        Map<String, Set<String>> shape = new TreeMap<>();
        collect("", json, shape);
        return shape;
    }

    private static void collect(String path, JsonNode node, Map<String, Set<String>> shape) {
        shape.computeIfAbsent(path.isEmpty() ? "(plan)" : path, p -> new TreeSet<>())
                .add(node.getNodeType().name().toLowerCase());
        if (node.isObject()) {
            node.properties().forEach(field -> collect((path.isEmpty() ? "" : path + ".") + field.getKey(),
                    field.getValue(), shape));
        } else if (node.isArray()) {
            node.forEach(element -> collect(path + "[]", element, shape));
        }
    }

    /** One line per path that is in one shape only, or has other types in the other. */
    static List<String> differences(Map<String, Set<String>> served, Map<String, Set<String>> expected) {
        Map<String, Set<String>> all = new TreeMap<>(expected);
        served.forEach(all::putIfAbsent);
        List<String> lines = new ArrayList<>();
        all.keySet().forEach(path -> {
            Set<String> master = served.get(path);
            Set<String> fixture = expected.get(path);
            if (master == null) {
                lines.add(path + ": in the fixture " + fixture + ", not served by the Master");
            } else if (fixture == null) {
                lines.add(path + ": served by the Master " + master + ", not in the fixture");
            } else if (!master.equals(fixture)) {
                lines.add(path + ": served by the Master as " + master + ", in the fixture as " + fixture);
            }
        });
        return lines;
    }

    private String enrol(Http http, Document computer) {
        var enrolled = http.post("/api/node/v1/enrol", null, Map.of("token", enrolment.createToken(computer.id(), OPERATOR)));
        assertThat(enrolled.status()).isEqualTo(200);
        String credential = enrolled.json().get("credential").asText();
        List<Map<String, Object>> partitions = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            partitions.add(Map.of("name", "part" + i, "address", "127.1.0." + (i + 1), "capabilities", List.of()));
        }
        report(http, credential, "/api/node/v1/format", Map.of("partitions", partitions));
        return credential;
    }

    private String customerToken() {
        long organisation = fixtures.organisation();
        var user = users.create(new Users.NewUser("contract-" + organisation, "Contract customer", "long enough password",
                EnumSet.of(Role.CUSTOMER), organisation), admin());
        return apiTokens.create(user.id(), "tests", admin());
    }

    /** Requests a tree; returns its root instance's reference. */
    private static String request(Http http, String customer, Map<String, Object> request) {
        var response = http.post("/api/v1/trees", customer, new HashMap<>(request));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("root").get("partition").isNull()).as("placed at once").isFalse();
        return response.json().get("root").get("reference").asText();
    }

    private static void report(Http http, String node, String path, Object body) {
        var response = http.put(path, node, body);
        assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
    }
}

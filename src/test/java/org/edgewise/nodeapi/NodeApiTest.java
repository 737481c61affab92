package org.edgewise.nodeapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edgewise.Fixtures.OPERATOR;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.edgewise.Fixtures;
import org.edgewise.Http;
import org.edgewise.MasterTest;
import org.edgewise.access.Role;
import org.edgewise.computer.Computers;
import org.edgewise.document.Document;
import org.edgewise.jooq.Tables;
import org.edgewise.party.Users;
import org.edgewise.security.ApiTokens;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

/** The node and requester APIs over real HTTP, as node clients and scripts use them. */
class NodeApiTest extends MasterTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    Enrolment enrolment;

    @Autowired
    Computers computers;

    @Autowired
    Users users;

    @Autowired
    ApiTokens apiTokens;

    @Autowired
    DSLContext db;

    Http http;
    String url;
    Node a;
    Node b;
    String customerToken;

    record Node(Document computer, String credential) { }

    @BeforeEach
    void setUp() {
        signIn(OPERATOR);
        http = new Http(port);
        url = fixtures.release();
        a = enrolledNode();
        b = enrolledNode();
        fixtures.supply(a.computer(), url);
        fixtures.supply(b.computer(), url);
        long org = fixtures.organisation();
        var user = users.create(new Users.NewUser("api-" + org, "API user", "long enough password",
                EnumSet.of(Role.CUSTOMER), org), admin());
        customerToken = apiTokens.create(user.id(), "tests", admin());
    }

    private Node enrolledNode() {
        Document computer = fixtures.openComputer("api", 10, 0, List.of());
        String token = enrolment.createToken(computer.id(), OPERATOR);
        var enrolled = http.post("/api/node/v1/enrol", null, Map.of("token", token));
        assertThat(enrolled.status()).isEqualTo(200);
        String credential = enrolled.json().get("credential").asText();
        var formatted = http.put("/api/node/v1/format", credential, Map.of("partitions", List.of(
                Map.of("name", "part0", "address", "127.1.0.1", "capabilities", List.of()),
                Map.of("name", "part1", "address", "127.1.0.2", "capabilities", List.of()),
                Map.of("name", "part2", "address", "127.1.0.3", "capabilities", List.of()))));
        assertThat(formatted.status()).isEqualTo(200);
        return new Node(computer, credential);
    }

    private JsonNode requestTree(String title, Map<String, Object> extra) {
        var body = new java.util.HashMap<String, Object>(Map.of("title", title, "releaseUrl", url,
                "parameters", Map.of("greeting", "hello"), "sla", Map.of("computer", a.computer().reference())));
        body.putAll(extra);
        var response = http.post("/api/v1/trees", customerToken, body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("root");
    }

    private String etag(Node node) {
        var plan = http.get("/api/node/v1/plan", node.credential());
        assertThat(plan.status()).isEqualTo(200);
        return plan.header("ETag");
    }

    private JsonNode plan(Node node) {
        return http.get("/api/node/v1/plan", node.credential()).json();
    }

    private static JsonNode partition(JsonNode plan, String instanceReference) {
        for (JsonNode p : plan.get("partitions")) {
            if (p.has("instance") && p.get("instance").get("reference").asText().equals(instanceReference)) {
                return p;
            }
        }
        throw new AssertionError(instanceReference + " not in plan " + plan);
    }

    @Test
    void anEnrolmentTokenWorksOnceAndOnlyOnce() {
        Document computer = fixtures.openComputer("api", 10, 0, List.of());
        String token = enrolment.createToken(computer.id(), OPERATOR);

        var first = http.post("/api/node/v1/enrol", null, Map.of("token", token));
        var second = http.post("/api/node/v1/enrol", null, Map.of("token", token));
        var unknown = http.post("/api/node/v1/enrol", null, Map.of("token", "enrol-nonsense"));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("computer").asText()).isEqualTo(computer.reference());
        assertThat(first.json().get("credential").asText()).startsWith(computer.reference() + ".");
        assertThat(second.status()).isEqualTo(403);
        assertThat(second.json().get("detail").asText()).contains("already used");
        assertThat(unknown.status()).isEqualTo(403);
        assertThat(http.get("/api/node/v1/plan", first.json().get("credential").asText()).status()).isEqualTo(200);
    }

    @Test
    void theSameFormatReportTwiceChangesNothing() {
        String before = etag(a);
        var again = http.put("/api/node/v1/format", a.credential(), Map.of("partitions", List.of(
                Map.of("name", "part0", "address", "127.1.0.1", "capabilities", List.of()),
                Map.of("name", "part1", "address", "127.1.0.2", "capabilities", List.of()),
                Map.of("name", "part2", "address", "127.1.0.3", "capabilities", List.of()))));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).hasSize(3);
        assertThat(etag(a)).isEqualTo(before);
    }

    @Test
    void anUnchangedPlanIsA304AndRequestsBangsAndStateChangesGiveANewEtag() {
        String first = etag(a);
        var unchanged = http.get("/api/node/v1/plan", a.credential(), "If-None-Match", first);
        assertThat(unchanged.status()).isEqualTo(304);
        assertThat(unchanged.header("Edgewise-Next-Poll")).isNotBlank();
        assertThat(unchanged.header("ETag")).isEqualTo(first);
        assertThat(unchanged.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(unchanged.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(http.get("/api/node/v1/plan", "COMP-999999.wrong", "If-None-Match", first).status()).isEqualTo(401);

        JsonNode root = requestTree("etag", Map.of());
        String afterRequest = etag(a);
        assertThat(afterRequest).isNotEqualTo(first);
        assertThat(partition(plan(a), root.get("reference").asText()).get("instance").get("parameters").get("greeting")
                .asText()).isEqualTo("hello");

        assertThat(http.post("/api/node/v1/instances/" + root.get("reference").asText() + "/bang", a.credential(), null)
                .status()).isEqualTo(200);
        String afterBang = etag(a);
        assertThat(afterBang).isNotEqualTo(afterRequest);

        requestTree("etag", Map.of("state", "stopped"));
        String afterStop = etag(a);
        assertThat(afterStop).isNotEqualTo(afterBang);
        assertThat(partition(plan(a), root.get("reference").asText()).get("instance").get("requestedState").asText())
                .isEqualTo("stopped");
        assertThat(http.get("/api/node/v1/plan", a.credential(), "If-None-Match", afterStop).status()).isEqualTo(304);
    }

    @Test
    void aNodeCannotReadOrChangeAnotherNodesInstances() {
        JsonNode root = requestTree("isolated", Map.of());
        String ref = root.get("reference").asText();
        String path = "/api/node/v1/instances/" + ref;
        record Call(String method, String path, Object body) { }
        List<Call> calls = List.of(
                new Call("PUT", path + "/state", Map.of("state", "started")),
                new Call("PUT", path + "/connection", Map.of("parameters", Map.of("url", "http://evil"))),
                new Call("POST", path + "/children", Map.of("title", "intruder", "releaseUrl", url)),
                new Call("POST", path + "/bang", null));
        var before = db.select(Tables.INSTANCE.REPORTED_STATE, Tables.INSTANCE.CONNECTION_PARAMETERS,
                Tables.INSTANCE.CHANGED_AT).from(Tables.INSTANCE).where(Tables.INSTANCE.ID.eq(root.get("id") == null
                        ? instanceId(ref) : root.get("id").asLong())).fetchOne();
        String etagOfA = etag(a);

        for (Call call : calls) {
            var response = http.send(call.method(), call.path(), b.credential(), call.body() == null ? null : Http.write(call.body()));
            assertThat(response.status()).as(call.method() + " " + call.path()).isEqualTo(403);
            assertThat(response.json().get("detail").asText()).contains("not placed on this computer");
            assertThat(http.send(call.method(), call.path(), null, call.body() == null ? null : Http.write(call.body()))
                    .status()).as("without a credential").isEqualTo(401);
            assertThat(http.send(call.method(), call.path(), a.computer().reference() + ".wrong-secret",
                    call.body() == null ? null : Http.write(call.body())).status()).as("with a wrong secret").isEqualTo(401);
        }

        var after = db.select(Tables.INSTANCE.REPORTED_STATE, Tables.INSTANCE.CONNECTION_PARAMETERS,
                Tables.INSTANCE.CHANGED_AT).from(Tables.INSTANCE).where(Tables.INSTANCE.ID.eq(instanceId(ref))).fetchOne();
        assertThat(after).isEqualTo(before);
        assertThat(db.fetchCount(Tables.INSTANCE, Tables.INSTANCE.TITLE.eq("intruder"))).isZero();
        assertThat(etag(a)).isEqualTo(etagOfA);
        assertThat(plan(b).toString()).doesNotContain(ref);
    }

    @Test
    void badInputIsRefusedWithAMessageAndNothingIsStored() {
        JsonNode root = requestTree("careful", Map.of());
        String ref = root.get("reference").asText();
        int instances = db.fetchCount(Tables.INSTANCE);

        var malformed = http.send("POST", "/api/node/v1/instances/" + ref + "/children", a.credential(), "{\"title\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("detail").asText()).startsWith("Malformed JSON");

        var notAnObject = http.send("POST", "/api/v1/trees", customerToken,
                "{\"title\":\"x\",\"releaseUrl\":\"" + url + "\",\"parameters\":[1,2]}");
        assertThat(notAnObject.status()).isEqualTo(400);

        var oversize = http.send("PUT", "/api/node/v1/instances/" + ref + "/connection", a.credential(),
                "{\"parameters\":{\"blob\":\"" + "x".repeat(300 * 1024) + "\"}}");
        assertThat(oversize.status()).isEqualTo(413);
        assertThat(oversize.json().get("detail").asText()).contains("larger than the limit");

        var unknownSla = http.post("/api/node/v1/instances/" + ref + "/children", a.credential(),
                Map.of("title", "child", "releaseUrl", url, "sla", Map.of("colour", "blue")));
        assertThat(unknownSla.status()).isEqualTo(400);
        assertThat(unknownSla.json().get("detail").asText()).contains("Unknown SLA key \"colour\"");

        var unknownTree = http.get("/api/v1/trees/TREE-999999", customerToken);
        assertThat(unknownTree.status()).isEqualTo(404);
        var unknownInstance = http.put("/api/node/v1/instances/INST-999999/state", a.credential(), Map.of("state", "started"));
        assertThat(unknownInstance.status()).isEqualTo(403);
        var unknownSoftware = http.put("/api/node/v1/software", a.credential(),
                Map.of("url", "file:/not/supplied", "state", "available"));
        assertThat(unknownSoftware.status()).isEqualTo(400);
        assertThat(unknownSoftware.json().get("detail").asText()).contains("not supplied on this computer");
        var badState = http.put("/api/node/v1/instances/" + ref + "/state", a.credential(), Map.of("state", "dancing"));
        assertThat(badState.status()).isEqualTo(400);
        var noToken = http.get("/api/v1/trees", null);
        assertThat(noToken.status()).isEqualTo(401);

        assertThat(db.fetchCount(Tables.INSTANCE)).isEqualTo(instances);
        assertThat(db.select(Tables.INSTANCE.REPORTED_STATE).from(Tables.INSTANCE)
                .where(Tables.INSTANCE.ID.eq(instanceId(ref))).fetchOne(Tables.INSTANCE.REPORTED_STATE)).isNull();
    }

    @Test
    void aFullDestroyCycleFreesThePartitionAndArchivesTheTree() {
        JsonNode root = requestTree("short-lived", Map.of());
        String ref = root.get("reference").asText();
        String tree = root.get("tree").asText();
        String partitionName = partition(plan(a), ref).get("name").asText();
        assertThat(http.put("/api/node/v1/instances/" + ref + "/state", a.credential(), Map.of("state", "started"))
                .status()).isEqualTo(200);

        var destroyed = http.send("DELETE", "/api/v1/trees/" + tree, customerToken, null);
        assertThat(destroyed.status()).isEqualTo(200);
        assertThat(destroyed.json().get("state").asText()).isEqualTo("destroyed");
        assertThat(partition(plan(a), ref).get("instance").get("requestedState").asText()).isEqualTo("destroyed");

        assertThat(http.put("/api/node/v1/instances/" + ref + "/state", a.credential(), Map.of("state", "destroyed"))
                .status()).isEqualTo(200);

        JsonNode freed = null;
        for (JsonNode p : plan(a).get("partitions")) {
            if (p.get("name").asText().equals(partitionName)) {
                freed = p;
            }
        }
        assertThat(freed.get("state").asText()).isEqualTo("free");
        assertThat(freed.has("instance")).isFalse();
        assertThat(http.get("/api/v1/trees/" + tree, customerToken).json().get("state").asText()).isEqualTo("archived");
        // the same title may be ordered again once archived
        assertThat(requestTree("short-lived", Map.of()).get("tree").asText()).isNotEqualTo(tree);
    }

    /** Offers the instance for sharing through the requester API, as its owner. */
    private void offer(JsonNode instance) {
        var offered = http.put("/api/v1/instances/" + instance.get("reference").asText() + "/sharing", customerToken,
                Map.of("offered", true));
        assertThat(offered.status()).as(offered.body()).isEqualTo(200);
        assertThat(offered.json().get("offeredForSharing").asBoolean()).isTrue();
    }

    @Test
    void aSharedInstanceIsPlacedInsideAStartedHostOfTheSameReleaseAndTypeOnceItIsOffered() {
        JsonNode host = requestTree("frontend", Map.of("softwareType", "frontend"));
        var early = http.post("/api/v1/trees", customerToken, Map.of("title", "early-site", "releaseUrl", url,
                "softwareType", "frontend", "shared", true, "sla", Map.of("instance", host.get("reference").asText())));
        assertThat(early.status()).isEqualTo(400);
        assertThat(early.json().get("detail").asText()).isEqualTo("No instance " + host.get("reference").asText()
                + " is offered for sharing to you for release " + url + ", software type frontend.");

        offer(host);
        var shared = http.post("/api/v1/trees", customerToken, Map.of("title", "my-site", "releaseUrl", url,
                "softwareType", "frontend", "shared", true, "parameters", Map.of("domain", "shop.example")));
        assertThat(shared.status()).as(shared.body()).isEqualTo(200);
        JsonNode hosted = shared.json().get("root");
        assertThat(hosted.get("computer").asText()).isEqualTo(a.computer().reference());
        assertThat(hosted.get("partition").asText()).isEqualTo(host.get("partition").asText());

        JsonNode hostPartition = partition(plan(a), host.get("reference").asText());
        JsonNode sharedInPlan = hostPartition.get("instance").get("sharedInstances").get(0);
        assertThat(sharedInPlan.get("reference").asText()).isEqualTo(hosted.get("reference").asText());
        assertThat(sharedInPlan.get("parameters").get("domain").asText()).isEqualTo("shop.example");

        var published = http.put("/api/node/v1/instances/" + hosted.get("reference").asText() + "/connection",
                a.credential(), Map.of("parameters", Map.of("url", "http://127.1.0.1:8080/my-site")));
        assertThat(published.status()).isEqualTo(200);
        assertThat(http.get("/api/v1/trees/" + hosted.get("tree").asText(), customerToken).json().get("root")
                .get("connectionParameters").get("url").asText()).isEqualTo("http://127.1.0.1:8080/my-site");
    }

    @Test
    void aDestroyedHostLetsGoOfItsSharedInstancesWhichMoveToAnotherHost() {
        JsonNode first = requestTree("frontend-a", Map.of("softwareType", "frontend"));
        offer(first);
        var shared = http.post("/api/v1/trees", customerToken, Map.of("title", "moving-site", "releaseUrl", url,
                "softwareType", "frontend", "shared", true, "parameters", Map.of("domain", "move.example")));
        JsonNode hosted = shared.json().get("root");
        String hostedRef = hosted.get("reference").asText();
        String hostedTree = hosted.get("tree").asText();
        assertThat(hosted.get("partition").asText()).isEqualTo(first.get("partition").asText());
        http.put("/api/node/v1/instances/" + hostedRef + "/connection", a.credential(),
                Map.of("parameters", Map.of("url", "http://127.1.0.1:8080/moving-site")));
        JsonNode second = requestTree("frontend-b", Map.of("softwareType", "frontend",
                "sla", Map.of("computer", b.computer().reference())));
        offer(second);

        assertThat(http.send("DELETE", "/api/v1/trees/" + first.get("tree").asText(), customerToken, null).status())
                .isEqualTo(200);

        JsonNode moved = http.get("/api/v1/trees/" + hostedTree, customerToken).json().get("root");
        assertThat(moved.get("computer").asText()).as(moved.toString() + " second " + second).isEqualTo(b.computer().reference());
        assertThat(moved.get("partition").asText()).isEqualTo(second.get("partition").asText());
        assertThat(moved.get("connectionParameters").size()).as("the old host's URL is gone").isZero();
        assertThat(partition(plan(b), second.get("reference").asText()).get("instance").get("sharedInstances").get(0)
                .get("reference").asText()).isEqualTo(hostedRef);
        assertThat(plan(a).toString()).doesNotContain(hostedRef);

        http.send("DELETE", "/api/v1/trees/" + second.get("tree").asText(), customerToken, null);

        JsonNode waiting = http.get("/api/v1/trees/" + hostedTree, customerToken).json().get("root");
        assertThat(waiting.get("partition").isNull()).isTrue();
        assertThat(waiting.get("allocationNote").asText()).contains("can host this shared instance");
        assertThat(plan(b).toString()).doesNotContain(hostedRef);
    }

    @Test
    void aChildsConnectionParametersReachItsRequesterThroughABang() {
        JsonNode app = requestTree("app", Map.of());
        String appRef = app.get("reference").asText();
        var child = http.post("/api/node/v1/instances/" + appRef + "/children", a.credential(), Map.of("title", "db",
                "releaseUrl", url, "softwareType", "default", "sla", Map.of("computer", b.computer().reference())));
        assertThat(child.status()).as(child.body()).isEqualTo(200);
        String childRef = child.json().get("instance").get("reference").asText();
        assertThat(child.json().get("instance").get("computer").asText()).isEqualTo(b.computer().reference());
        var again = http.post("/api/node/v1/instances/" + appRef + "/children", a.credential(), Map.of("title", "db",
                "releaseUrl", url, "softwareType", "default", "sla", Map.of("computer", b.computer().reference())));
        assertThat(again.json().get("instance").get("reference").asText()).as("idempotent").isEqualTo(childRef);
        String etagBefore = etag(a);

        var published = http.put("/api/node/v1/instances/" + childRef + "/connection", b.credential(),
                Map.of("parameters", Map.of("url", "http://127.1.0.2:5432")));
        assertThat(published.json().get("result").asText()).isEqualTo("changed");

        assertThat(etag(a)).isNotEqualTo(etagBefore);
        JsonNode children = partition(plan(a), appRef).get("instance").get("children");
        assertThat(children).hasSize(1);
        assertThat(children.get(0).get("connectionParameters").get("url").asText()).isEqualTo("http://127.1.0.2:5432");

        var taken = http.post("/api/node/v1/instances/" + childRef + "/children", b.credential(), Map.of("title", "app",
                "releaseUrl", url));
        assertThat(taken.status()).as("a title is unique in its tree, so no cycle can form").isEqualTo(409);
    }

    @Test
    void aChildThatCannotBePlacedYetIsAnExplicitRetryLater() {
        JsonNode app = requestTree("waiting-app", Map.of());
        var child = http.post("/api/node/v1/instances/" + app.get("reference").asText() + "/children", a.credential(),
                Map.of("title", "gpu-worker", "releaseUrl", url, "sla", Map.of("capability", "gpu")));

        assertThat(child.status()).isEqualTo(202);
        assertThat(child.json().get("status").asText()).isEqualTo("pending");
        assertThat(child.json().get("reason").asText()).contains("capabilities [gpu]");
        assertThat(child.header("Retry-After")).isNotBlank();
    }

    @Test
    void theMasterServesTheOpenApiDescriptionOfBothApis() {
        var docs = http.get("/v3/api-docs", null);

        assertThat(docs.status()).isEqualTo(200);
        JsonNode paths = docs.json().get("paths");
        assertThat(paths.has("/api/node/v1/plan")).isTrue();
        assertThat(paths.has("/api/node/v1/instances/{reference}/children")).isTrue();
        assertThat(paths.has("/api/v1/trees")).isTrue();
        assertThat(paths.has("/api/v1/computers/{reference}/software")).isTrue();
    }

    private long instanceId(String reference) {
        return db.select(Tables.DOCUMENT.ID).from(Tables.DOCUMENT).where(Tables.DOCUMENT.REFERENCE.eq(reference))
                .fetchOne(Tables.DOCUMENT.ID);
    }

}

package org.edgewise.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Facet 12 on the local cloud with a test node: publishing a release runs its tests on the test node; a release
 * whose tests pass is proposed to the customer's trees on an older version, and accepting upgrades the running
 * service; a broken release gets a failing line and no proposal; a release that fails after an upgrade is rolled
 * back; a data-keeping release keeps its data across the upgrade. The passes run every second, and an upgraded
 * instance is done once its promises have held for 5 s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpgradeIT {

    private static final Logger log = Logger.getLogger(UpgradeIT.class.getName());
    /** A test run builds the release on the test node, starts it and runs its test programs: minutes on a loaded machine. */
    private static final Duration TEST_RUN = Duration.ofMinutes(4);

    private LocalCloudHarness cloud;
    private Master customer;
    private Master admin;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws IOException {
        cloud = new LocalCloudHarness(List.of("--edgewise.testing.interval=PT1S", "--edgewise.upgrades.interval=PT1S",
                "--edgewise.upgrades.watch=PT5S"), 1);
        cloud.start();
        customer = cloud.customer();
        admin = cloud.admin();
    }

    @AfterAll
    void stop() throws InterruptedException {
        cloud.close();
    }

    @Test
    @Order(1)
    void aNewWebVersionIsTestedProposedAcceptedAndServed() throws Exception {
        String tree = request("site", "web");
        String url = answering(tree, "Hello from site: Hello\n");

        Instant published = Instant.now();
        JsonNode result = publishAndAwaitVerdict("web-2");
        Duration toResult = Duration.between(published, Instant.now());
        assertEquals("passed", result.path("state").asText(), result.toString());
        assertEquals(result.path("computer").asText(), "COMP-000003", "the test node ran it");

        JsonNode decision = proposed(tree);
        assertTrue(decision.path("title").asText().startsWith("web 1 → 2"), decision.toString());
        assertEquals(result.path("reference").asText(), decision.path("testResult").asText());
        Instant accepted = Instant.now();
        customer.post("/api/v1/documents/" + decision.path("reference").asText() + "/actions/accept", Map.of());

        await("the service answers as web 2").atMost(LocalCloudHarness.DEADLINE).pollInterval(Duration.ofMillis(250))
                .until(() -> "Hello from site: Hello (web 2)\n".equals(cloud.fetch(url)));
        Duration toNewAnswer = Duration.between(accepted, Instant.now());
        await("the decision is done").atMost(LocalCloudHarness.DEADLINE)
                .until(() -> decision(decision.path("reference").asText()).path("state").asText(), "done"::equals);
        log.info("web 2: publish to test result " + toResult.toMillis() + " ms; accept to the new answer "
                + toNewAnswer.toMillis() + " ms");
    }

    @Test
    @Order(2)
    void aBrokenVersionFailsItsTestsWithTheLineAndIsProposedToNobody() throws Exception {
        String tree = request("other", "web");
        answering(tree, "Hello from other: Hello\n");
        JsonNode result = publishAndAwaitVerdict("web-broken");

        assertEquals("failed", result.path("state").asText(), result.toString());
        JsonNode lines = admin.get("/api/v1/test-results/" + result.path("reference").asText()).body().get("lines");
        JsonNode first = lines.get(0);
        assertEquals("failed", first.path("status").asText(), lines.toString());
        assertEquals("WebTest.answersWithTheGreeting", first.path("name").asText());
        assertTrue(first.path("message").asText().contains("expected the answer"), first.toString());
        // the tree on web 1 is proposed web 2 (passed) and never 2.1: its latest result failed
        JsonNode decision = proposed(tree);
        assertTrue(decision.path("title").asText().startsWith("web 1 → 2 "), decision.toString());
        for (JsonNode d : admin.get("/api/v1/upgrade-decisions").body()) {
            assertTrue(!d.path("toVersion").asText().equals("2.1"), d.toString());
        }
    }

    @Test
    @Order(3)
    void aVersionWhosePromiseFailsAfterTheUpgradeIsRolledBack() throws Exception {
        String tree = treeTitled("site");
        String url = answering(tree, "Hello from site: Hello (web 2)\n");
        JsonNode result = publishAndAwaitVerdict("web-3");
        assertEquals("passed", result.path("state").asText(), "its tests pass on a fresh instance: " + result);

        JsonNode decision = proposed(tree);
        assertTrue(decision.path("title").asText().startsWith("web 2 → 3"), decision.toString());
        customer.post("/api/v1/documents/" + decision.path("reference").asText() + "/actions/accept", Map.of());

        JsonNode end = await("the decision is rolled back").atMost(LocalCloudHarness.DEADLINE.multipliedBy(2))
                .until(() -> decision(decision.path("reference").asText()),
                        d -> !List.of("accepted", "upgrading").contains(d.path("state").asText()));
        assertEquals("rolled_back", end.path("state").asText(), end.toString());
        assertTrue(end.path("outcome").asText().contains("web-answers"), end.toString());
        await("the old answer is served again").atMost(LocalCloudHarness.DEADLINE)
                .until(() -> "Hello from site: Hello (web 2)\n".equals(cloud.fetch(url)));
    }

    @Test
    @Order(4)
    void aValueWrittenBeforeTheKvUpgradeIsReadAfterIt() throws Exception {
        String tree = request("store", "kv");
        String url = await("kv answers").atMost(LocalCloudHarness.DEADLINE).until(() -> urlOf(tree),
                u -> u != null && cloud.fetch(u) != null);
        send("PUT", url + "/greeting", "kept across the upgrade");

        JsonNode result = publishAndAwaitVerdict("kv-2");
        assertEquals("passed", result.path("state").asText(), result.toString());
        JsonNode decision = proposed(tree);
        customer.post("/api/v1/documents/" + decision.path("reference").asText() + "/actions/accept", Map.of());

        await("kv 2 answers").atMost(LocalCloudHarness.DEADLINE)
                .until(() -> String.valueOf(cloud.fetch(url + "/")).startsWith("kv 2 ready"));
        assertEquals("kept across the upgrade", cloud.fetch(url + "/greeting"));
        await("the decision is done").atMost(LocalCloudHarness.DEADLINE)
                .until(() -> decision(decision.path("reference").asText()).path("state").asText(), "done"::equals);
    }

    /** Publishes the example release of this directory and waits for the verdict of the test run it queues. */
    private JsonNode publishAndAwaitVerdict(String directory) throws IOException {
        String url = cloud.releaseUrl(directory);
        JsonNode release = admin.get("/api/v1/releases?url=" + url).body().get(0);
        String reference = release.path("reference").asText();
        admin.post("/api/v1/documents/" + reference + "/actions/publish", Map.of());
        return await("the test result of " + directory).atMost(TEST_RUN).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    JsonNode results = admin.get("/api/v1/test-results?release=" + reference).body();
                    return results.isEmpty() ? null : results.get(0);
                }, r -> r != null && List.of("passed", "failed", "error").contains(r.path("state").asText()));
    }

    private JsonNode proposed(String tree) {
        return await("an upgrade proposed for " + tree).atMost(LocalCloudHarness.DEADLINE).until(() -> {
            JsonNode list = customer.get("/api/v1/upgrade-decisions?state=proposed&tree=" + tree).body();
            return list.isEmpty() ? null : list.get(0);
        }, d -> d != null);
    }

    private JsonNode decision(String reference) throws IOException {
        return customer.get("/api/v1/upgrade-decisions/" + reference).body();
    }

    private String request(String title, String release) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("releaseUrl", cloud.releaseUrl(release));
        return customer.post("/api/v1/trees", body).body().get("tree").asText();
    }

    private String treeTitled(String title) throws IOException {
        List<String> found = new ArrayList<>();
        for (JsonNode t : customer.get("/api/v1/trees").body()) {
            if (t.path("title").asText().equals(title)) {
                found.add(t.path("reference").asText());
            }
        }
        assertEquals(1, found.size(), found.toString());
        return found.get(0);
    }

    private String urlOf(String tree) throws IOException {
        JsonNode root = customer.get("/api/v1/trees/" + tree).body().get("root");
        String url = root.path("connectionParameters").path("url").asText();
        return url.isEmpty() ? null : url.replaceAll("/$", "");
    }

    /** Waits until the tree's service answers exactly this; returns its URL. */
    private String answering(String tree, String answer) {
        return await("the service of " + tree + " answers " + answer.strip()).atMost(LocalCloudHarness.DEADLINE)
                .pollInterval(Duration.ofMillis(500)).until(() -> urlOf(tree), u -> u != null && answer.equals(cloud.fetch(u)));
    }

    private void send(String method, String target, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(target))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, r.statusCode(), r.body());
    }
}

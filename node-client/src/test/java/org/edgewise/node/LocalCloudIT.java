package org.edgewise.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The whole system on this machine: a customer's requests go through the Master to two real node
 * clients, which build the example releases and run real services on their partitions' addresses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalCloudIT {

    private LocalCloudHarness cloud;
    private Master customer;

    @BeforeAll
    void start() throws IOException {
        cloud = new LocalCloudHarness(1, List.of(), 0);
        cloud.start();
        customer = cloud.customer();
    }

    @AfterAll
    void stop() throws InterruptedException {
        cloud.close();
    }

    private JsonNode request(String title, String release, Map<String, Object> extra) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("releaseUrl", cloud.releaseUrl(release));
        body.putAll(extra);
        return customer.post("/api/v1/trees", body).body();
    }

    private JsonNode tree(String reference) throws IOException {
        return customer.get("/api/v1/trees/" + reference).body();
    }

    /** Waits until the tree's instance of this title is started and has published its URL; returns it. */
    private JsonNode started(String tree, String title) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(LocalCloudHarness.DEADLINE).pollInterval(Duration.ofMillis(500)).until(() -> {
            for (JsonNode i : tree(tree).get("instances")) {
                if (i.get("title").asText().equals(title) && "started".equals(i.path("reportedState").asText())
                        && i.path("connectionParameters").has("url")) {
                    found[0] = i;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private String pidOf(JsonNode instance, String service) throws IOException {
        int node = instance.get("computer").asText().equals("COMP-000001") ? 1 : 2;
        Path pid = cloud.partition(node, instance.get("partition").asText()).resolve("var/run/" + service + ".pid");
        return Files.readString(pid).strip();
    }

    @Test
    @Order(1)
    void aRequestedWebServiceIsBuiltStartedAndAnswersOnItsPublishedUrl() throws IOException {
        JsonNode answer = request("hello", "web", Map.of("parameters", Map.of("greeting", "Bonjour")));

        JsonNode web = started(answer.get("tree").asText(), "hello");

        String url = web.get("connectionParameters").get("url").asText();
        assertTrue(url.startsWith("http://127."), url);
        assertEquals("Hello from hello: Bonjour\n", cloud.fetch(url));
    }

    @Test
    @Order(2)
    void anApplicationGetsItsDatabaseChildOnTheOtherNodeAndServesItsData() throws IOException {
        JsonNode answer = request("shop", "app", Map.of());
        String tree = answer.get("tree").asText();

        JsonNode app = started(tree, "shop");
        JsonNode db = started(tree, "db");

        assertNotEquals(app.get("computer").asText(), db.get("computer").asText(), "the child went to the other node");
        assertEquals(db.get("connectionParameters").get("url").asText(),
                app.get("connectionParameters").get("database").asText());
        String dbUrl = db.get("connectionParameters").get("url").asText();
        var put = java.net.http.HttpClient.newHttpClient();
        try {
            put.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(dbUrl + "/answer"))
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("forty-two")).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertEquals("app read answer = forty-two", cloud.fetch(app.get("connectionParameters").get("url").asText() + "answer"));
    }

    @Test
    @Order(7)
    void aRefusedChildRequestPutsItsInstanceInErrorAndTheNodeGoesOnWithTheOthers() throws IOException {
        // the application asks for a child titled "db", a title its own root already has in this tree
        String clashing = request("db", "app", Map.of()).get("tree").asText();

        await().atMost(LocalCloudHarness.DEADLINE).pollInterval(Duration.ofMillis(500)).until(() ->
                "error".equals(tree(clashing).get("root").path("reportedState").asText()));
        String error = tree(clashing).get("root").path("errorLog").asText();
        assertTrue(error.contains("a child request was refused") && error.contains("belongs to another instance"), error);
        JsonNode web = started(request("after-refusal", "web", Map.of()).get("tree").asText(), "after-refusal");
        assertEquals("Hello from after-refusal: Hello\n", cloud.fetch(web.get("connectionParameters").get("url").asText()));
    }

    @Test
    @Order(3)
    void twoSharedInstancesOnAFrontendEachAnswerOnTheirOwnUrl() throws IOException {
        JsonNode edge = started(request("edge", "frontend", Map.of()).get("tree").asText(), "edge");
        // a frontend takes shared instances once its owner offers it for sharing
        JsonNode offered = customer.put("/api/v1/instances/" + edge.get("reference").asText() + "/sharing",
                Map.of("offered", true)).body();
        assertTrue(offered.get("offeredForSharing").asBoolean(), offered.toString());

        JsonNode a = request("site-a", "frontend", Map.of("shared", true, "parameters", Map.of("domain", "a.example")));
        JsonNode b = request("site-b", "frontend", Map.of("shared", true, "parameters", Map.of("domain", "b.example")));
        JsonNode siteA = started(a.get("tree").asText(), "site-a");
        JsonNode siteB = started(b.get("tree").asText(), "site-b");

        String urlA = siteA.get("connectionParameters").get("url").asText();
        String urlB = siteB.get("connectionParameters").get("url").asText();
        assertNotEquals(urlA, urlB);
        await().atMost(LocalCloudHarness.DEADLINE).until(() -> cloud.fetch(urlA) != null && cloud.fetch(urlB) != null);
        assertTrue(cloud.fetch(urlA).startsWith("Site a.example"), cloud.fetch(urlA));
        assertTrue(cloud.fetch(urlB).startsWith("Site b.example"), cloud.fetch(urlB));
    }

    @Test
    @Order(4)
    void stopTakesTheServiceDownStartBringsItBackAndAKilledServiceIsRestarted() throws Exception {
        JsonNode answer = request("toggled", "web", Map.of());
        String tree = answer.get("tree").asText();
        JsonNode web = started(tree, "toggled");
        String url = web.get("connectionParameters").get("url").asText();

        request("toggled", "web", Map.of("state", "stopped"));
        await().atMost(LocalCloudHarness.DEADLINE).until(() -> cloud.fetch(url) == null
                && "stopped".equals(tree(tree).get("root").path("reportedState").asText()));

        request("toggled", "web", Map.of("state", "started"));
        await().atMost(LocalCloudHarness.DEADLINE).until(() -> cloud.fetch(url) != null);

        String pid = pidOf(web, "web");
        new ProcessBuilder("kill", "-9", pid).start().waitFor();
        await().atMost(LocalCloudHarness.DEADLINE).until(() -> !pidOf(web, "web").equals(pid) && cloud.fetch(url) != null);
    }

    @Test
    @Order(5)
    void servicesKeepRunningWhileTheMasterIsAwayAndTheNodeCatchesUpAfterwards() throws Exception {
        JsonNode web = started(request("steady", "web", Map.of()).get("tree").asText(), "steady");
        String url = web.get("connectionParameters").get("url").asText();

        cloud.stopMaster();
        assertFalse(cloud.healthy());
        for (int i = 0; i < 5; i++) {
            assertNotNull(cloud.fetch(url), "the service answers while the Master is down");
            Thread.sleep(1000); // time passing while the Master is away is what this test is about
        }
        cloud.startMaster();

        JsonNode later = started(request("after-the-outage", "web", Map.of()).get("tree").asText(), "after-the-outage");
        assertNotNull(cloud.fetch(later.get("connectionParameters").get("url").asText()));
        assertNotNull(cloud.fetch(url));
    }

    @Test
    @Order(6)
    void destroyingATreeFreesItsPartitionsOnTheMasterAndWipesThemOnDisk() throws Exception {
        JsonNode answer = request("doomed", "app", Map.of());
        String tree = answer.get("tree").asText();
        JsonNode app = started(tree, "doomed");
        JsonNode db = started(tree, "db");
        String url = app.get("connectionParameters").get("url").asText();
        int appNode = app.get("computer").asText().equals("COMP-000001") ? 1 : 2;
        int dbNode = db.get("computer").asText().equals("COMP-000001") ? 1 : 2;
        Path appDir = cloud.partition(appNode, app.get("partition").asText());
        Path dbDir = cloud.partition(dbNode, db.get("partition").asText());
        assertTrue(Files.exists(appDir.resolve("etc/instance.json")));

        customer.delete("/api/v1/trees/" + tree);

        await().atMost(LocalCloudHarness.DEADLINE).until(() -> tree(tree).get("state").asText().equals("archived"));
        assertEquals(null, cloud.fetch(url));
        for (Path dir : List.of(appDir, dbDir)) {
            assertFalse(Files.exists(dir.resolve("etc/instance.json")), dir + " is wiped");
            assertFalse(Files.exists(dir.resolve("srv/data")), dir + " keeps no data");
        }
        for (JsonNode instance : tree(tree).get("instances")) {
            assertEquals("destroyed", instance.get("reportedState").asText());
        }
    }

    @Test
    @Order(8)
    void aWebServicesUsageReachesTheMasterWithTheRequestsItAnswered() throws IOException {
        String tree = request("metered", "web", Map.of()).get("tree").asText();
        String url = started(tree, "metered").get("connectionParameters").get("url").asText();
        int requests = 5;
        for (int i = 0; i < requests; i++) {
            assertNotNull(cloud.fetch(url));
        }

        Map<String, Double> usage = new LinkedHashMap<>();
        await().atMost(LocalCloudHarness.DEADLINE).pollInterval(Duration.ofSeconds(1)).until(() -> {
            usage.clear();
            usage.putAll(usageOf(tree));
            return usage.getOrDefault("cpu_seconds", 0.0) > 0 && usage.getOrDefault("uptime_seconds", 0.0) > 0
                    && usage.getOrDefault("disk_bytes", 0.0) > 0 && usage.getOrDefault("memory_peak_bytes", 0.0) > 0
                    && usage.getOrDefault("counter:requests", 0.0) >= requests;
        });
    }

    /** The tree's usage as its customer reads it, this billing month and the last added (a month may just have begun). */
    private Map<String, Double> usageOf(String tree) throws IOException {
        Map<String, Double> total = new LinkedHashMap<>();
        YearMonth now = YearMonth.now(ZoneId.of("Europe/Paris"));
        for (YearMonth month : List.of(now, now.minusMonths(1))) {
            for (JsonNode group : customer.get("/api/v1/usage?tree=" + tree + "&period=" + month).body().get("groups")) {
                group.get("usage").fields().forEachRemaining(m -> total.merge(m.getKey(), m.getValue().asDouble(), Double::sum));
            }
        }
        return total;
    }
}

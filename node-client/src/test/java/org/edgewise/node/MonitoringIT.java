package org.edgewise.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
 * Monitoring, alarms and self-repair on the local cloud, with short thresholds: a node silent for 6 s is
 * lost (15 s more after the Master starts), an instance failing for 4 s raises an alarm, and alarms are looked
 * for every second. Each alarm is a
 * support ticket, which the test reads over the API as support staff would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitoringIT {

    private static final Logger log = Logger.getLogger(MonitoringIT.class.getName());
    private static final Duration SILENT_AFTER = Duration.ofSeconds(6);
    private static final Duration FAILING_TOLERANCE = Duration.ofSeconds(4);
    /** Longer than a node's backoff while the Master is away (ten polls of a second). */
    private static final Duration RESTART_GRACE = Duration.ofSeconds(15);

    private LocalCloudHarness cloud;
    private Master customer;

    @BeforeAll
    void start() throws IOException {
        cloud = new LocalCloudHarness(4, List.of("--edgewise.monitoring.silent-after=" + SILENT_AFTER,
                "--edgewise.monitoring.failing-tolerance=" + FAILING_TOLERANCE,
                "--edgewise.monitoring.restart-grace=" + RESTART_GRACE, "--edgewise.monitoring.alarm-interval=PT1S"), 0);
        cloud.start();
        customer = cloud.customer();
    }

    @AfterAll
    void stop() throws InterruptedException {
        cloud.close();
    }

    @Test
    @Order(1)
    void aKilledServiceIsRestartedAndOpensNoTicket() throws Exception {
        JsonNode web = started(request("restarted").get("tree").asText(), "restarted");
        String url = web.get("connectionParameters").get("url").asText();
        String pid = pidOf(web);

        new ProcessBuilder("kill", "-9", pid).start().waitFor();

        await().atMost(LocalCloudHarness.DEADLINE).until(() -> !pidOf(web).equals(pid) && cloud.fetch(url) != null);
        // past the tolerance and a few alarm passes, still no ticket about it
        await().during(FAILING_TOLERANCE.plusSeconds(4)).atMost(Duration.ofSeconds(30))
                .until(() -> tickets(web.get("reference").asText()).isEmpty());
    }

    @Test
    @Order(2)
    void aFrozenServiceFailsItsPromiseGetsOneTicketAndItsRecoveryResolvesIt() throws Exception {
        JsonNode web = started(request("frozen").get("tree").asText(), "frozen");
        String instance = web.get("reference").asText();
        String pid = pidOf(web);

        new ProcessBuilder("kill", "-STOP", pid).start().waitFor();
        JsonNode ticket = await("a ticket about the failing instance").atMost(LocalCloudHarness.DEADLINE)
                .until(() -> tickets(instance), t -> t.size() == 1).get(0);
        assertTrue(ticket.get("title").asText().contains("failing since"), ticket.toString());
        String failing = instanceOf(web).path("status").path("text").asText();
        assertTrue(failing.startsWith("Failing") && failing.contains("web-answers"), failing);

        new ProcessBuilder("kill", "-CONT", pid).start().waitFor();
        // the node's repair of a frozen service holds its loop until the service can be stopped (up to ~2 min on
        // a loaded machine), then its next check reports it healthy
        await("the ticket is resolved").atMost(LocalCloudHarness.DEADLINE.multipliedBy(3))
                .until(() -> "resolved".equals(ticket(ticket.get("reference").asText()).path("state").asText()));
        assertEquals(1, tickets(instance).size(), "one ticket for the one cause");
    }

    @Test
    @Order(3)
    void aNodeStoppedForGoodGetsOneTicketItsWebServiceAnswersElsewhereAndItsReturnResolvesTheTicket() throws Exception {
        JsonNode web = started(request("mover").get("tree").asText(), "mover");
        String tree = web.get("tree").asText();
        String computer = web.get("computer").asText();
        int node = computer.equals("COMP-000001") ? 1 : 2;

        int before = tickets(computer).size();
        Instant died = Instant.now();
        cloud.stopNode(node);

        JsonNode ticket = await("a ticket about the silent computer").atMost(LocalCloudHarness.DEADLINE)
                .until(() -> tickets(computer), t -> t.size() == before + 1).get(0);
        Duration toTicket = Duration.between(died, Instant.now());
        assertTrue(ticket.get("title").asText().startsWith(computer + " silent since"), ticket.toString());

        JsonNode[] moved = new JsonNode[1];
        await("the web service answers on another computer").atMost(LocalCloudHarness.DEADLINE).until(() -> {
            JsonNode now = root(tree);
            String url = now.path("connectionParameters").path("url").asText();
            moved[0] = now;
            return !computer.equals(now.path("computer").asText()) && !url.isEmpty() && cloud.fetch(url) != null
                    && cloud.fetch(url).startsWith("Hello from mover");
        });
        Duration toAnswer = Duration.between(died, Instant.now());
        assertNotEquals(web.get("connectionParameters").get("url").asText(),
                moved[0].get("connectionParameters").get("url").asText());
        log.info("Node death to its ticket: " + toTicket.toMillis() + " ms; to its web service answering elsewhere: "
                + toAnswer.toMillis() + " ms (silent after " + SILENT_AFTER.toSeconds() + " s, alarms every 1 s, "
                + "allocation every 1 s, nodes polling every 1 s)");

        cloud.restartNode(node);
        await("the ticket is resolved once the node is back").atMost(LocalCloudHarness.DEADLINE)
                .until(() -> "resolved".equals(ticket(ticket.get("reference").asText()).path("state").asText()));
        assertEquals(before + 1, tickets(computer).size(), "one ticket for the one cause");
    }

    @Test
    @Order(4)
    void aMasterRestartAfterAnOutageLongerThanTheThresholdRaisesNoSilence() throws Exception {
        int before = ticketsAbout("COMP-000001").size() + ticketsAbout("COMP-000002").size();
        Instant stopped = Instant.now();
        cloud.stopMaster();
        // the nodes cannot reach the Master for longer than the silence threshold: that is the situation tested
        await().pollInterval(Duration.ofMillis(500)).atMost(SILENT_AFTER.multipliedBy(4))
                .until(() -> Duration.between(stopped, Instant.now()).compareTo(SILENT_AFTER.plusSeconds(2)) > 0);
        cloud.startMaster();

        await().during(RESTART_GRACE.plus(SILENT_AFTER).plusSeconds(3)).atMost(Duration.ofSeconds(90))
                .until(() -> ticketsAbout("COMP-000001").size() + ticketsAbout("COMP-000002").size() == before);
    }

    private JsonNode request(String title) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("releaseUrl", cloud.releaseUrl("web"));
        return customer.post("/api/v1/trees", body).body();
    }

    private JsonNode root(String tree) throws IOException {
        return customer.get("/api/v1/trees/" + tree).body().get("root");
    }

    private JsonNode instanceOf(JsonNode instance) throws IOException {
        for (JsonNode i : customer.get("/api/v1/trees/" + instance.get("tree").asText()).body().get("instances")) {
            if (i.get("reference").asText().equals(instance.get("reference").asText())) {
                return i;
            }
        }
        throw new AssertionError("no instance " + instance.get("reference"));
    }

    /** Waits until the tree's instance of this title is started and has published its URL; returns it. */
    private JsonNode started(String tree, String title) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(LocalCloudHarness.DEADLINE).pollInterval(Duration.ofMillis(500)).until(() -> {
            for (JsonNode i : customer.get("/api/v1/trees/" + tree).body().get("instances")) {
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

    private String pidOf(JsonNode instance) throws IOException {
        JsonNode now = instanceOf(instance);
        int node = now.get("computer").asText().equals("COMP-000001") ? 1 : 2;
        Path pid = cloud.partition(node, now.get("partition").asText()).resolve("var/run/web.pid");
        return Files.readString(pid).strip();
    }

    /** The tickets about a document, as support staff list them. */
    private List<JsonNode> tickets(String about) throws IOException {
        return ticketsAbout(about);
    }

    private List<JsonNode> ticketsAbout(String about) throws IOException {
        Master.Answer answer = cloud.admin().get("/api/v1/tickets?about=" + about);
        List<JsonNode> found = new java.util.ArrayList<>();
        answer.body().forEach(found::add);
        return found;
    }

    private JsonNode ticket(String reference) throws IOException {
        return cloud.admin().get("/api/v1/tickets/" + reference).body().get("ticket");
    }
}

package org.edgewise.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * {@code release.json} says which format it is written in; a node client refuses a release of a newer format
 * than it understands, clearly and once, instead of building and running the part it happens to understand.
 */
class ReleaseFormatTest {

    static final String REFUSAL = "release.json format 2 is newer than this node client understands (1);"
            + " upgrade the node client";

    @TempDir
    Path tmp;

    private HttpServer master;

    @AfterEach
    void stopMaster() {
        if (master != null) {
            master.stop(0);
        }
    }

    /** A release directory whose build step leaves a marker, so that a test sees whether it ran. */
    private String release(String formatField) throws IOException {
        Path dir = tmp.resolve("release-" + System.nanoTime());
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("release.json"), "{" + formatField + "\"name\": \"t\", \"build\": [\"touch "
                + tmp.resolve("built-" + dir.getFileName()) + "\"], \"types\": {\"default\": {}}}");
        return dir.toUri().toString();
    }

    private boolean buildStepRan(String url) {
        return Files.exists(tmp.resolve("built-" + Path.of(java.net.URI.create(url)).getFileName()));
    }

    @Test
    void aReleaseOfFormatOneOrWithoutAFormatIsBuilt() throws IOException {
        SoftwareBuilder builder = new SoftwareBuilder(tmp.resolve("software"));
        String explicit = release("\"format\": 1, ");
        String implicit = release("");

        builder.build(explicit);
        builder.build(implicit);

        assertTrue(builder.isBuilt(explicit) && buildStepRan(explicit));
        assertTrue(builder.isBuilt(implicit) && buildStepRan(implicit));
    }

    @Test
    void aReleaseOfANewerFormatIsRefusedBeforeAnyOfItsCommandsRunsAndIsNotFetchedAgain() throws IOException {
        SoftwareBuilder builder = new SoftwareBuilder(tmp.resolve("software"));
        String url = release("\"format\": 2, ");

        IOException refused = assertThrows(Release.UnsupportedFormat.class, () -> builder.build(url));

        assertEquals(REFUSAL, refused.getMessage());
        assertFalse(builder.isBuilt(url));
        assertFalse(buildStepRan(url));
        assertEquals(REFUSAL, builder.refusal(url));
        SoftwareBuilder.deleteTree(Path.of(java.net.URI.create(url)));
        assertEquals(REFUSAL, assertThrows(Release.UnsupportedFormat.class, () -> builder.build(url)).getMessage(),
                "refused again without fetching it: the release is gone by now");
        builder.remove(url);
        assertEquals(null, builder.refusal(url), "removing the release forgets the refusal");
    }

    @Test
    void aFormatThatIsNoVersionIsRefused() throws IOException {
        SoftwareBuilder builder = new SoftwareBuilder(tmp.resolve("software"));
        String url = release("\"format\": \"one\", ");

        IOException refused = assertThrows(Release.UnsupportedFormat.class, () -> builder.build(url));

        assertEquals("release.json format \"one\" is not a format version (a whole number from 1)", refused.getMessage());
        assertFalse(buildStepRan(url));
    }

    private Path descriptor(String types) throws IOException {
        Path dir = tmp.resolve("release-" + System.nanoTime());
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("release.json"), "{\"format\": 1, \"name\": \"t\", \"types\": " + types + "}");
        return dir;
    }

    @Test
    void aSoftwareTypeMayDeclareUsageCountersAndOneThatDoesNotHasNone() throws IOException {
        Release release = Release.read(descriptor("""
                {"counted": {"usage": {"counters": {"requests": "var/usage/requests", "sent_bytes": "var/usage/sent"}}},
                 "plain": {}}"""));

        assertEquals(Map.of("requests", "var/usage/requests", "sent_bytes", "var/usage/sent"),
                release.type("counted").usage().counters());
        assertEquals(Map.of(), release.type("plain").usage().counters());
    }

    @Test
    void aCounterTheMasterCouldNotNameOrWhoseFileIsOutsideThePartitionIsRefused() throws IOException {
        Path badName = descriptor("{\"default\": {\"usage\": {\"counters\": {\"Requests!\": \"var/usage/requests\"}}}}");
        Path outside = descriptor("{\"default\": {\"usage\": {\"counters\": {\"requests\": \"../../etc/passwd\"}}}}");
        Path absolute = descriptor("{\"default\": {\"usage\": {\"counters\": {\"requests\": \"/var/requests\"}}}}");

        assertEquals("release.json: usage counter \"Requests!\" is not a counter name (a lower-case letter, then up to"
                + " 63 lower-case letters, digits or _)", assertThrows(IOException.class, () -> Release.read(badName))
                        .getMessage());
        assertEquals("release.json: usage counter \"requests\" names no file inside the partition (../../etc/passwd)",
                assertThrows(IOException.class, () -> Release.read(outside)).getMessage());
        assertEquals("release.json: usage counter \"requests\" names no file inside the partition (/var/requests)",
                assertThrows(IOException.class, () -> Release.read(absolute)).getMessage());
    }

    @Test
    void theWebExampleCountsTheRequestsItAnswers() throws IOException {
        Path web = Path.of(System.getProperty("edgewise.releases", "../releases"), "web");

        assertEquals(Map.of("requests", "var/usage/requests"), Release.read(web).type("default").usage().counters());
    }

    @Test
    void theNodeReportsARefusedReleaseInErrorOnceAndDoesNotTryItAgainAtEveryPoll() throws IOException {
        String url = release("\"format\": 2, ");
        List<JsonNode> reports = serveOneRelease(url);
        NodeConfig config = NodeConfig.load(tmp.resolve("node.properties"));
        config.master = "http://127.0.0.1:" + master.getAddress().getPort();
        config.credential = "not-checked";
        Agent agent = new Agent(config, "edgewise-node");

        for (int poll = 0; poll < 3; poll++) {
            agent.pass(); // the plan comes without an ETag, so every poll processes it
        }

        assertEquals(2, reports.size(), reports::toString);
        assertEquals("building", reports.get(0).get("state").asText());
        assertEquals("error", reports.get(1).get("state").asText());
        assertEquals(REFUSAL, reports.get(1).get("log").asText());
        assertFalse(buildStepRan(url));
    }

    /**
     * The node API as a node uses it: a plan with one release to have and no partitions, which shows the
     * release's state as last reported, as the Master does; the software reports it receives are returned.
     */
    private List<JsonNode> serveOneRelease(String url) throws IOException {
        List<JsonNode> reports = new CopyOnWriteArrayList<>();
        master = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        master.createContext("/api/node/v1/", exchange -> {
            byte[] request = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            if (exchange.getRequestMethod().equals("PUT") && path.endsWith("/software")) {
                reports.add(Master.JSON.readTree(request));
            }
            String reported = reports.isEmpty() ? null : reports.get(reports.size() - 1).get("state").asText();
            answer(exchange, path.endsWith("/plan") ? Master.JSON.writeValueAsString(Map.of("computer", "COMP-000001",
                    "planVersion", 1, "nextPollSeconds", 1, "partitions", List.of(), "software",
                    List.of(reported == null ? Map.of("url", url, "requestedState", "available")
                            : Map.of("url", url, "requestedState", "available", "reportedState", reported))))
                    : "{}");
        });
        master.start();
        return reports;
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Edgewise-Next-Poll", "1");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}

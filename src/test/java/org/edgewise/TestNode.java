package org.edgewise;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.edgewise.document.Document;
import org.edgewise.nodeapi.Enrolment;

/**
 * A node as a node client is to the Master: enrolled with a one-time token, then reporting its partitions,
 * software and instances through the node API over real HTTP. Each report must be accepted.
 */
public final class TestNode {

    private final Http http;
    private final Document computer;
    private final String credential;

    private TestNode(Http http, Document computer, String credential) {
        this.http = http;
        this.computer = computer;
        this.credential = credential;
    }

    /** Enrols the computer's node and reports {@code partitions} partitions part0… on addresses 127.9.0.1…. */
    public static TestNode enrol(Http http, Enrolment enrolment, Document computer, int partitions) {
        String token = enrolment.createToken(computer.id(), Fixtures.OPERATOR);
        Http.Response enrolled = http.post("/api/node/v1/enrol", null, Map.of("token", token));
        TestNode node = new TestNode(http, computer, accepted(enrolled).json().get("credential").asText());
        List<Map<String, Object>> specs = new ArrayList<>();
        for (int i = 0; i < partitions; i++) {
            specs.add(Map.of("name", "part" + i, "address", "127.9.0." + (i + 1), "capabilities", List.of()));
        }
        accepted(http.put("/api/node/v1/format", node.credential, Map.of("partitions", specs)));
        return node;
    }

    public Document computer() {
        return computer;
    }

    /** Polls for its plan, which also counts as contact. */
    public Http.Response poll() {
        return accepted(http.get("/api/node/v1/plan", credential));
    }

    public Http.Response software(String url, String state, String log) {
        Map<String, Object> body = new HashMap<>(Map.of("url", url, "state", state));
        if (log != null) {
            body.put("log", log);
        }
        return accepted(http.put("/api/node/v1/software", credential, body));
    }

    public Http.Response instanceState(String instance, String state, String log) {
        Map<String, Object> body = new HashMap<>(Map.of("state", state));
        if (log != null) {
            body.put("log", log);
        }
        return accepted(http.put("/api/node/v1/instances/" + instance + "/state", credential, body));
    }

    /** Reports the state of an instance and the release it runs, as a node does since state reports name it. */
    public Http.Response instanceState(String instance, String state, String log, String release) {
        Map<String, Object> body = new HashMap<>(Map.of("state", state, "release", release));
        if (log != null) {
            body.put("log", log);
        }
        return accepted(http.put("/api/node/v1/instances/" + instance + "/state", credential, body));
    }

    /** Reports whether an instance's promises hold, else the failing one and its last line. */
    public Http.Response health(String instance, boolean healthy, String promise, String message) {
        Map<String, Object> body = new HashMap<>(Map.of("healthy", healthy));
        if (promise != null) {
            body.put("promise", promise);
            body.put("message", message);
        }
        return accepted(http.put("/api/node/v1/instances/" + instance + "/health", credential, body));
    }

    /** Reports the lines of a test run; the answer as it comes, since a second report or another's is refused. */
    public Http.Response testReport(String result, boolean timedOut, List<Map<String, Object>> lines) {
        return http.put("/api/node/v1/test-results/" + result, credential, Map.of("timedOut", timedOut, "lines", lines));
    }

    public String credential() {
        return credential;
    }

    private static Http.Response accepted(Http.Response response) {
        if (response.status() != 200) {
            throw new AssertionError("The Master refused a node's report: " + response.status() + " " + response.body());
        }
        return response;
    }
}

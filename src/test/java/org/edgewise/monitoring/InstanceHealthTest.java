package org.edgewise.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edgewise.Fixtures.OPERATOR;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.edgewise.Fixtures;
import org.edgewise.Http;
import org.edgewise.MasterTest;
import org.edgewise.TestClock;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.FieldChange;
import org.edgewise.document.TimelineEntry;
import org.edgewise.instance.InstanceInfo;
import org.edgewise.instance.InstanceRequests;
import org.edgewise.nodeapi.Enrolment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A node reports its instances' health over the real node API: the verdict is kept per instance with since
 * when it holds, and its flips are on the instance's timeline.
 */
class InstanceHealthTest extends MasterTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    Enrolment enrolment;

    @Autowired
    InstanceRequests requests;

    @Autowired
    HealthReports health;

    @Autowired
    DocumentEngine engine;

    @Autowired
    TestClock clock;

    Http http;
    String credential;
    InstanceInfo instance;

    @BeforeEach
    void placeAnInstanceOnAnEnrolledNode() {
        signIn(OPERATOR);
        http = new Http(port);
        Document computer = fixtures.openComputer("health", 10, 0, List.of());
        credential = enrolledNode(computer);
        String url = fixtures.release();
        fixtures.supply(computer, url);
        instance = requests.requestTree(Fixtures.request(unique("checked"), url,
                Map.of("computer", computer.reference())), Fixtures.customer(fixtures.organisation()));
        assertThat(instance.allocated()).isTrue();
    }

    /** The node's credential, once enrolled and its one partition reported. */
    private String enrolledNode(Document computer) {
        String token = enrolment.createToken(computer.id(), OPERATOR);
        String secret = http.post("/api/node/v1/enrol", null, Map.of("token", token)).json().get("credential").asText();
        assertThat(http.put("/api/node/v1/format", secret, Map.of("partitions", List.of(
                Map.of("name", "part0", "address", "127.1.0.1", "capabilities", List.of())))).status()).isEqualTo(200);
        return secret;
    }

    private Http.Response report(String node, String reference, Boolean healthy, String promise, String message) {
        Map<String, Object> body = new HashMap<>();
        body.put("healthy", healthy);
        body.put("promise", promise);
        body.put("message", message);
        return http.put("/api/node/v1/instances/" + reference + "/health", node, body);
    }

    private List<FieldChange> healthChanges() {
        return engine.timeline(engine.get(instance.id(), admin()), admin()).stream()
                .map(TimelineEntry::changes).filter(changes -> changes != null)
                .flatMap(List::stream).filter(change -> change.field().equals("health")).toList();
    }

    @Test
    void aNodeReportsItsInstancesHealthAndSinceMovesOnlyWhenTheVerdictFlips() {
        var first = report(credential, instance.reference(), true, null, null);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        HealthReports.Health healthy = health.of(instance.id());
        assertThat(healthy.healthy()).isTrue();
        assertThat(healthChanges()).as("no flip yet: nothing on the timeline").isEmpty();

        clock.advance(Duration.ofMinutes(1));
        report(credential, instance.reference(), true, null, null);
        HealthReports.Health again = health.of(instance.id());
        assertThat(again.since()).isEqualTo(healthy.since());
        assertThat(again.checkedAt()).isAfter(healthy.checkedAt());

        clock.advance(Duration.ofMinutes(1));
        var failing = report(credential, instance.reference(), false, "web-answers", "connection refused");
        assertThat(failing.status()).as(failing.body()).isEqualTo(200);
        HealthReports.Health failed = health.of(instance.id());
        assertThat(failed.healthy()).isFalse();
        assertThat(failed.failingPromise()).isEqualTo("web-answers");
        assertThat(failed.message()).isEqualTo("connection refused");
        assertThat(failed.since()).isAfter(healthy.since());

        clock.advance(Duration.ofMinutes(1));
        report(credential, instance.reference(), false, "web-answers", "timed out");
        HealthReports.Health stillFailing = health.of(instance.id());
        assertThat(stillFailing.since()).as("the same promise failing: the same failure").isEqualTo(failed.since());
        assertThat(stillFailing.message()).isEqualTo("timed out");

        clock.advance(Duration.ofMinutes(1));
        report(credential, instance.reference(), true, null, null);
        assertThat(health.of(instance.id()).since()).isAfter(failed.since());

        assertThat(healthChanges()).containsExactly(
                new FieldChange("health", "Healthy", "Failing: promise web-answers: connection refused"),
                new FieldChange("health", "Failing: promise web-answers: timed out", "Healthy again"));
    }

    @Test
    void aNodeMayNotReportTheHealthOfAnotherNodesInstance() {
        String other = enrolledNode(fixtures.openComputer("health", 10, 0, List.of()));

        var refused = report(other, instance.reference(), false, "web-answers", "not mine");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(health.of(instance.id())).isNull();
    }

    @Test
    void aReportWithoutVerdictOrAFailureWithoutItsPromiseIsRefusedNamingTheField() {
        var noVerdict = report(credential, instance.reference(), null, null, null);
        var noPromise = report(credential, instance.reference(), false, null, "broken");
        var textVerdict = http.send("PUT", "/api/node/v1/instances/" + instance.reference() + "/health", credential,
                "{\"healthy\": \"yes\"}");

        assertThat(noVerdict.status()).isEqualTo(400);
        assertThat(noVerdict.json().get("detail").asText()).contains("healthy");
        assertThat(noPromise.status()).isEqualTo(400);
        assertThat(noPromise.json().get("detail").asText()).contains("promise");
        assertThat(textVerdict.status()).isEqualTo(400);
        assertThat(health.of(instance.id())).isNull();
    }
}

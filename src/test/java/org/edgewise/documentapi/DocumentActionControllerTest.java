package org.edgewise.documentapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edgewise.Fixtures.OPERATOR;

import java.util.List;
import java.util.Map;

import org.edgewise.Http;
import org.edgewise.MasterTest;
import org.edgewise.computer.Computers;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.TimelineEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Any document's workflow actions through one address of the requester API, as the workflow allows them. */
class DocumentActionControllerTest extends MasterTest {

    @LocalServerPort
    int port;

    @Autowired
    Computers computers;

    @Autowired
    DocumentEngine engine;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void anActionTheWorkflowAllowsChangesTheStateAndKeepsTheCommentOnTheTimeline() {
        Document computer = draftComputer();

        var opened = act(computer, "open", Map.of("comment", "racked and cabled"));

        assertThat(opened.status()).as(opened.body()).isEqualTo(200);
        assertThat(opened.json().get("reference").asText()).isEqualTo(computer.reference());
        assertThat(opened.json().get("state").asText()).isEqualTo("open");
        List<TimelineEntry> timeline = engine.timeline(engine.get(computer.id(), OPERATOR), OPERATOR);
        TimelineEntry last = timeline.get(timeline.size() - 1);
        assertThat(last).extracting(TimelineEntry::action, TimelineEntry::fromState, TimelineEntry::toState,
                TimelineEntry::comment).containsExactly("open", "draft", "open", "racked and cabled");
    }

    @Test
    void theCommentIsOptional() {
        var closed = act(draftComputer(), "decommission", null);

        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        assertThat(closed.json().get("state").asText()).isEqualTo("decommissioned");
    }

    @Test
    void anActionTheStateDoesNotAllowIsAConflictAndChangesNothing() {
        Document computer = draftComputer();

        var refused = act(computer, "close", Map.of());

        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(engine.get(computer.id(), OPERATOR).state()).isEqualTo("draft");
    }

    @Test
    void anUnknownDocumentIsNotFound() {
        var missing = http.post("/api/v1/documents/COMP-999999999/actions/open", ADMIN_API_TOKEN, Map.of());

        assertThat(missing.status()).as(missing.body()).isEqualTo(404);
    }

    private Document draftComputer() {
        return computers.create(new Computers.Details(unique("actions"), null, "actions", 1, null), OPERATOR);
    }

    private Http.Response act(Document document, String action, Object body) {
        return http.post("/api/v1/documents/" + document.reference() + "/actions/" + action, ADMIN_API_TOKEN, body);
    }
}

package org.edgewise.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.edgewise.Http;
import org.edgewise.MasterTest;
import org.edgewise.probe.FailingProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every API answers when something is wrong, whatever feature the address belongs to: a problem
 * document, never the console's login redirect or HTML page.
 */
@ExtendWith(OutputCaptureExtension.class)
class ApiEdgeTest extends MasterTest {

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void aBugInAControllerIsA500WithAnErrorIdThatIsAlsoInTheLog(CapturedOutput output) {
        var answer = http.get("/api/probe/controller-bug", ADMIN_API_TOKEN);

        assertProblem(answer, 500);
        String id = answer.json().get("errorId").asText();
        assertThat(answer.json().get("detail").asText()).contains(id).doesNotContain(FailingProbe.BUG);
        assertThat(output.getOut()).contains("Error " + id).contains(FailingProbe.BUG);
    }

    @Test
    void aBugInAFilterIsA500ProblemNotARedirectToTheLoginPage(CapturedOutput output) {
        var answer = http.get("/api/probe/filter-bug", ADMIN_API_TOKEN);

        assertProblem(answer, 500);
        assertThat(output.getOut()).contains("Error " + answer.json().get("errorId").asText());
    }

    @Test
    void aSentErrorKeepsItsStatusAsAProblem() {
        assertProblem(http.get("/api/probe/send-error", ADMIN_API_TOKEN), 503);
    }

    @Test
    void anAddressNoControllerServesIsA404ProblemNotTheConsolePage() {
        assertProblem(http.get("/api/v1/nothing-here", ADMIN_API_TOKEN), 404);
        assertProblem(http.get("/api/node/v1/nothing-here", null), 401);
    }

    @Test
    void aMethodAnAddressDoesNotTakeIsA405WithTheMethodsItTakes() {
        var answer = http.send("PATCH", "/api/v1/trees", ADMIN_API_TOKEN, "{}");

        assertProblem(answer, 405);
        assertThat(answer.header("Allow")).contains("GET").contains("POST");
    }

    @Test
    void aNulOrAnEncodedSlashInThePathIsA400Problem() {
        assertProblem(http.get("/api/v1/trees/TREE%00", ADMIN_API_TOKEN), 400);
        assertProblem(http.get("/api/v1/trees/TREE%2F1", ADMIN_API_TOKEN), 400);
    }

    @Test
    void refusalsBeforeAnyControllerAreUtf8() {
        var answer = http.get("/api/node/v1/plan", "nobody");

        assertProblem(answer, 401);
        assertThat(answer.header("Content-Type")).containsIgnoringCase("charset=UTF-8");
        assertThat(answer.json().get("detail").asText()).contains("COMP-…");
    }

    @Test
    void aNulInAnyTextIsA400NamingTheFieldAndTheConnectionStaysUsable() {
        for (int i = 0; i < 12; i++) { // more than the connection pool holds
            var answer = http.post("/api/v1/trees", ADMIN_API_TOKEN,
                    "{\"title\":\"a\\u0000b\",\"releaseUrl\":\"file:/x\"}");
            assertProblem(answer, 400);
            assertThat(answer.json().get("detail").asText()).startsWith("title:");
        }
        assertThat(http.get("/api/v1/trees?limit=1", ADMIN_API_TOKEN).status()).isEqualTo(200);
    }

    @Test
    void messagesNameFieldsInTheApisWordsNeverJavaTypes() {
        var wrongType = http.post("/api/v1/computers", ADMIN_API_TOKEN, "{\"name\":{\"a\":1}}");
        var fraction = http.post("/api/v1/computers", ADMIN_API_TOKEN, "{\"name\":\"n\",\"capacity\":1.5}");
        var missing = http.post("/api/v1/releases", ADMIN_API_TOKEN, "{}");

        assertProblem(wrongType, 400);
        assertThat(wrongType.json().get("detail").asText()).isEqualTo("name: text is expected.");
        assertThat(fraction.json().get("detail").asText()).isEqualTo("capacity: a whole number is expected.");
        assertThat(missing.json().get("detail").asText()).contains("product: is required").contains("url: is required");
        for (var answer : new Http.Response[] { wrongType, fraction, missing }) {
            assertThat(answer.body()).doesNotContain("java.").doesNotContain("`");
        }
    }

    @Test
    void aServicesRefusalNamesTheRefusedFieldForPrograms() {
        var answer = http.post("/api/v1/trees", ADMIN_API_TOKEN,
                Map.of("title", "t", "releaseUrl", "file:/x", "sla", Map.of("colour", "blue")));

        assertProblem(answer, 400);
        assertThat(answer.json().get("detail").asText()).startsWith("Unknown SLA key \"colour\"");
        assertThat(answer.json().get("errors").get(0).get("field").asText()).isEqualTo("sla.colour");
    }

    @Test
    void aNewFeaturesRefusedFieldIsA400NamingItAsBeanValidationDoes() {
        var refused = http.post("/api/v1/probe/refusals/field", ADMIN_API_TOKEN, null);
        var refusedByItsRequest = http.post("/api/v1/probe/paint", ADMIN_API_TOKEN, Map.of("colour", "mauve"));
        var missing = http.post("/api/v1/releases", ADMIN_API_TOKEN, "{}");

        for (var answer : new Http.Response[] { refused, refusedByItsRequest }) {
            assertProblem(answer, 400);
            assertThat(answer.json().get("detail").asText()).isEqualTo(FailingProbe.INVALID);
            assertThat(answer.json().get("errors")).hasSize(1);
            assertThat(answer.json().get("errors").get(0).get("field").asText()).isEqualTo(FailingProbe.FIELD);
            assertThat(answer.json().get("errors").get(0).get("problem").asText()).isEqualTo(FailingProbe.INVALID);
        }
        assertThat(missing.json().get("errors").get(0).fieldNames()).toIterable()
                .containsExactlyInAnyOrder("field", "problem");
        assertThat(http.post("/api/v1/probe/paint", ADMIN_API_TOKEN, Map.of("colour", "red")).body()).isEqualTo("red");
    }

    @Test
    void aNewFeaturesRefusedRequestIsA400NamingNoField() {
        var answer = http.post("/api/v1/probe/refusals/request", ADMIN_API_TOKEN, null);

        assertProblem(answer, 400);
        assertThat(answer.json().get("detail").asText()).isEqualTo(FailingProbe.INVALID);
        assertThat(answer.json().get("errors").get(0).get("field").asText()).isEmpty();
    }

    @Test
    void aNewFeaturesOtherRefusalsAreAnsweredWithTheirStatusAndTheirSentence() {
        var workflow = http.post("/api/v1/probe/refusals/workflow", ADMIN_API_TOKEN, null);
        var notFound = http.post("/api/v1/probe/refusals/not-found", ADMIN_API_TOKEN, null);
        var permission = http.post("/api/v1/probe/refusals/permission", ADMIN_API_TOKEN, null);

        assertProblem(workflow, 409);
        assertThat(workflow.json().get("detail").asText()).isEqualTo(FailingProbe.NOT_NOW);
        assertProblem(notFound, 404);
        assertThat(notFound.json().get("detail").asText()).contains(FailingProbe.MISSING);
        assertProblem(permission, 403);
        assertThat(permission.json().get("detail").asText()).isEqualTo(FailingProbe.REFUSED);
        for (var answer : new Http.Response[] { workflow, notFound, permission }) {
            assertThat(answer.json().has("errors")).isFalse();
        }
    }

    @Test
    void aBugInANewFeatureIsA500WithAnErrorIdThatIsAlsoInTheLog(CapturedOutput output) {
        var answer = http.post("/api/v1/probe/refusals/bug", ADMIN_API_TOKEN, null);

        assertProblem(answer, 500);
        String id = answer.json().get("errorId").asText();
        assertThat(answer.json().get("detail").asText()).contains(id).doesNotContain(FailingProbe.BUG);
        assertThat(output.getOut()).contains("Error " + id).contains(FailingProbe.BUG);
    }

    private static void assertProblem(Http.Response answer, int status) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().get("status").asInt()).isEqualTo(status);
    }
}

package org.edgewise.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The Master's public HTTP APIs as the seeding and the checks call them: JSON in, JSON out. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    /** A refused call, with the Master's answer. */
    static final class CallFailed extends IOException {
        final int status;

        CallFailed(String what, int status, String body) {
            super(what + " answered " + status + ": " + (body.length() > 300 ? body.substring(0, 300) + "…" : body));
            this.status = status;
        }
    }

    /** A plan as a node receives it: its ETag and its body. */
    record Plan(String etag, JsonNode body) { }

    private final String base;
    private final String apiToken;
    private final HttpClient http;

    Api(String base, String apiToken) {
        this.base = base;
        this.apiToken = apiToken;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newFixedThreadPool(2, r -> {
                    Thread t = new Thread(r, "api-client");
                    t.setDaemon(true);
                    return t;
                }))
                .build();
    }

    /** A requester API call with the admin's API token. */
    JsonNode requester(String method, String path, Object body) throws IOException, InterruptedException {
        return call(method, path, body, "Bearer " + apiToken);
    }

    /** A node API call; {@code credential} is null for enrolment. */
    JsonNode node(String method, String path, Object body, String credential) throws IOException, InterruptedException {
        return call(method, path, body, credential == null ? null : "Bearer " + credential);
    }

    Plan plan(String credential) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/node/v1/plan")).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + credential).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new CallFailed("GET /api/node/v1/plan", response.statusCode(), response.body());
        }
        return new Plan(response.headers().firstValue("ETag").orElseThrow(), JSON.readTree(response.body()));
    }

    private JsonNode call(String method, String path, Object body, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new CallFailed(method + " " + path, response.statusCode(), response.body());
        }
        String text = response.body();
        return text == null || text.isEmpty() ? JSON.nullNode() : JSON.readTree(text);
    }
}

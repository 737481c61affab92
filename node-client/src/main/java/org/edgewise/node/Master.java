package org.edgewise.node;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The Master's HTTP APIs, as this program uses them: JSON in, JSON out, errors as readable messages. */
final class Master {

    static final ObjectMapper JSON = new ObjectMapper();

    record Answer(int status, JsonNode body, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    /** The Master answered with an error, or could not be reached. */
    static final class MasterException extends IOException {
        final int status;

        MasterException(int status, String message) {
            super(message);
            this.status = status;
        }

        /**
         * The Master understood the request and refused what it asks (bad input, unknown, conflicting), as
         * opposed to being away or refusing this node's credential: retrying the same request cannot help.
         */
        boolean refusesTheRequest() {
            return status == 400 || status == 404 || status == 409 || status == 422;
        }
    }

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1).build();
    private final String base;
    private final String token;

    Master(String base, String token) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.token = token;
    }

    Answer get(String path, String... headers) throws IOException {
        return send("GET", path, null, headers);
    }

    Answer post(String path, Object body) throws IOException {
        return send("POST", path, body);
    }

    Answer put(String path, Object body) throws IOException {
        return send("PUT", path, body);
    }

    Answer delete(String path) throws IOException {
        return send("DELETE", path, null);
    }

    Answer send(String method, String path, Object body, String... headers) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response;
        try {
            response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (IOException e) {
            throw new IOException(unreachable(e), e);
        }
        JsonNode json = response.body() == null || response.body().isBlank() ? null : parse(response.body());
        if (response.statusCode() >= 400) {
            String detail = json != null && json.has("detail") ? json.get("detail").asText() : response.body();
            throw new MasterException(response.statusCode(), method + " " + path + ": " + response.statusCode() + " " + detail);
        }
        return new Answer(response.statusCode(), json, response);
    }

    /**
     * Why the Master could not be reached, in words: the HTTP client's exceptions often carry no message
     * at all (a refused connection is a ConnectException without one).
     */
    String unreachable(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "unknown host in " + base;
            }
        }
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within " + CONNECT_TIMEOUT.toSeconds() + " s to " + base;
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s from " + base;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage() + " (" + base + ")";
            }
        }
        return e instanceof ConnectException ? "connection refused to " + base
                : e.getClass().getSimpleName() + " talking to " + base;
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }
}

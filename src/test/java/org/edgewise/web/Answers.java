package org.edgewise.web;

import org.edgewise.Http;

import com.fasterxml.jackson.databind.JsonNode;

/** What the API suites read from an answer, and how they show it when it is wrong. */
final class Answers {

    private static final int EXCERPT = 200;

    private Answers() {
    }

    static boolean isProblem(Http.Response response) {
        String type = response.header("Content-Type");
        return type != null && type.startsWith("application/problem+json");
    }

    /** The problem's detail, or "" when the answer is no problem document. */
    static String detail(Http.Response response) {
        if (!isProblem(response)) {
            return "";
        }
        try {
            JsonNode detail = response.json().get("detail");
            return detail == null ? "" : detail.asText();
        } catch (AssertionError notJson) {
            return "";
        }
    }

    /** The status, the content type, where a redirect goes and the start of the body. */
    static String describe(Http.Response response) {
        StringBuilder s = new StringBuilder().append(response.status());
        s.append(' ').append(response.header("Content-Type") == null ? "(no content type)" : response.header("Content-Type"));
        if (response.header("Location") != null) {
            s.append(" → ").append(response.header("Location"));
        }
        String body = response.body() == null ? "" : response.body().replaceAll("\\s+", " ").strip();
        if (!body.isEmpty()) {
            s.append(' ').append(body.length() > EXCERPT ? body.substring(0, EXCERPT) + "…" : body);
        }
        return s.toString();
    }
}

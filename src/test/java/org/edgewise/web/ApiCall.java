package org.edgewise.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.edgewise.Http;
/**
 * One request to an operation, built from its path template as /v3/api-docs gives it: the values of the
 * path and query parameters (as they go on the wire, already percent-encoded) and the body as JSON text.
 */
record ApiCall(Map<String, String> path, Map<String, String> query, String body) {

    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

    static ApiCall none() {
        return new ApiCall(Map.of(), Map.of(), null);
    }

    /** A path parameter, percent-encoded here. */
    ApiCall with(String parameter, String value) {
        return withEncoded(parameter, encode(value));
    }

    /** A path parameter exactly as it goes on the wire. */
    ApiCall withEncoded(String parameter, String encoded) {
        Map<String, String> copy = new LinkedHashMap<>(path);
        copy.put(parameter, encoded);
        return new ApiCall(copy, query, body);
    }

    ApiCall query(String name, String value) {
        return queryEncoded(name, value == null ? null : encode(value));
    }

    /** A query parameter exactly as it goes on the wire; null leaves it out. */
    ApiCall queryEncoded(String name, String encoded) {
        Map<String, String> copy = new LinkedHashMap<>(query);
        if (encoded == null) {
            copy.remove(name);
        } else {
            copy.put(name, encoded);
        }
        return new ApiCall(path, copy, body);
    }

    ApiCall body(Object value) {
        return new ApiCall(path, query, value == null ? null : Http.write(value));
    }

    /** The body as JSON text exactly as it goes on the wire. */
    ApiCall bodyText(String json) {
        return new ApiCall(path, query, json);
    }

    /** The path of this call to the operation at {@code template}; every parameter of the template must be given. */
    String uri(String template) {
        Matcher m = PARAMETER.matcher(template);
        StringBuilder uri = new StringBuilder();
        while (m.find()) {
            String value = path.get(m.group(1));
            if (value == null) {
                throw new AssertionError("No value for {" + m.group(1) + "} of " + template);
            }
            m.appendReplacement(uri, Matcher.quoteReplacement(value));
        }
        m.appendTail(uri);
        String separator = "?";
        for (Map.Entry<String, String> q : query.entrySet()) {
            uri.append(separator).append(q.getKey()).append('=').append(q.getValue());
            separator = "&";
        }
        return uri.toString();
    }

    Http.Response send(Http http, String method, String template, String token) {
        return http.send(method, uri(template), token, body);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

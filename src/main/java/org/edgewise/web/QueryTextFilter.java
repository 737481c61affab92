package org.edgewise.web;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The query string of an API request holds text like a body does, and follows the same rule as
 * {@link StrictJsonFactory}: no NUL character and no half of a surrogate pair, which PostgreSQL would
 * refuse or store as "?". Checked once for every API, before anything reads a parameter.
 */
class QueryTextFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query != null) {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                String problem = name == null || value == null ? "is not a valid escape"
                        : TextRules.problem(name + value);
                if (problem != null) {
                    Problems.write(response, HttpStatus.BAD_REQUEST, "The query parameter "
                            + (name == null ? "" : "'" + TextRules.printable(name) + "' ") + problem + ".");
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

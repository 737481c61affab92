package org.edgewise.web;

import java.util.Set;
import java.util.TreeSet;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.PathContainer;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;

/**
 * An address under {@code /api/} that no controller serves for this method: a 405 naming the methods the
 * address takes, or a 404, as problem documents. Without this, the console's servlet would answer with
 * its HTML page and a 200.
 */
@RestController
@Hidden
class UnknownApiAddress {

    private static final String ANY_API_ADDRESS = "/api/**";

    private final ObjectProvider<RequestMappingHandlerMapping> mappings;

    UnknownApiAddress(@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings) {
        this.mappings = mappings;
    }

    @RequestMapping(ANY_API_ADDRESS)
    ResponseEntity<ProblemDetail> unknown(HttpServletRequest request) throws HttpRequestMethodNotSupportedException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        PathContainer container = PathContainer.parsePath(path);
        Set<String> methods = new TreeSet<>();
        mappings.getObject().getHandlerMethods().keySet().forEach(info -> {
            if (info.getPathPatternsCondition() != null && info.getPathPatternsCondition().getPatterns().stream()
                    .anyMatch(p -> !p.getPatternString().equals(ANY_API_ADDRESS) && p.matches(container))) {
                info.getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
            }
        });
        if (!methods.isEmpty()) {
            throw new HttpRequestMethodNotSupportedException(request.getMethod(), methods);
        }
        return ApiErrors.problem(HttpStatus.NOT_FOUND, "Nothing is at " + path + ": see /v3/api-docs for the "
                + "addresses of the APIs.");
    }
}

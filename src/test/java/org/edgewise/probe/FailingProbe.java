package org.edgewise.probe;

import java.io.IOException;

import org.edgewise.document.DocumentNotFoundException;
import org.edgewise.document.ValidationException;
import org.edgewise.document.WorkflowException;
import org.edgewise.web.RequesterApi;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A feature that registers nothing for its errors, and fails: a controller with a bug, a filter with a
 * bug and a filter that calls {@code sendError}, under {@code /api/probe/}, and a requester API controller
 * that refuses in each way a feature's service refuses, under {@code /api/v1/probe/}. It lives in its own
 * package, so what it gets comes from the application's one error mechanism.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FailingProbe {

    public static final String BUG = "a bug in a controller";
    /** The field the probe's validation refuses, and its message. */
    public static final String FIELD = "colour";
    public static final String INVALID = "A colour is red, green or blue.";
    public static final String NOT_NOW = "The probe is closed and can no longer be painted.";
    public static final String MISSING = "PROBE-404";
    public static final String REFUSED = "carl may not paint probes.";

    /** Found by the component scan, as every feature's controller is. */
    @RestController
    @Hidden
    static class FailingController {

        @GetMapping("/api/probe/controller-bug")
        String controllerBug() {
            throw new IllegalStateException(BUG);
        }
    }

    /** What a request body says; it refuses itself when made, as a record of a feature's request may. */
    record Paint(String colour) {

        Paint {
            if ("mauve".equals(colour)) {
                throw new ValidationException(FIELD, INVALID);
            }
        }
    }

    /** A new feature's controller: marked as part of the requester API, and nothing else. */
    @RequesterApi
    @Hidden
    static class RefusingController {

        @PostMapping("/probe/refusals/{kind}")
        String refuse(@PathVariable String kind) {
            throw switch (kind) {
                case "field" -> new ValidationException(FIELD, INVALID);
                case "request" -> new ValidationException(null, INVALID);
                case "workflow" -> new WorkflowException(NOT_NOW);
                case "not-found" -> new DocumentNotFoundException(MISSING);
                case "permission" -> new AccessDeniedException(REFUSED);
                default -> new IllegalStateException(BUG);
            };
        }

        @PostMapping("/probe/paint")
        String paint(@RequestBody Paint paint) {
            return paint.colour();
        }
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> failingFilter() {
        FilterRegistrationBean<OncePerRequestFilter> bean = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws IOException {
                if (request.getRequestURI().endsWith("/filter-bug")) {
                    throw new IllegalStateException("a bug in a filter");
                }
                response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            }
        });
        bean.addUrlPatterns("/api/probe/filter-bug", "/api/probe/send-error");
        return bean;
    }
}

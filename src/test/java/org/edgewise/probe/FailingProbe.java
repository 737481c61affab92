package org.edgewise.probe;

import java.io.IOException;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A feature that registers nothing for its errors, and fails: a controller with a bug, a filter with a
 * bug and a filter that calls {@code sendError}, under {@code /api/probe/}. It lives in its own package, so
 * what it gets comes from the application's one error mechanism.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FailingProbe {

    public static final String BUG = "a bug in a controller";

    /** Found by the component scan, as every feature's controller is. */
    @RestController
    @Hidden
    static class FailingController {

        @GetMapping("/api/probe/controller-bug")
        String controllerBug() {
            throw new IllegalStateException(BUG);
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

package org.edgewise.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * The servlet container's own error page, for what it refuses before any filter runs (a {@code %00} or
 * an encoded slash in the path, an invalid request line): a problem document for the APIs, the
 * container's page for the rest.
 */
public class ProblemReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        String uri = request.getRequestURI();
        if (uri == null || !uri.startsWith("/api/") || response.getStatus() < 400 || response.isCommitted()) {
            super.report(request, response, throwable);
            return;
        }
        HttpStatus status = HttpStatus.resolve(response.getStatus());
        try {
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Problems.write(response.getResponse(), status == null ? HttpStatus.BAD_REQUEST : status,
                    "The address of this request is not valid: it may not hold a NUL character (%00), an encoded "
                            + "slash (%2F) or an invalid escape.");
        } catch (IOException | IllegalStateException e) {
            super.report(request, response, throwable);
        }
    }
}

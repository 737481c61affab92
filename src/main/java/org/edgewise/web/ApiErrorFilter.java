package org.edgewise.web;

import java.io.IOException;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * The outermost filter of the APIs: whatever fails below it — a filter, the security chain, a component
 * that calls {@code sendError} — is answered here as a problem document, so an API request never falls
 * through to the servlet container's error page, which belongs to the console (an HTML page, or a
 * redirect to its login page).
 */
class ApiErrorFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, new ProblemOnSendError(response));
        } catch (PayloadTooLargeException e) {
            Problems.write(response, HttpStatus.PAYLOAD_TOO_LARGE, e.getMessage());
        } catch (IOException | ServletException | RuntimeException e) {
            if (response.isCommitted()) {
                throw e;
            }
            String id = ApiErrors.errorId();
            log.error("Error {} answering {} {}", id, request.getMethod(), request.getRequestURI(), e);
            Problems.write(response, HttpStatus.INTERNAL_SERVER_ERROR, ApiErrors.internalErrorDetail(id),
                    Map.of("errorId", id));
        }
    }

    /** Turns {@code sendError} into a problem document with the same status. */
    private static final class ProblemOnSendError extends HttpServletResponseWrapper {

        ProblemOnSendError(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            HttpStatus known = HttpStatus.resolve(status);
            HttpStatus answer = known == null ? HttpStatus.INTERNAL_SERVER_ERROR : known;
            Problems.write((HttpServletResponse) getResponse(), answer,
                    message == null || message.isBlank() ? describe(answer) : message);
        }

        @Override
        public void sendError(int status) throws IOException {
            sendError(status, null);
        }

        private static String describe(HttpStatus status) {
            return switch (status) {
                case BAD_REQUEST -> "The request is malformed.";
                case UNAUTHORIZED -> "Authenticate with a credential: Authorization: Bearer ….";
                case FORBIDDEN -> "You may not do that.";
                case NOT_FOUND -> "Nothing is at this address.";
                case METHOD_NOT_ALLOWED -> "This address does not take this method.";
                default -> status.getReasonPhrase() + ".";
            };
        }
    }
}

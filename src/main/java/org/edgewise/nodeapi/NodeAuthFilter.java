package org.edgewise.nodeapi;

import java.io.IOException;

import org.edgewise.security.SignInThrottle;
import org.edgewise.web.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Authenticates node requests by the computer's credential ({@code Authorization: Bearer
 * COMP-000001.secret}), and counts each as contact. Enrolment is the one call without a credential.
 *
 * <p>An unchanged poll ({@code GET /plan} with the current ETag in If-None-Match), by far the commonest
 * request, is answered here from the in-memory directory with the 304 the plan endpoint would give, headers
 * included: nothing is read, so the security filter chain and the dispatcher have nothing to add. Every
 * other request is authenticated against the database, so a credential replaced by a new enrolment, or the
 * credential of a computer just decommissioned, is refused at once by every replica; an address that
 * presents too many credentials that open nothing is refused for a while, as for API tokens. What memory may still
 * answer for a moment is a 304 to a node another replica has just cut off: it tells nothing and changes
 * nothing.
 */
class NodeAuthFilter extends OncePerRequestFilter {

    static final String NODE = "edgewise.node";

    private static final String PLAN = NodeApiController.BASE + "/plan";

    private final NodeDirectory directory;
    private final ContactRecorder contacts;
    private final String pollSeconds;
    private final SignInThrottle throttle;

    NodeAuthFilter(NodeDirectory directory, ContactRecorder contacts, int pollSeconds, SignInThrottle throttle) {
        this.throttle = throttle;
        this.directory = directory;
        this.contacts = contacts;
        this.pollSeconds = Integer.toString(pollSeconds);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().equals(request.getContextPath() + NodeApiController.BASE + "/enrol");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        var credential = NodeDirectory.PresentedCredential.parse(
                header != null && header.startsWith("Bearer ") ? header.substring(7).strip() : null);
        var remembered = credential.flatMap(c -> directory.remembered(c.reference()).filter(c::opens));
        if (remembered.isPresent() && !remembered.get().decommissioned()
                && isUnchangedPlanPoll(request, remembered.get())) {
            contacts.seen(remembered.get().computerId());
            answerNotModified(request, response);
            return;
        }
        String address = request.getRemoteAddr();
        var wait = throttle.bearerAttemptWait(address);
        if (wait.isPresent()) {
            SignInThrottle.refuseBearerAttempt(response, wait.get());
            return;
        }
        var node = credential.flatMap(directory::authenticate);
        if (node.isEmpty()) {
            if (credential.isPresent()) {
                // only what has the shape of a node credential can be a guess at one
                throttle.bearerAttemptFailed(address);
            }
            Problems.write(response, HttpStatus.UNAUTHORIZED,
                    "A node authenticates with its computer's credential: Authorization: Bearer COMP-…");
            return;
        }
        if (node.get().decommissioned()) {
            Problems.write(response, HttpStatus.FORBIDDEN, node.get().reference() + " is decommissioned.");
            return;
        }
        contacts.seen(node.get().computerId());
        request.setAttribute(NODE, node.get());
        chain.doFilter(request, response);
    }

    private static boolean isUnchangedPlanPoll(HttpServletRequest request, NodeDirectory.Node node) {
        String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        return ifNoneMatch != null && "GET".equals(request.getMethod())
                && ifNoneMatch.equals(NodePlans.etag(node.planVersion()))
                && request.getRequestURI().equals(request.getContextPath() + PLAN);
    }

    /** The plan endpoint's 304, with the headers the security filter chain adds to it. */
    private void answerNotModified(HttpServletRequest request, HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_MODIFIED.value());
        response.setHeader(HttpHeaders.ETAG, request.getHeader(HttpHeaders.IF_NONE_MATCH));
        response.setHeader(NodeApiController.NEXT_POLL, pollSeconds);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-XSS-Protection", "0");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
        // counted in http.server.requests under the endpoint's own URI, as when the controller answers
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(c -> c.setPathPattern(PLAN));
    }
}

package org.edgewise.nodeapi;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Authenticates node requests by the computer's credential ({@code Authorization: Bearer
 * COMP-000001.secret}) from the in-memory directory, and counts each as contact. Enrolment is the one
 * call without a credential.
 */
class NodeAuthFilter extends OncePerRequestFilter {

    static final String NODE = "edgewise.node";

    private final NodeDirectory directory;
    private final ContactRecorder contacts;

    NodeAuthFilter(NodeDirectory directory, ContactRecorder contacts) {
        this.directory = directory;
        this.contacts = contacts;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().equals(request.getContextPath() + NodeApiController.BASE + "/enrol");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        String credential = header != null && header.startsWith("Bearer ") ? header.substring(7).strip() : null;
        var node = directory.authenticate(credential);
        if (node.isEmpty()) {
            ApiErrors.write(response, HttpStatus.UNAUTHORIZED,
                    "A node authenticates with its computer's credential: Authorization: Bearer COMP-…");
            return;
        }
        if (node.get().decommissioned()) {
            ApiErrors.write(response, HttpStatus.FORBIDDEN, node.get().reference() + " is decommissioned.");
            return;
        }
        contacts.seen(node.get().computerId());
        request.setAttribute(NODE, node.get());
        chain.doFilter(request, response);
    }
}

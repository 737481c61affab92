package org.edgewise.security;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Signs a requester API call in as the user its bearer token belongs to. An address that presented too
 * many unknown or revoked tokens lately is answered 429 before its token is even looked up.
 */
class ApiTokenFilter extends OncePerRequestFilter {

    private final ApiTokens tokens;
    private final SignInThrottle throttle;

    ApiTokenFilter(ApiTokens tokens, SignInThrottle throttle) {
        this.tokens = tokens;
        this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        String token = header != null && header.startsWith("Bearer ") ? header.substring(7).strip() : null;
        // only API tokens are looked up: a node's credential (COMP-….secret) never opens a transaction here
        if (token != null && token.startsWith(ApiTokens.PREFIX)) {
            String address = request.getRemoteAddr();
            Optional<Duration> wait = throttle.bearerAttemptWait(address);
            if (wait.isPresent()) {
                SignInThrottle.refuseBearerAttempt(response, wait.get());
                return;
            }
            Optional<SignedInUser> user = tokens.authenticate(token);
            if (user.isEmpty()) {
                throttle.bearerAttemptFailed(address);
            }
            user.ifPresent(u -> SecurityContextHolder.getContext()
                    .setAuthentication(new UsernamePasswordAuthenticationToken(u, null, u.getAuthorities())));
        }
        chain.doFilter(request, response);
    }
}

package org.edgewise.api;

import java.io.IOException;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Signs a requester API call in as the user its bearer token belongs to. */
public class ApiTokenFilter extends OncePerRequestFilter {

    private final ApiTokens tokens;

    public ApiTokenFilter(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        String token = header != null && header.startsWith("Bearer ") ? header.substring(7).strip() : null;
        // only API tokens are looked up: a node's credential (COMP-….secret) never opens a transaction here
        if (token != null && token.startsWith(ApiTokens.PREFIX)) {
            tokens.authenticate(token).ifPresent(user -> SecurityContextHolder.getContext()
                    .setAuthentication(new UsernamePasswordAuthenticationToken(user, null, user.getAuthorities())));
        }
        chain.doFilter(request, response);
    }
}

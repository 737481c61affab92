package org.edgewise.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.edgewise.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

import com.vaadin.flow.spring.security.RequestUtil;
import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategyConfiguration;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;

@Configuration
@EnableWebSecurity
@EnableMethodSecurity(jsr250Enabled = true)
@Import(VaadinAwareSecurityContextHolderStrategyConfiguration.class)
class SecurityConfiguration {

    /**
     * The HTTP APIs: stateless, no CSRF (no cookies), no login page. Node calls are authenticated by the
     * node filter before this chain; requester calls by a user's API token.
     */
    @Bean
    @Order(1)
    SecurityFilterChain apiFilterChain(HttpSecurity http, ApiTokens tokens, SignInThrottle throttle) throws Exception {
        return http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/api/node/**").permitAll()
                        .anyRequest().authenticated())
                .addFilterBefore(new ApiTokenFilter(tokens, throttle), AuthorizationFilter.class)
                .headers(headers -> headers.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> Problems.write(response,
                                HttpStatus.UNAUTHORIZED, "Send a user's API token: Authorization: Bearer ew-…"))
                        .accessDeniedHandler((request, response, ex) -> Problems.write(response,
                                HttpStatus.FORBIDDEN, "This token's user may not do that.")))
                .build();
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, UserAccounts accounts, PasswordEncoder passwords,
            SignInThrottle throttle, ContentSecurityPolicy contentSecurityPolicy, RequestUtil vaadinRequests)
            throws Exception {
        http.authorizeHttpRequests(auth -> auth
                .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/actuator/info")
                .permitAll()
                .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                .requestMatchers("/images/**", "/styles/**").permitAll());
        // after Vaadin's configurer, whose login page must be known before form login sets itself up
        return http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class)
                        .enableCsrfConfiguration(false))
                .authenticationManager(new ProviderManager(new ThrottledPasswordCheck(accounts, passwords, throttle)))
                .formLogin(form -> form.failureHandler(ThrottledPasswordCheck.failureHandler()))
                // Vaadin's own CSRF set-up also exempts the login form; its page carries the token, so the
                // form is checked like any other, and only Vaadin's requests (which carry its own token) are not
                .csrf(csrf -> csrf.ignoringRequestMatchers(vaadinRequests::isFrameworkInternalRequest))
                .headers(headers -> headers
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                        .addHeaderWriter(contentSecurityPolicy))
                .build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}

package org.edgewise.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.edgewise.MasterTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What keeps other sites from using a signed-in browser, and the console's pages from running injected code. */
class CrossSiteProtectionTest extends MasterTest {

    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>(.*?)</script>",
            Pattern.DOTALL);

    @LocalServerPort
    int port;

    @Test
    void aSignInPostedWithoutTheLoginPagesCsrfTokenIsRefused() {
        Visitor forged = Visitor.fromNewAddress(port);
        Visitor.Response answer = forged.postForm("/login",
                Map.of("username", "admin", "password", "admin-password-for-tests"));

        assertThat(answer.status()).isNotEqualTo(200);
        assertThat(answer.header("Location")).as("not signed in and sent home").contains("/login");
        assertThat(forged.get("/computers").header("Location")).endsWith("/login");

        Visitor.Response signedIn = Visitor.fromNewAddress(port).signIn("admin", "admin-password-for-tests");
        assertThat(signedIn.header("Location")).isEqualTo("http://localhost:" + port + "/");
    }

    @Test
    void consolePagesCarryAContentSecurityPolicyThatAllowsOnlyTheirOwnInlineScripts() throws Exception {
        Visitor.Response page = Visitor.fromNewAddress(port).get("/login");

        String policy = page.header("Content-Security-Policy");
        assertThat(policy).isNotNull().contains("default-src 'self'", "object-src 'none'", "base-uri 'self'",
                "frame-ancestors 'none'", "form-action 'self'");
        String scripts = directive(policy, "script-src");
        assertThat(scripts).startsWith("script-src 'self' ").doesNotContain("'unsafe-inline'", "http:", "https:", "*");
        Matcher inline = INLINE_SCRIPT.matcher(page.body());
        int count = 0;
        while (inline.find()) {
            String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(inline.group(1).getBytes(StandardCharsets.UTF_8)));
            assertThat(scripts).as("inline script %s", inline.group(1)).contains("'sha256-" + hash + "'");
            count++;
        }
        assertThat(count).as("Vaadin's bootstrap page starts with inline scripts").isPositive();
        assertThat(page.header("Referrer-Policy")).isEqualTo("same-origin");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void theSessionCookieStaysHomeWhenAnotherSiteStartsTheRequest() {
        Visitor.Response page = Visitor.fromNewAddress(port).get("/login");

        assertThat(page.headers("Set-Cookie")).filteredOn(cookie -> cookie.startsWith("JSESSIONID="))
                .singleElement().satisfies(cookie -> assertThat(cookie).contains("SameSite=Lax", "HttpOnly"));
    }

    @Test
    void apiAnswersCarryTheReferrerPolicyAndNosniffToo() {
        Visitor.Response answer = Visitor.fromNewAddress(port).get("/api/v1/trees");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("Referrer-Policy")).isEqualTo("same-origin");
        assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    private static String directive(String policy, String name) {
        for (String directive : policy.split(";")) {
            if (directive.strip().startsWith(name + " ")) {
                return directive.strip();
            }
        }
        throw new AssertionError("No " + name + " in " + policy);
    }
}

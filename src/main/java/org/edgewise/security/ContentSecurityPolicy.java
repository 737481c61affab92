package org.edgewise.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.stereotype.Component;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The console's Content-Security-Policy, as tight as Vaadin Flow allows. Scripts come only from the
 * Master itself, or inline when the page was served with exactly that script: the policy lists the
 * hash of each inline script of Vaadin's bootstrap page, so an injected inline script does not run.
 * Flow still needs {@code 'unsafe-eval'}: its client engine runs the expressions the server sends
 * (executeJs, event data) as constructed functions, and Vaadin 24 offers no replacement without a
 * custom frontend bundle. Styles stay {@code 'unsafe-inline'}: the components and Flow set inline styles
 * at run time. Nothing comes from a third party.
 */
@Component
class ContentSecurityPolicy implements HeaderWriter, VaadinServiceInitListener {

    static final String HEADER = "Content-Security-Policy";
    private static final String PAGE = ContentSecurityPolicy.class.getName() + ".page";

    static String policy(Set<String> inlineScriptHashes) {
        StringBuilder scripts = new StringBuilder("script-src 'self'");
        inlineScriptHashes.forEach(hash -> scripts.append(" '").append(hash).append('\''));
        scripts.append(" 'unsafe-eval'");
        return String.join("; ",
                "default-src 'self'",
                scripts,
                "style-src 'self' 'unsafe-inline'",
                "img-src 'self' data:",
                "font-src 'self' data:",
                "connect-src 'self'",
                "object-src 'none'",
                "base-uri 'self'",
                "frame-ancestors 'none'",
                "form-action 'self'");
    }

    /**
     * Runs when the response is committed, so after Vaadin wrote the bootstrap page: the page is then
     * complete, whichever listeners (Vaadin's, Hilla's) added scripts to it after this one saw it.
     */
    @Override
    public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
        Set<String> hashes = new LinkedHashSet<>();
        if (request.getAttribute(PAGE) instanceof Document page) {
            for (Element script : page.getElementsByTag("script")) {
                if (!script.hasAttr("src")) {
                    hashes.add(sha256(script.data()));
                }
            }
        }
        response.setHeader(HEADER, policy(hashes));
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.addIndexHtmlRequestListener(page -> page.getVaadinRequest().setAttribute(PAGE, page.getDocument()));
    }

    private static String sha256(String script) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

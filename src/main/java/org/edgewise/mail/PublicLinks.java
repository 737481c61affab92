package org.edgewise.mail;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Addresses of the Master's pages as a person reaches them from a mail: {@code edgewise.public-url}, by
 * default this Master on localhost. Read at each use, since the port the Master listens on is known only
 * once it has started.
 */
@Component
public class PublicLinks {

    private final Environment environment;

    PublicLinks(Environment environment) {
        this.environment = environment;
    }

    /** The absolute address of a path such as {@code /verify-email?token=…}. */
    public String to(String path) {
        String base = environment.getProperty("edgewise.public-url", "http://localhost:8080");
        return base.replaceAll("/+$", "") + (path.startsWith("/") ? path : "/" + path);
    }
}

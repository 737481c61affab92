package org.edgewise.party;

import java.security.SecureRandom;
import java.util.EnumSet;

import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.security.ApiTokens;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On the first start, creates the administrator {@code admin} with the password from
 * {@code EDGEWISE_ADMIN_PASSWORD}, or a random one printed once. Replicas starting together agree
 * through a transaction-scoped advisory lock, so exactly one admin is created. When
 * {@code EDGEWISE_ADMIN_API_TOKEN} is set, that token is stored (hashed) as the admin's API token on the
 * same first start, so scripts can use the requester API right away.
 */
@Component
class FirstAdmin {

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);
    static final String USERNAME = "admin";
    private static final long LOCK_KEY = 0x45_64_67_65_41_64_6dL; // "EdgeAdm"
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final Users users;
    private final DSLContext db;
    private final TransactionTemplate tx;
    private final Environment env;
    private final String configuredPassword;
    private final ApiTokens apiTokens;
    private final String configuredApiToken;

    FirstAdmin(Users users, DSLContext db, TransactionTemplate tx, Environment env,
            @Value("${edgewise.admin.password:}") String configuredPassword, ApiTokens apiTokens,
            @Value("${edgewise.admin.api-token:}") String configuredApiToken) {
        if (!configuredApiToken.isBlank()) {
            ApiTokens.requireWellFormed(configuredApiToken); // a bad setting stops the start, whether used or not
        }
        this.apiTokens = apiTokens;
        this.configuredApiToken = configuredApiToken;
        this.users = users;
        this.db = db;
        this.tx = tx;
        this.env = env;
        this.configuredPassword = configuredPassword;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    void ensureAdmin() {
        String url = "http://localhost:" + env.getProperty("local.server.port", env.getProperty("server.port", "8080")) + "/";
        String created = tx.execute(status -> {
            db.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
            if (users.administratorExists()) {
                return null;
            }
            String password = configuredPassword.isBlank() ? randomPassword() : configuredPassword;
            long adminId = users.create(new Users.NewUser(USERNAME, "Administrator", password, EnumSet.of(Role.ADMIN),
                    null), Actor.system()).id();
            if (!configuredApiToken.isBlank()) {
                apiTokens.register(adminId, "EDGEWISE_ADMIN_API_TOKEN", configuredApiToken, Actor.system());
            }
            return password;
        });
        String banner;
        if (created != null) {
            banner = "\n================================================================\n"
                    + "  Edgewise console: " + url + "\n"
                    + "  First start: sign in as '" + USERNAME + "' with password: "
                    + (configuredPassword.isBlank() ? created : "(the one in EDGEWISE_ADMIN_PASSWORD)") + "\n"
                    + "  This password is shown only now. Change it under Account once signed in.\n"
                    + "================================================================\n";
        } else {
            banner = "\n================================================================\n"
                    + "  Edgewise console: " + url + "\n"
                    + "  Sign in with your user (the first start printed admin's password).\n"
                    + "================================================================\n";
        }
        System.out.println(banner);
        log.info("Edgewise console ready at {}", url);
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}

package org.edgewise.security;

import static org.edgewise.jooq.Tables.API_TOKEN;
import static org.edgewise.jooq.Tables.APP_USER;
import static org.edgewise.jooq.Tables.DOCUMENT;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.access.RoleGroup;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.FieldChange;
import org.edgewise.document.ValidationException;
import org.jooq.DSLContext;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Per-user tokens for the requester API and the command line. A token is shown once when made; only
 * its hash is kept. It acts with its user's roles for as long as the user is active and it is not revoked.
 */
@Service
public class ApiTokens {

    static final String PREFIX = "ew-";
    /** A token given from outside must carry at least as many characters after the prefix as a made one's 256 bits. */
    public static final int MIN_GIVEN_SECRET = 32;
    private static final java.util.regex.Pattern GIVEN = java.util.regex.Pattern.compile(
            "^ew-[A-Za-z0-9_-]{" + MIN_GIVEN_SECRET + ",197}$");

    public record Token(long id, String name, OffsetDateTime createdAt, OffsetDateTime lastUsedAt, boolean revoked) { }

    private final DSLContext db;
    private final DocumentEngine engine;
    private final Clock clock;

    ApiTokens(DSLContext db, DocumentEngine engine, Clock clock) {
        this.db = db;
        this.engine = engine;
        this.clock = clock;
    }

    /** Makes a token for the user; returns the token itself, which is never shown again. */
    @Transactional
    public String create(long userId, String name, Actor actor) {
        String token = PREFIX + Secrets.newSecret();
        store(userId, name, token, actor);
        return token;
    }

    /**
     * Stores a token chosen outside the Master (for scripts set up before the first start); only its
     * hash is kept, as for a made one.
     */
    @Transactional
    public void register(long userId, String name, String token, Actor actor) {
        requireWellFormed(token);
        store(userId, name, token, actor);
    }

    /** Refuses a given token that is not {@code ew-} followed by at least 32 URL-safe Base64 characters. */
    public static void requireWellFormed(String token) {
        if (token == null || !GIVEN.matcher(token).matches()) {
            throw new IllegalArgumentException("An API token is \"" + PREFIX + "\" followed by " + MIN_GIVEN_SECRET
                    + " to 197 characters from A-Z, a-z, 0-9, '-' and '_'.");
        }
    }

    private void store(long userId, String name, String token, Actor actor) {
        requireSelfOrAdmin(userId, actor);
        String clean = name == null || name.isBlank() ? "API token" : name.strip();
        if (clean.length() > 100) {
            throw new ValidationException("name", "A token name has at most 100 characters.");
        }
        db.insertInto(API_TOKEN)
                .set(API_TOKEN.USER_ID, userId)
                .set(API_TOKEN.NAME, clean)
                .set(API_TOKEN.TOKEN_HASH, Secrets.sha256(token))
                .set(API_TOKEN.CREATED_AT, OffsetDateTime.now(clock))
                .execute();
        engine.recordObservation(userId, List.of(new FieldChange("API token", null, "\"" + clean + "\" created")), actor);
    }

    @Transactional
    public void revoke(long userId, long tokenId, Actor actor) {
        requireSelfOrAdmin(userId, actor);
        var name = db.update(API_TOKEN).set(API_TOKEN.REVOKED_AT, OffsetDateTime.now(clock))
                .where(API_TOKEN.ID.eq(tokenId).and(API_TOKEN.USER_ID.eq(userId)).and(API_TOKEN.REVOKED_AT.isNull()))
                .returningResult(API_TOKEN.NAME).fetchOptional(API_TOKEN.NAME);
        name.ifPresent(n -> engine.recordObservation(userId, List.of(new FieldChange("API token", "\"" + n + "\"",
                "revoked")), actor));
    }

    @Transactional(readOnly = true)
    public List<Token> of(long userId, Actor actor) {
        requireSelfOrAdmin(userId, actor);
        return db.selectFrom(API_TOKEN).where(API_TOKEN.USER_ID.eq(userId)).orderBy(API_TOKEN.ID.desc())
                .fetch(r -> new Token(r.getId(), r.getName(), r.getCreatedAt(), r.getLastUsedAt(), r.getRevokedAt() != null));
    }

    /** The active user a token belongs to, if the token is valid. */
    @Transactional
    public Optional<SignedInUser> authenticate(String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 200) {
            return Optional.empty();
        }
        var row = db.select(API_TOKEN.ID, APP_USER.ID, APP_USER.USERNAME, DOCUMENT.TITLE, APP_USER.ROLES,
                        APP_USER.ORGANISATION_ID, DOCUMENT.STATE)
                .from(API_TOKEN).join(APP_USER).on(APP_USER.ID.eq(API_TOKEN.USER_ID))
                .join(DOCUMENT).on(DOCUMENT.ID.eq(APP_USER.ID))
                .where(API_TOKEN.TOKEN_HASH.eq(Secrets.sha256(token)).and(API_TOKEN.REVOKED_AT.isNull()))
                .fetchOptional();
        if (row.isEmpty() || !"active".equals(row.get().value7())) {
            return Optional.empty();
        }
        db.update(API_TOKEN).set(API_TOKEN.LAST_USED_AT, OffsetDateTime.now(clock))
                .where(API_TOKEN.ID.eq(row.get().value1())).execute();
        var r = row.get();
        return Optional.of(new SignedInUser(r.value2(), r.value3(), r.value4(), "", Role.parse(r.value5()), r.value6(),
                true));
    }

    private void requireSelfOrAdmin(long userId, Actor actor) {
        String username = db.select(APP_USER.USERNAME).from(APP_USER).where(APP_USER.ID.eq(userId)).fetchOne(APP_USER.USERNAME);
        if (username == null || !(actor.in(RoleGroup.ADMINISTRATORS) || actor.name().equals(username))) {
            throw new AccessDeniedException(actor.name() + " may not manage the tokens of this user.");
        }
    }
}

package org.edgewise.account;

import static org.edgewise.jooq.Tables.ACCOUNT_TOKEN;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.edgewise.security.Secrets;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * The secrets in links mailed to confirm an address or reset a password. Only their hash is stored; a
 * token is spent by the statement that checks it, so that two clicks at once open it once.
 */
@Component
class AccountTokens {

    static final String VERIFY_EMAIL = "verify_email";
    static final String RESET_PASSWORD = "reset_password";

    private final DSLContext db;
    private final Clock clock;

    AccountTokens(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A new token for the user, valid for so long; the caller mails it and forgets it. */
    String issue(long userId, String purpose, Duration validity) {
        String token = Secrets.newSecret();
        OffsetDateTime now = OffsetDateTime.now(clock);
        db.insertInto(ACCOUNT_TOKEN)
                .set(ACCOUNT_TOKEN.TOKEN_HASH, Secrets.sha256(token))
                .set(ACCOUNT_TOKEN.USER_ID, userId)
                .set(ACCOUNT_TOKEN.PURPOSE, purpose)
                .set(ACCOUNT_TOKEN.CREATED_AT, now)
                .set(ACCOUNT_TOKEN.EXPIRES_AT, now.plus(validity))
                .execute();
        return token;
    }

    /** Spends the token: its user, if it is one for this purpose, not used yet and not expired. */
    Optional<Long> use(String token, String purpose) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        return db.update(ACCOUNT_TOKEN).set(ACCOUNT_TOKEN.USED_AT, now)
                .where(ACCOUNT_TOKEN.TOKEN_HASH.eq(Secrets.sha256(token.strip()))
                        .and(ACCOUNT_TOKEN.PURPOSE.eq(purpose))
                        .and(ACCOUNT_TOKEN.USED_AT.isNull())
                        .and(ACCOUNT_TOKEN.EXPIRES_AT.gt(now)))
                .returningResult(ACCOUNT_TOKEN.USER_ID)
                .fetchOptional(ACCOUNT_TOKEN.USER_ID);
    }
}

package org.edgewise.account;

import static org.edgewise.jooq.Tables.ACCOUNT_REQUEST;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

import org.edgewise.document.ValidationException;
import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Limits the public pages that create accounts and send mails: per hour, so many requests for one e-mail
 * address (nobody floods a mailbox) and so many from one client address (nobody floods the user table).
 * Counted in PostgreSQL, so every Master on the database counts the same requests.
 */
@Component
class AccountRequests {

    static final String SIGN_UP = "sign_up";
    static final String PASSWORD_RESET = "password_reset";
    private static final Duration WINDOW = Duration.ofHours(1);

    private final DSLContext db;
    private final Clock clock;
    private final int perEmail;
    private final int perClient;

    AccountRequests(DSLContext db, Clock clock,
            @Value("${edgewise.account.requests-per-email:3}") int perEmail,
            @Value("${edgewise.account.requests-per-client:20}") int perClient) {
        this.db = db;
        this.clock = clock;
        this.perEmail = perEmail;
        this.perClient = perClient;
    }

    /**
     * Counts the request, or refuses it when the address or the client asked too often in the last hour.
     *
     * @param email  the e-mail address or user name the request names
     * @param client the network address it comes from
     */
    void admit(String purpose, String email, String client) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String emailKey = "email:" + trim(email == null ? "" : email.strip().toLowerCase());
        String clientKey = "client:" + trim(client == null ? "unknown" : client);
        if (recent(purpose, emailKey, now) >= perEmail || recent(purpose, clientKey, now) >= perClient) {
            throw new ValidationException("email", "Too many requests for this address lately: try again in an hour.");
        }
        for (String key : new String[] { emailKey, clientKey }) {
            db.deleteFrom(ACCOUNT_REQUEST).where(ACCOUNT_REQUEST.PURPOSE.eq(purpose)
                    .and(ACCOUNT_REQUEST.REQUESTED_BY.eq(key)).and(ACCOUNT_REQUEST.REQUESTED_AT.lt(now.minus(WINDOW))))
                    .execute();
            db.insertInto(ACCOUNT_REQUEST).set(ACCOUNT_REQUEST.PURPOSE, purpose).set(ACCOUNT_REQUEST.REQUESTED_BY, key)
                    .set(ACCOUNT_REQUEST.REQUESTED_AT, now).execute();
        }
    }

    private int recent(String purpose, String key, OffsetDateTime now) {
        return db.fetchCount(ACCOUNT_REQUEST, ACCOUNT_REQUEST.PURPOSE.eq(purpose)
                .and(ACCOUNT_REQUEST.REQUESTED_BY.eq(key)).and(ACCOUNT_REQUEST.REQUESTED_AT.ge(now.minus(WINDOW))));
    }

    private static String trim(String key) {
        return key.length() > 300 ? key.substring(0, 300) : key;
    }
}

package org.edgewise.security;

import static org.edgewise.jooq.Tables.APP_USER;
import static org.edgewise.jooq.Tables.DOCUMENT;

import java.util.Optional;

import org.edgewise.access.Role;
import org.jooq.DSLContext;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Looks users up for sign-in. Only active users may sign in. */
@Service
class UserAccounts implements UserDetailsService {

    static final String ACTIVE = "active";
    /** A user who signed up and has not yet confirmed their e-mail address (see party's user workflow). */
    static final String UNVERIFIED = "unverified";

    private final DSLContext db;

    UserAccounts(DSLContext db) {
        this.db = db;
    }

    @Override
    public SignedInUser loadUserByUsername(String username) {
        return find(username).orElseThrow(() -> new UsernameNotFoundException("No user " + username));
    }

    /** Whether this is a signed-up user whose address is not confirmed yet, and the password is theirs. */
    boolean awaitsConfirmation(String username, Object password, PasswordEncoder encoder) {
        if (username == null || !(password instanceof String given)) {
            return false;
        }
        String hash = db.select(APP_USER.PASSWORD_HASH).from(APP_USER).join(DOCUMENT).on(DOCUMENT.ID.eq(APP_USER.ID))
                .where(APP_USER.USERNAME.eq(username.strip().toLowerCase()).and(DOCUMENT.STATE.eq(UNVERIFIED)))
                .fetchOne(APP_USER.PASSWORD_HASH);
        return hash != null && encoder.matches(given, hash);
    }

    Optional<SignedInUser> find(String username) {
        if (username == null) {
            return Optional.empty();
        }
        return db.select(APP_USER.ID, APP_USER.USERNAME, DOCUMENT.TITLE, APP_USER.PASSWORD_HASH, APP_USER.ROLES,
                        APP_USER.ORGANISATION_ID, DOCUMENT.STATE)
                .from(APP_USER).join(DOCUMENT).on(DOCUMENT.ID.eq(APP_USER.ID))
                .where(APP_USER.USERNAME.eq(username.strip().toLowerCase()))
                .fetchOptional(r -> new SignedInUser(r.value1(), r.value2(), r.value3(), r.value4(),
                        Role.parse(r.value5()), r.value6(), ACTIVE.equals(r.value7())));
    }
}

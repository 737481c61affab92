package org.edgewise.security;

import static org.edgewise.jooq.Tables.APP_USER;
import static org.edgewise.jooq.Tables.DOCUMENT;

import java.util.Optional;

import org.edgewise.access.Role;
import org.jooq.DSLContext;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Looks users up for sign-in. Only active users may sign in. */
@Service
class UserAccounts implements UserDetailsService {

    static final String ACTIVE = "active";

    private final DSLContext db;

    UserAccounts(DSLContext db) {
        this.db = db;
    }

    @Override
    public SignedInUser loadUserByUsername(String username) {
        return find(username).orElseThrow(() -> new UsernameNotFoundException("No user " + username));
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

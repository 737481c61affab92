package org.edgewise.party;

import static org.edgewise.jooq.Tables.APP_USER;
import static org.edgewise.jooq.Tables.DOCUMENT;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.access.RoleGroup;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.DocumentQueries;
import org.edgewise.document.FieldChange;
import org.edgewise.document.PageRequest;
import org.edgewise.document.ValidationException;
import org.edgewise.security.SignInThrottle;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The people who sign in. A customer user acts for exactly one organisation and holds no staff role;
 * staff users hold one or more staff roles. Passwords are stored hashed only.
 */
@Service
public class Users {

    public static final int MIN_PASSWORD_LENGTH = 10;
    private static final Pattern USERNAME = Pattern.compile("^[a-z0-9][a-z0-9._-]{1,63}$");

    public record NewUser(String username, String name, String password, Set<Role> roles, Long organisationId) { }

    public record Details(String name, Set<Role> roles, Long organisationId) { }

    public record Row(long id, String reference, String username, String name, String state, Set<Role> roles,
            Long organisationId, String organisationName) { }

    private static final org.edgewise.jooq.tables.Document ORG_DOC = DOCUMENT.as("org_doc");
    private static final Map<String, Field<?>> SORT = Map.of("reference", DOCUMENT.ID, "username", APP_USER.USERNAME,
            "name", DOCUMENT.TITLE, "state", DOCUMENT.STATE, "organisation", ORG_DOC.TITLE);

    private final DSLContext db;
    private final DocumentEngine engine;
    private final PasswordEncoder passwords;
    private final SignInThrottle signIns;

    Users(DSLContext db, DocumentEngine engine, PasswordEncoder passwords, SignInThrottle signIns) {
        this.db = db;
        this.engine = engine;
        this.passwords = passwords;
        this.signIns = signIns;
    }

    @Transactional
    public Document create(NewUser user, Actor actor) {
        String username = Validation.required("username", "User name", user.username()).toLowerCase();
        if (!USERNAME.matcher(username).matches()) {
            throw new ValidationException("username", "A user name has 2 to 64 lower-case letters, digits, dots, dashes "
                    + "or underscores, and starts with a letter or digit.");
        }
        Details details = clean(new Details(user.name(), user.roles(), user.organisationId()), actor);
        requirePassword(user.password());
        Document doc = engine.create(PartyWorkflows.USER, details.name(), details.organisationId(), actor);
        try {
            db.insertInto(APP_USER)
                    .set(APP_USER.ID, doc.id())
                    .set(APP_USER.USERNAME, username)
                    .set(APP_USER.PASSWORD_HASH, passwords.encode(user.password()))
                    .set(APP_USER.ROLES, Role.format(details.roles()))
                    .set(APP_USER.ORGANISATION_ID, details.organisationId())
                    .execute();
        } catch (DuplicateKeyException e) {
            throw new ValidationException("username", "The user name " + username + " is already taken.");
        }
        return doc;
    }

    @Transactional
    public Document update(long id, Details details, Actor actor) {
        Details clean = clean(details, actor);
        Row before = row(id).orElseThrow();
        if (!java.util.Objects.equals(before.organisationId(), clean.organisationId())) {
            throw new ValidationException("organisationId", "A user stays with the organisation it was created for; "
                    + "create another user for another organisation.");
        }
        List<FieldChange> changes = new FieldChange.Collector()
                .compare("title", before.name(), clean.name())
                .compare("roles", Role.format(before.roles()), Role.format(clean.roles()))
                .changes();
        Document doc = engine.recordChanges(id, changes, actor);
        db.update(APP_USER).set(APP_USER.ROLES, Role.format(clean.roles())).where(APP_USER.ID.eq(id)).execute();
        return doc;
    }

    /** Sets a new password; an administrator may do it for anyone, others only for themselves. */
    @Transactional
    public void changePassword(long id, String password, Actor actor) {
        Row user = row(id).orElseThrow();
        if (!actor.in(RoleGroup.ADMINISTRATORS) && !actor.name().equals(user.username())) {
            throw new AccessDeniedException(actor.name() + " may not change the password of " + user.username() + ".");
        }
        requirePassword(password);
        // not recordChanges: that asks for the right to edit the user document, which only administrators have
        engine.recordObservation(id, List.of(new FieldChange("password", null, "(changed)")), actor);
        db.update(APP_USER).set(APP_USER.PASSWORD_HASH, passwords.encode(password)).where(APP_USER.ID.eq(id)).execute();
    }

    /** How long failed sign-ins still keep the user out; empty when a password may be tried now. */
    public Optional<Duration> signInLockedFor(Row user) {
        return signIns.accountLockedFor(user.username());
    }

    /** Lets the user try a password again at once after failed sign-ins locked the account; administrators only. */
    @Transactional
    public void unlockSignIn(long id, Actor actor) {
        if (!actor.in(RoleGroup.ADMINISTRATORS)) {
            throw new AccessDeniedException(actor.name() + " may not unlock sign-ins: ask an administrator.");
        }
        Row user = row(id).orElseThrow();
        engine.recordObservation(id, List.of(new FieldChange("sign-in", "locked after failed sign-ins", "unlocked")),
                actor);
        signIns.unlockAccount(user.username());
    }

    @Transactional(readOnly = true)
    public Row get(String reference, Actor actor) {
        return row(engine.get(reference, actor).id()).orElseThrow();
    }

    @Transactional(readOnly = true)
    public List<Row> page(PageRequest page, Actor actor) {
        return select().where(DocumentQueries.visibleList(PartyWorkflows.USER, actor, page, APP_USER.USERNAME))
                .orderBy(page.sortFields(SORT, DOCUMENT.ID.desc()))
                .offset(page.offset()).limit(page.limit())
                .fetch(Users::toRow);
    }

    @Transactional(readOnly = true)
    public int count(PageRequest page, Actor actor) {
        return db.fetchCount(select().where(DocumentQueries.visibleList(PartyWorkflows.USER, actor, page, APP_USER.USERNAME)));
    }

    /** Whether anybody can administer the Master yet. */
    @Transactional(readOnly = true)
    public boolean administratorExists() {
        return db.fetchExists(APP_USER, APP_USER.ROLES.contains(Role.ADMIN.name()));
    }

    private org.jooq.SelectOnConditionStep<Record> select() {
        return db.select(List.of(DOCUMENT.ID, DOCUMENT.REFERENCE, APP_USER.USERNAME, DOCUMENT.TITLE, DOCUMENT.STATE,
                        APP_USER.ROLES, APP_USER.ORGANISATION_ID, ORG_DOC.TITLE))
                .from(DOCUMENT).join(APP_USER).on(APP_USER.ID.eq(DOCUMENT.ID))
                .leftJoin(ORG_DOC).on(ORG_DOC.ID.eq(APP_USER.ORGANISATION_ID));
    }

    private Optional<Row> row(long id) {
        return select().where(DOCUMENT.ID.eq(id)).fetchOptional(Users::toRow);
    }

    private Details clean(Details d, Actor actor) {
        String name = Validation.required("name", "Name", d.name());
        Set<Role> roles = d.roles() == null || d.roles().isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(d.roles());
        if (roles.isEmpty()) {
            throw new ValidationException("roles", "Give the user at least one role.");
        }
        if (!Role.userRoles().containsAll(roles)) {
            throw new ValidationException("roles", "The node role belongs to computers, not to users.");
        }
        if (roles.contains(Role.CUSTOMER)) {
            if (roles.size() > 1) {
                throw new ValidationException("roles", "A customer user holds no staff role: use two users.");
            }
            if (d.organisationId() == null) {
                throw new ValidationException("organisationId", "A customer user needs the organisation it acts for.");
            }
            Document org = engine.get(d.organisationId(), actor);
            if (!org.docType().equals(PartyWorkflows.ORGANISATION) || !org.state().equals(PartyWorkflows.ACTIVE)) {
                throw new ValidationException("organisationId", "Choose an active organisation.");
            }
        } else if (d.organisationId() != null) {
            throw new ValidationException("organisationId", "Staff users do not belong to a customer organisation.");
        }
        return new Details(name, roles, d.organisationId());
    }

    private static void requirePassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new ValidationException("password", "A password has at least " + MIN_PASSWORD_LENGTH + " characters.");
        }
        if (password.length() > 200) {
            throw new ValidationException("password", "A password has at most 200 characters.");
        }
    }

    private static Row toRow(Record r) {
        return new Row(r.get(DOCUMENT.ID), r.get(DOCUMENT.REFERENCE), r.get(APP_USER.USERNAME), r.get(DOCUMENT.TITLE),
                r.get(DOCUMENT.STATE), Role.parse(r.get(APP_USER.ROLES)), r.get(APP_USER.ORGANISATION_ID),
                r.get(ORG_DOC.TITLE));
    }
}

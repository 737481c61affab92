package org.edgewise.account;

import static org.edgewise.jooq.Tables.APP_USER;
import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.ORGANISATION;
import static org.edgewise.jooq.Tables.PERSON;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.ValidationException;
import org.edgewise.mail.Outbox;
import org.edgewise.mail.PublicLinks;
import org.edgewise.party.Organisations;
import org.edgewise.party.PartyWorkflows;
import org.edgewise.party.Persons;
import org.edgewise.party.Users;
import org.jooq.DSLContext;
import org.jooq.Record3;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Self-service accounts. A stranger signs up with their organisation: the organisation, the person and a
 * customer user are made by the Master through the party services, the user waiting in
 * {@link PartyWorkflows#UNVERIFIED} until the link mailed with it (valid 48 hours, once) is followed. A
 * forgotten password is replaced through a link valid one hour, once; asking for one answers the same
 * whether or not the account exists.
 */
@Service
public class SignUps {

    static final Duration VERIFICATION_VALIDITY = Duration.ofHours(48);
    static final Duration RESET_VALIDITY = Duration.ofHours(1);

    /** What the sign-up form asks. */
    public record SignUp(String organisation, String name, String email, String username, String password) { }

    /** A link that is unknown, used already or expired. */
    public static class InvalidLinkException extends RuntimeException {
        InvalidLinkException(String message) {
            super(message);
        }
    }

    private final Organisations organisations;
    private final Persons persons;
    private final Users users;
    private final DocumentEngine engine;
    private final AccountTokens tokens;
    private final AccountRequests requests;
    private final Outbox outbox;
    private final PublicLinks links;
    private final DSLContext db;

    SignUps(Organisations organisations, Persons persons, Users users, DocumentEngine engine, AccountTokens tokens,
            AccountRequests requests, Outbox outbox, PublicLinks links, DSLContext db) {
        this.organisations = organisations;
        this.persons = persons;
        this.users = users;
        this.engine = engine;
        this.tokens = tokens;
        this.requests = requests;
        this.outbox = outbox;
        this.links = links;
        this.db = db;
    }

    /**
     * Makes the organisation, the person and their user, and mails the confirmation link, all or nothing.
     *
     * @param client the network address the form came from, for the limit per client
     * @throws ValidationException naming the form's field: organisation, name, email, username or password
     */
    @Transactional
    public Users.Row signUp(SignUp form, String client) {
        String organisation = required("organisation", "Your organisation's name", form.organisation());
        String name = required("name", "Your name", form.name());
        String email = required("email", "Your e-mail address", form.email());
        requests.admit(AccountRequests.SIGN_UP, email, client);
        Actor master = Actor.system();
        Document org;
        try {
            org = organisations.create(new Organisations.Details(organisation, email, null, null), master);
        } catch (ValidationException e) {
            throw "name".equals(e.field()) ? new ValidationException("organisation", e.getMessage()) : e;
        }
        Document person = persons.create(new Persons.Details(name, email, null, org.id()), master);
        Document user = users.create(new Users.NewUser(form.username(), name, form.password(),
                EnumSet.of(Role.CUSTOMER), org.id()), master);
        db.update(APP_USER).set(APP_USER.PERSON_ID, person.id()).where(APP_USER.ID.eq(user.id())).execute();
        String username = users.get(user.reference(), master).username();
        engine.apply(user.id(), PartyWorkflows.AWAIT_VERIFICATION, master,
                name + " signed up as " + username + " on the sign-up page; a confirmation link was mailed to "
                        + email + ".");
        String signedUp = name + " signed up " + organisation + " on the sign-up page, as user " + username + ".";
        engine.comment(org.id(), signedUp, master);
        engine.comment(person.id(), signedUp, master);
        String token = tokens.issue(user.id(), AccountTokens.VERIFY_EMAIL, VERIFICATION_VALIDITY);
        outbox.queue(new Outbox.Mail(email, "Confirm your e-mail address for Edgewise", "Hello " + name + ",\n\n"
                + "you signed up " + organisation + " for Edgewise, with the user name " + username + ".\n"
                + "Please confirm your e-mail address by opening this link within 48 hours:\n\n"
                + links.to("/verify-email?token=" + token) + "\n\n"
                + "If you did not sign up, ignore this mail: nobody can sign in with this account until the "
                + "address is confirmed.\n"));
        return users.get(user.reference(), master);
    }

    /** Confirms the address of the link's user, who may sign in from now on. */
    @Transactional
    public Users.Row verify(String token) {
        long userId = tokens.use(token, AccountTokens.VERIFY_EMAIL).orElseThrow(() -> new InvalidLinkException(
                "This confirmation link is not valid: it was used already, it expired (after 48 hours), or it "
                        + "was copied incompletely."));
        Document user = engine.get(userId, Actor.system());
        if (PartyWorkflows.UNVERIFIED.equals(user.state())) {
            engine.apply(userId, PartyWorkflows.VERIFY, Actor.system(), "E-mail address confirmed through the "
                    + "link mailed at sign-up.");
        }
        return users.get(user.reference(), Actor.system());
    }

    /**
     * Mails a password-reset link to the user with this user name or e-mail address, if there is one that
     * may sign in; answers the same in every case, so that nobody learns who has an account.
     */
    @Transactional
    public void requestPasswordReset(String usernameOrEmail, String client) {
        String asked = required("email", "Your user name or e-mail address", usernameOrEmail).toLowerCase();
        requests.admit(AccountRequests.PASSWORD_RESET, asked, client);
        for (Record3<Long, String, String> user : usersNamed(asked)) {
            String token = tokens.issue(user.value1(), AccountTokens.RESET_PASSWORD, RESET_VALIDITY);
            outbox.queue(new Outbox.Mail(user.value3(), "Reset your Edgewise password", "Hello,\n\n"
                    + "someone asked to reset the password of the Edgewise user " + user.value2() + ".\n"
                    + "To choose a new password, open this link within one hour:\n\n"
                    + links.to("/reset-password?token=" + token) + "\n\n"
                    + "If it was not you, ignore this mail: your password stays as it is.\n"));
        }
    }

    /**
     * Sets the password of the link's user, with the same rules as every password; a password refused
     * leaves the link usable.
     */
    @Transactional
    public Users.Row resetPassword(String token, String password) {
        long userId = tokens.use(token, AccountTokens.RESET_PASSWORD).orElseThrow(() -> new InvalidLinkException(
                "This password-reset link is not valid: it was used already, it expired (after one hour), or "
                        + "it was copied incompletely. Ask for a new one."));
        users.changePassword(userId, password, Actor.system());
        return users.get(engine.get(userId, Actor.system()).reference(), Actor.system());
    }

    /**
     * Active users with this user name, or whose person (or else organisation) has this e-mail address:
     * id, user name and the address to mail.
     */
    private List<Record3<Long, String, String>> usersNamed(String asked) {
        var address = DSL.coalesce(PERSON.EMAIL, ORGANISATION.EMAIL);
        return db.select(APP_USER.ID, APP_USER.USERNAME, address)
                .from(APP_USER).join(DOCUMENT).on(DOCUMENT.ID.eq(APP_USER.ID))
                .leftJoin(PERSON).on(PERSON.ID.eq(APP_USER.PERSON_ID))
                .leftJoin(ORGANISATION).on(ORGANISATION.ID.eq(APP_USER.ORGANISATION_ID))
                .where(DOCUMENT.STATE.eq(PartyWorkflows.ACTIVE).and(address.isNotNull())
                        .and(APP_USER.USERNAME.eq(asked).or(DSL.lower(address).eq(asked))))
                .fetch();
    }

    private static String required(String field, String label, String value) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(field, label + " is required.");
        }
        return value.strip();
    }
}

package org.edgewise.nodeapi;

import static org.edgewise.jooq.Tables.COMPUTER;
import static org.edgewise.jooq.Tables.ENROLMENT_TOKEN;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import org.edgewise.access.Actor;
import org.edgewise.access.RoleGroup;
import org.edgewise.computer.ComputerWorkflows;
import org.edgewise.computer.PlanVersions;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.FieldChange;
import org.edgewise.document.ValidationException;
import org.edgewise.security.Secrets;
import org.jooq.DSLContext;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How a node gets its credential: an operator makes a one-time enrolment token for a computer; the
 * node exchanges it, once, for the computer's own credential. A new enrolment replaces the old
 * credential.
 */
@Service
public class Enrolment {

    public static final Duration TOKEN_LIFETIME = Duration.ofHours(24);
    static final String TOKEN_PREFIX = "enrol-";

    public record Credential(String computer, String credential) { }

    private final DSLContext db;
    private final DocumentEngine engine;
    private final PlanVersions plans;
    private final Clock clock;

    Enrolment(DSLContext db, DocumentEngine engine, PlanVersions plans, Clock clock) {
        this.db = db;
        this.engine = engine;
        this.plans = plans;
        this.clock = clock;
    }

    /** A new one-time token for the computer, shown once. */
    @Transactional
    public String createToken(long computerId, Actor actor) {
        if (!actor.in(RoleGroup.OPERATIONS)) {
            throw new AccessDeniedException(actor.name() + " may not enrol computers.");
        }
        Document computer = engine.get(computerId, actor);
        if (!computer.docType().equals(ComputerWorkflows.TYPE) || computer.state().equals(ComputerWorkflows.DECOMMISSIONED)) {
            throw new ValidationException(null, "Only a computer in service can be enrolled.");
        }
        String token = TOKEN_PREFIX + Secrets.newSecret();
        OffsetDateTime now = OffsetDateTime.now(clock);
        db.insertInto(ENROLMENT_TOKEN)
                .set(ENROLMENT_TOKEN.COMPUTER_ID, computerId)
                .set(ENROLMENT_TOKEN.TOKEN_HASH, Secrets.sha256(token))
                .set(ENROLMENT_TOKEN.CREATED_BY, actor.name())
                .set(ENROLMENT_TOKEN.CREATED_AT, now)
                .set(ENROLMENT_TOKEN.EXPIRES_AT, now.plus(TOKEN_LIFETIME))
                .execute();
        engine.recordObservation(computerId, List.of(new FieldChange("enrolment token", null,
                "created, valid until " + now.plus(TOKEN_LIFETIME).withNano(0))), actor);
        return token;
    }

    /** Exchanges a token for the computer's credential; a used, expired or unknown token is refused. */
    @Transactional
    public Credential enrol(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            throw new ValidationException("token", "An enrolment needs the token an operator made for the computer.");
        }
        var row = db.selectFrom(ENROLMENT_TOKEN).where(ENROLMENT_TOKEN.TOKEN_HASH.eq(Secrets.sha256(token.strip())))
                .forUpdate().fetchOne();
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (row == null) {
            throw new AccessDeniedException("This enrolment token is unknown.");
        }
        if (row.getUsedAt() != null) {
            throw new AccessDeniedException("This enrolment token was already used; ask an operator for a new one.");
        }
        if (row.getExpiresAt().isBefore(now)) {
            throw new AccessDeniedException("This enrolment token has expired; ask an operator for a new one.");
        }
        Document computer = engine.get(row.getComputerId(), Actor.system());
        if (computer.state().equals(ComputerWorkflows.DECOMMISSIONED)) {
            throw new AccessDeniedException(computer.reference() + " is decommissioned.");
        }
        String secret = Secrets.newSecret();
        db.update(ENROLMENT_TOKEN).set(ENROLMENT_TOKEN.USED_AT, now).where(ENROLMENT_TOKEN.ID.eq(row.getId())).execute();
        db.update(COMPUTER).set(COMPUTER.NODE_SECRET_HASH, Secrets.sha256(secret))
                .where(COMPUTER.ID.eq(row.getComputerId())).execute();
        plans.bump(row.getComputerId());
        engine.recordObservation(row.getComputerId(), List.of(new FieldChange("node credential", null,
                "issued to the enrolled node")), Actor.node(computer.reference()));
        return new Credential(computer.reference(), computer.reference() + "." + secret);
    }
}

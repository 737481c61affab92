package org.edgewise.instance;

import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.INSTANCE;

import java.util.List;

import org.edgewise.access.Actor;
import org.edgewise.access.RoleGroup;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.DocumentNotFoundException;
import org.edgewise.document.FieldChange;
import org.edgewise.document.ValidationException;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which instances host shared instances: those their owner, or an operator, offered for sharing. An
 * offered instance takes the shared instances of its own release and software type: the operator's (no
 * owner) those of every customer, a customer's only those of its own organisation. Withdrawing an offer
 * stops new shared instances from coming in; those already inside stay until they or the host are
 * destroyed, since taking them out would break services that run.
 */
@Service
public class InstanceSharing {

    private final DSLContext db;
    private final DocumentEngine engine;
    private final InstanceStore store;

    InstanceSharing(DSLContext db, DocumentEngine engine, InstanceStore store) {
        this.db = db;
        this.engine = engine;
        this.store = store;
    }

    /**
     * Offers the instance for sharing, or withdraws the offer; the same again changes nothing. An instance
     * this actor may not see is not found; only its owner's customers, operators and administrators may
     * offer it.
     */
    @Transactional
    public InstanceInfo offer(String reference, boolean offered, Actor actor) {
        Document doc = engine.get(reference, actor);
        if (!doc.docType().equals(InstanceWorkflows.INSTANCE)) {
            throw new DocumentNotFoundException(reference);
        }
        if (!mayOffer(doc, actor)) {
            throw new AccessDeniedException(actor.name() + " may not offer " + reference + " for sharing: its owner "
                    + "or an operator may.");
        }
        InstanceInfo before = db.select(INSTANCE.ID).from(INSTANCE).where(INSTANCE.ID.eq(doc.id())).forUpdate()
                .fetchOptional(INSTANCE.ID).flatMap(store::find)
                .orElseThrow(() -> new DocumentNotFoundException(reference));
        if (before.offeredForSharing() == offered) {
            return before;
        }
        if (offered && before.shared()) {
            throw new ValidationException("offered", reference + " is itself a shared instance, inside another one: "
                    + "only an instance in its own partition can host shared instances.");
        }
        // recorded as an edit: refused, before anything is stored, once the instance is destroyed
        engine.recordChanges(doc.id(), List.of(new FieldChange("offered for sharing", yesNo(before.offeredForSharing()),
                yesNo(offered))), actor);
        db.update(INSTANCE).set(INSTANCE.OFFERED_FOR_SHARING, offered).where(INSTANCE.ID.eq(doc.id())).execute();
        return store.find(doc.id()).orElseThrow();
    }

    /** Whether the console shows this actor the control that offers the instance or withdraws the offer. */
    public boolean mayOffer(Document instance, Actor actor) {
        if (actor.in(RoleGroup.OPERATIONS)) {
            return true;
        }
        return actor.in(RoleGroup.CUSTOMERS) && instance.ownerId() != null
                && instance.ownerId().equals(actor.organisationId());
    }

    /**
     * Instances that may take a new shared instance of this owner ({@code null}: the operator), release and
     * software type, whatever their place and state: offered, not shared themselves, not destroyed, and
     * the operator's or the owner's own. Over {@code INSTANCE} joined with its {@code DOCUMENT}.
     */
    static Condition offeredTo(Long owner, String releaseUrl, String softwareType) {
        return INSTANCE.OFFERED_FOR_SHARING.isTrue()
                .and(INSTANCE.SHARED.isFalse())
                .and(INSTANCE.RELEASE_URL.eq(releaseUrl))
                .and(INSTANCE.SOFTWARE_TYPE.eq(softwareType))
                .and(DOCUMENT.STATE.ne(InstanceWorkflows.DESTROYED))
                .and(DOCUMENT.OWNER_ID.isNull().or(owner == null ? DSL.falseCondition() : DOCUMENT.OWNER_ID.eq(owner)));
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }
}

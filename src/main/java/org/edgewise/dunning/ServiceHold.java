package org.edgewise.dunning;

import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.DUNNING_STOPPED_TREE;
import static org.edgewise.jooq.Tables.DUNNING_SUSPENDED_SUBSCRIPTION;
import static org.edgewise.jooq.Tables.ORGANISATION;
import static org.edgewise.jooq.Tables.REMINDER;
import static org.edgewise.jooq.Tables.SUBSCRIPTION;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import org.edgewise.access.Actor;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.Transition;
import org.edgewise.document.WorkflowException;
import org.edgewise.document.WorkflowRegistry;
import org.edgewise.instance.InstanceWorkflows;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * What a reminder does to its customer's services: it stops every started instance tree of the customer
 * (the instance lifecycle then tells the nodes) and suspends the customer's active subscriptions, keeping
 * which ones, so that exactly those are started and resumed again when the reminder is settled, or
 * destroyed when it is not. When another reminder of the customer has its services stopped too, a
 * settled reminder hands its trees over to it instead of restarting them.
 *
 * <p>The work of one customer is serialised by a lock on the customer's organisation row, so a stop, a
 * destruction and a settling of two reminders of the customer never cross.
 *
 * <p>Subscriptions are suspended and resumed through their own workflow, type {@value #SUBSCRIPTION_TYPE}
 * (active → suspended by {@value #SUSPEND}, back by {@value #RESUME}); a Master without that workflow has no
 * subscription documents, and trees alone are stopped.
 */
@Component
class ServiceHold {

    static final String SUBSCRIPTION_TYPE = "subscription";
    static final String ACTIVE = "active";
    static final String SUSPENDED = "suspended";
    static final String SUSPEND = "suspend";
    static final String RESUME = "resume";

    static final String RESTARTED = "restarted";
    static final String DESTROYED = "destroyed";
    static final String HANDED_OVER = "handed_over";
    static final String RESUMED = "resumed";
    static final String ENDED = "ended";

    private final DSLContext db;
    private final DocumentEngine engine;
    private final WorkflowRegistry workflows;
    private final DunningSettings settings;
    private final Clock clock;

    ServiceHold(DSLContext db, DocumentEngine engine, WorkflowRegistry workflows, DunningSettings settings,
            Clock clock) {
        this.db = db;
        this.engine = engine;
        this.workflows = workflows;
        this.settings = settings;
        this.clock = clock;
    }

    /** Stops the customer's started trees and suspends their active subscriptions, remembering which. */
    void stop(Document reminder) {
        ReminderFacts facts = facts(reminder);
        lockCustomer(facts.customerId());
        OffsetDateTime now = OffsetDateTime.now(clock);
        String why = "Stopped for non-payment of " + facts.invoice() + " (" + reminder.reference() + ").";
        List<Long> trees = db.select(DOCUMENT.ID).from(DOCUMENT)
                .where(DOCUMENT.DOC_TYPE.eq(InstanceWorkflows.TREE).and(DOCUMENT.OWNER_ID.eq(facts.customerId()))
                        .and(DOCUMENT.STATE.eq(InstanceWorkflows.STARTED)))
                .orderBy(DOCUMENT.ID).fetch(DOCUMENT.ID);
        for (long tree : trees) {
            engine.apply(tree, InstanceWorkflows.STOP, Actor.system(), why);
            db.insertInto(DUNNING_STOPPED_TREE)
                    .set(DUNNING_STOPPED_TREE.REMINDER_ID, reminder.id())
                    .set(DUNNING_STOPPED_TREE.TREE_ID, tree)
                    .set(DUNNING_STOPPED_TREE.STOPPED_AT, now)
                    .onConflictDoNothing().execute();
        }
        if (subscriptionsKnown()) {
            List<Long> subscriptions = db.select(SUBSCRIPTION.ID).from(SUBSCRIPTION).join(DOCUMENT)
                    .on(DOCUMENT.ID.eq(SUBSCRIPTION.ID))
                    .where(SUBSCRIPTION.CUSTOMER_ID.eq(facts.customerId()).and(DOCUMENT.STATE.eq(ACTIVE)))
                    .orderBy(SUBSCRIPTION.ID).fetch(SUBSCRIPTION.ID);
            for (long subscription : subscriptions) {
                engine.apply(subscription, SUSPEND, Actor.system(), "Suspended for non-payment of " + facts.invoice()
                        + " (" + reminder.reference() + ").");
                db.insertInto(DUNNING_SUSPENDED_SUBSCRIPTION)
                        .set(DUNNING_SUSPENDED_SUBSCRIPTION.REMINDER_ID, reminder.id())
                        .set(DUNNING_SUSPENDED_SUBSCRIPTION.SUBSCRIPTION_ID, subscription)
                        .set(DUNNING_SUSPENDED_SUBSCRIPTION.SUSPENDED_AT, now)
                        .onConflictDoNothing().execute();
            }
        }
        db.update(REMINDER)
                .set(REMINDER.STOPPED_AT, DSL.coalesce(REMINDER.STOPPED_AT, DSL.val(now)))
                .set(REMINDER.DESTROY_AT, DSL.coalesce(REMINDER.DESTROY_AT, DSL.val(now.plus(settings.destroyAfter()))))
                .where(REMINDER.ID.eq(reminder.id())).execute();
    }

    /** Destroys the trees the reminder stopped (those nobody destroyed since); the reminder is over. */
    void destroy(Document reminder) {
        ReminderFacts facts = facts(reminder);
        lockCustomer(facts.customerId());
        OffsetDateTime now = OffsetDateTime.now(clock);
        String why = "Destroyed for non-payment of " + facts.invoice() + " (" + reminder.reference() + ").";
        for (long tree : heldTrees(reminder.id())) {
            String state = stateOf(tree);
            if (state.equals(InstanceWorkflows.STARTED) || state.equals(InstanceWorkflows.STOPPED)) {
                engine.apply(tree, InstanceWorkflows.DESTROY, Actor.system(), why);
            }
            releaseTree(reminder.id(), tree, DESTROYED, now);
        }
        // a subscription ends with its tree, by its own workflow
        db.update(DUNNING_SUSPENDED_SUBSCRIPTION)
                .set(DUNNING_SUSPENDED_SUBSCRIPTION.RELEASED_AT, now)
                .set(DUNNING_SUSPENDED_SUBSCRIPTION.OUTCOME, ENDED)
                .where(DUNNING_SUSPENDED_SUBSCRIPTION.REMINDER_ID.eq(reminder.id())
                        .and(DUNNING_SUSPENDED_SUBSCRIPTION.RELEASED_AT.isNull())).execute();
        close(reminder.id(), now);
    }

    /**
     * The reminder is settled: the trees it stopped start again and its subscriptions resume, unless another
     * reminder of the customer has its services stopped, which then holds them until it is settled too.
     */
    void release(Document reminder) {
        ReminderFacts facts = facts(reminder);
        lockCustomer(facts.customerId());
        OffsetDateTime now = OffsetDateTime.now(clock);
        close(reminder.id(), now);
        List<Long> trees = heldTrees(reminder.id());
        List<Long> subscriptions = heldSubscriptions(reminder.id());
        if (trees.isEmpty() && subscriptions.isEmpty()) {
            return;
        }
        Long heir = db.select(REMINDER.ID).from(REMINDER).join(DOCUMENT).on(DOCUMENT.ID.eq(REMINDER.ID))
                .where(REMINDER.CUSTOMER_ID.eq(facts.customerId()).and(REMINDER.ID.ne(reminder.id()))
                        .and(REMINDER.CLOSED_AT.isNull()).and(DOCUMENT.STATE.eq(DunningWorkflows.SERVICES_STOPPED)))
                .orderBy(REMINDER.ID).limit(1).fetchOne(REMINDER.ID);
        if (heir != null) {
            handOver(reminder, heir, now);
            return;
        }
        String why = "Started again: " + reminder.reference() + " for " + facts.invoice() + " is settled.";
        for (long tree : trees) {
            if (stateOf(tree).equals(InstanceWorkflows.STOPPED)) {
                engine.apply(tree, InstanceWorkflows.START, Actor.system(), why);
            }
            releaseTree(reminder.id(), tree, RESTARTED, now);
        }
        for (long subscription : subscriptions) {
            if (stateOf(subscription).equals(SUSPENDED)) {
                engine.apply(subscription, RESUME, Actor.system(), "Resumed: " + reminder.reference() + " for "
                        + facts.invoice() + " is settled.");
            }
            db.update(DUNNING_SUSPENDED_SUBSCRIPTION)
                    .set(DUNNING_SUSPENDED_SUBSCRIPTION.RELEASED_AT, now)
                    .set(DUNNING_SUSPENDED_SUBSCRIPTION.OUTCOME, RESUMED)
                    .where(DUNNING_SUSPENDED_SUBSCRIPTION.REMINDER_ID.eq(reminder.id())
                            .and(DUNNING_SUSPENDED_SUBSCRIPTION.SUBSCRIPTION_ID.eq(subscription))).execute();
        }
    }

    /**
     * Refuses a customer's start of a tree a reminder holds: it starts again when the invoice is paid. Staff
     * may still start it, having agreed otherwise with the customer.
     */
    void refuseStartWhileHeld(Document tree, Transition transition, Actor actor) {
        if (actor.isStaff()) {
            return;
        }
        var held = db.select(DOCUMENT.REFERENCE, REMINDER.INVOICE_ID).from(DUNNING_STOPPED_TREE)
                .join(REMINDER).on(REMINDER.ID.eq(DUNNING_STOPPED_TREE.REMINDER_ID))
                .join(DOCUMENT).on(DOCUMENT.ID.eq(REMINDER.ID))
                .where(DUNNING_STOPPED_TREE.TREE_ID.eq(tree.id()).and(DUNNING_STOPPED_TREE.RELEASED_AT.isNull()))
                .limit(1).fetchOne();
        if (held != null) {
            String invoice = db.select(DOCUMENT.NUMBER, DOCUMENT.REFERENCE).from(DOCUMENT)
                    .where(DOCUMENT.ID.eq(held.value2())).fetchSingle(r -> r.value1() == null ? r.value2() : r.value1());
            throw new WorkflowException(tree.reference() + " was stopped for non-payment of " + invoice + " ("
                    + held.value1() + "): it starts again once the invoice is paid.");
        }
    }

    private void handOver(Document reminder, long heir, OffsetDateTime now) {
        db.insertInto(DUNNING_STOPPED_TREE, DUNNING_STOPPED_TREE.REMINDER_ID, DUNNING_STOPPED_TREE.TREE_ID,
                        DUNNING_STOPPED_TREE.STOPPED_AT)
                .select(DSL.select(DSL.val(heir), DUNNING_STOPPED_TREE.TREE_ID, DUNNING_STOPPED_TREE.STOPPED_AT)
                        .from(DUNNING_STOPPED_TREE)
                        .where(DUNNING_STOPPED_TREE.REMINDER_ID.eq(reminder.id())
                                .and(DUNNING_STOPPED_TREE.RELEASED_AT.isNull())))
                .onConflictDoNothing().execute();
        db.update(DUNNING_STOPPED_TREE)
                .set(DUNNING_STOPPED_TREE.RELEASED_AT, now)
                .set(DUNNING_STOPPED_TREE.OUTCOME, HANDED_OVER)
                .where(DUNNING_STOPPED_TREE.REMINDER_ID.eq(reminder.id()).and(DUNNING_STOPPED_TREE.RELEASED_AT.isNull()))
                .execute();
        db.insertInto(DUNNING_SUSPENDED_SUBSCRIPTION, DUNNING_SUSPENDED_SUBSCRIPTION.REMINDER_ID,
                        DUNNING_SUSPENDED_SUBSCRIPTION.SUBSCRIPTION_ID, DUNNING_SUSPENDED_SUBSCRIPTION.SUSPENDED_AT)
                .select(DSL.select(DSL.val(heir), DUNNING_SUSPENDED_SUBSCRIPTION.SUBSCRIPTION_ID,
                                DUNNING_SUSPENDED_SUBSCRIPTION.SUSPENDED_AT)
                        .from(DUNNING_SUSPENDED_SUBSCRIPTION)
                        .where(DUNNING_SUSPENDED_SUBSCRIPTION.REMINDER_ID.eq(reminder.id())
                                .and(DUNNING_SUSPENDED_SUBSCRIPTION.RELEASED_AT.isNull())))
                .onConflictDoNothing().execute();
        db.update(DUNNING_SUSPENDED_SUBSCRIPTION)
                .set(DUNNING_SUSPENDED_SUBSCRIPTION.RELEASED_AT, now)
                .set(DUNNING_SUSPENDED_SUBSCRIPTION.OUTCOME, HANDED_OVER)
                .where(DUNNING_SUSPENDED_SUBSCRIPTION.REMINDER_ID.eq(reminder.id())
                        .and(DUNNING_SUSPENDED_SUBSCRIPTION.RELEASED_AT.isNull()))
                .execute();
        String heirReference = db.select(DOCUMENT.REFERENCE).from(DOCUMENT).where(DOCUMENT.ID.eq(heir))
                .fetchSingle(DOCUMENT.REFERENCE);
        engine.comment(heir, "Also holds the services " + reminder.reference() + " stopped: they stay stopped until "
                + heirReference + " is settled too.", Actor.system());
    }

    private List<Long> heldTrees(long reminderId) {
        return db.select(DUNNING_STOPPED_TREE.TREE_ID).from(DUNNING_STOPPED_TREE)
                .where(DUNNING_STOPPED_TREE.REMINDER_ID.eq(reminderId).and(DUNNING_STOPPED_TREE.RELEASED_AT.isNull()))
                .orderBy(DUNNING_STOPPED_TREE.TREE_ID).fetch(DUNNING_STOPPED_TREE.TREE_ID);
    }

    private List<Long> heldSubscriptions(long reminderId) {
        return db.select(DUNNING_SUSPENDED_SUBSCRIPTION.SUBSCRIPTION_ID).from(DUNNING_SUSPENDED_SUBSCRIPTION)
                .where(DUNNING_SUSPENDED_SUBSCRIPTION.REMINDER_ID.eq(reminderId)
                        .and(DUNNING_SUSPENDED_SUBSCRIPTION.RELEASED_AT.isNull()))
                .orderBy(DUNNING_SUSPENDED_SUBSCRIPTION.SUBSCRIPTION_ID)
                .fetch(DUNNING_SUSPENDED_SUBSCRIPTION.SUBSCRIPTION_ID);
    }

    private void releaseTree(long reminderId, long tree, String outcome, OffsetDateTime now) {
        db.update(DUNNING_STOPPED_TREE)
                .set(DUNNING_STOPPED_TREE.RELEASED_AT, now)
                .set(DUNNING_STOPPED_TREE.OUTCOME, outcome)
                .where(DUNNING_STOPPED_TREE.REMINDER_ID.eq(reminderId).and(DUNNING_STOPPED_TREE.TREE_ID.eq(tree)))
                .execute();
    }

    private void close(long reminderId, OffsetDateTime now) {
        db.update(REMINDER).set(REMINDER.CLOSED_AT, now).where(REMINDER.ID.eq(reminderId)).execute();
    }

    private String stateOf(long documentId) {
        return db.select(DOCUMENT.STATE).from(DOCUMENT).where(DOCUMENT.ID.eq(documentId)).fetchSingle(DOCUMENT.STATE);
    }

    private void lockCustomer(long customerId) {
        db.select(ORGANISATION.ID).from(ORGANISATION).where(ORGANISATION.ID.eq(customerId)).forUpdate().fetchOne();
    }

    /** Whether subscriptions can be suspended here: the subscription workflow is part of this Master. */
    private boolean subscriptionsKnown() {
        return workflows.all().stream().anyMatch(w -> w.docType().equals(SUBSCRIPTION_TYPE)
                && w.find(ACTIVE, SUSPEND).isPresent() && w.find(SUSPENDED, RESUME).isPresent());
    }

    private record ReminderFacts(long customerId, String invoice) { }

    private ReminderFacts facts(Document reminder) {
        return db.select(REMINDER.CUSTOMER_ID, DOCUMENT.NUMBER, DOCUMENT.REFERENCE).from(REMINDER).join(DOCUMENT)
                .on(DOCUMENT.ID.eq(REMINDER.INVOICE_ID)).where(REMINDER.ID.eq(reminder.id()))
                .fetchSingle(r -> new ReminderFacts(r.value1(), r.value2() == null ? r.value3() : r.value2()));
    }
}

package org.edgewise.document;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.edgewise.access.Actor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one way documents are created and changed. Every change checks the document's
 * {@link Workflow}, is applied under a row lock, and appends its timeline entry in the same
 * transaction: either both happen or neither does.
 */
@Service
public class DocumentEngine {

    public static final int MAX_TITLE_LENGTH = 200;
    public static final int MAX_COMMENT_LENGTH = 10_000;

    private final DocumentStore store;
    private final ReferenceSeries references;
    private final WorkflowRegistry workflows;
    private final Effects effects;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    /** The business's time zone: a number's year is the year there (1 January 00:30 in Paris is the new year). */
    private final ZoneId numberingZone;

    DocumentEngine(DocumentStore store, ReferenceSeries references, WorkflowRegistry workflows, Effects effects,
            Clock clock, ApplicationEventPublisher events,
            @Value("${edgewise.billing.zone:Europe/Paris}") ZoneId numberingZone) {
        this.events = events;
        this.numberingZone = numberingZone;
        this.store = store;
        this.references = references;
        this.workflows = workflows;
        this.effects = effects;
        this.clock = clock;
    }

    /**
     * Creates a document in its workflow's initial state with the next reference of its series, for
     * {@code ownerId} (a customer organisation, or {@code null} for the provider).
     */
    @Transactional
    public Document create(String docType, String title, Long ownerId, Actor actor) {
        Workflow workflow = workflows.get(docType);
        requireMayCreate(docType, ownerId, actor);
        String cleanTitle = requireTitle(title);
        OffsetDateTime now = now();
        Document doc = store.insert(docType, references.next(workflow), cleanTitle, workflow.initialState(),
                ownerId, now);
        if (workflow.isOwnedBySelf()) {
            doc = store.setOwnerToSelf(doc.id());
        }
        store.appendTimeline(doc.id(), now, actor.name(), TimelineEntry.Kind.CREATED, null, null,
                workflow.initialState(), List.of(), null);
        return doc;
    }

    /**
     * Refuses with an {@link AccessDeniedException} unless this actor may create documents of the type for
     * this owner: one of the workflow's creators, and a customer only for their own organisation. For a
     * service to ask before it looks anything up, so that a refused permission is answered as such.
     */
    public void requireMayCreate(String docType, Long ownerId, Actor actor) {
        Workflow workflow = workflows.get(docType);
        if (!workflow.mayCreate(actor)) {
            throw new AccessDeniedException(actor.name() + " may not create a " + workflow.label().toLowerCase() + ".");
        }
        if (!actor.seesEveryOwner() && (actor.organisationId() == null || !actor.organisationId().equals(ownerId))) {
            throw new AccessDeniedException(actor.name() + " may create a " + workflow.label().toLowerCase()
                    + " only for their own organisation.");
        }
    }

    /**
     * Refuses with an {@link AccessDeniedException} unless documents of this type may be shown to this actor:
     * for a service to ask before it looks anything up, so that the answer does not depend on what exists.
     */
    public void requireMayRead(String docType, Actor actor) {
        Workflow workflow = workflows.get(docType);
        if (!workflow.mayRead(actor)) {
            throw new AccessDeniedException(actor.name() + " may not see " + workflow.label().toLowerCase() + "s.");
        }
    }

    /** Whether this actor may create documents of the type at all: whether the console offers "New". */
    public boolean mayCreate(String docType, Actor actor) {
        return workflows.get(docType).mayCreate(actor);
    }

    /**
     * Takes {@code action} on the document: refused with a {@link WorkflowException} when the workflow
     * does not allow it from the current state, with an {@link AccessDeniedException} when it does not
     * allow it to this actor.
     */
    @Transactional
    public Document apply(long documentId, String action, Actor actor, String comment) {
        Document before = lockVisible(documentId, actor);
        Workflow workflow = workflows.get(before.docType());
        Transition transition = workflow.find(before.state(), action).orElseThrow(() -> new WorkflowException(
                String.format("%s %s is %s: \"%s\" is not possible now. Possible: %s.", workflow.label(),
                        before.reference(), before.state(), action, describe(workflow.transitionsFrom(before.state())))));
        if (!transition.allows(actor)) {
            throw new AccessDeniedException(String.format("%s may not %s %s %s.", actor.name(),
                    transition.label().toLowerCase(), workflow.label().toLowerCase(), before.reference()));
        }
        String cleanComment = optionalComment(comment);
        Workflow.Numbering numbering = workflow.numbering()
                .filter(n -> n.action().equals(action) && before.number() == null).orElse(null);
        // the counter is locked before the time is read, so that numbers follow the order of their times
        String number = numbering == null ? null : references.nextNumber(numbering,
                ZonedDateTime.ofInstant(clock.instant(), numberingZone));
        OffsetDateTime now = now();
        store.updateState(documentId, transition.to(), number, now);
        store.appendTimeline(documentId, now, actor.name(), TimelineEntry.Kind.TRANSITION, action, before.state(),
                transition.to(), number == null ? List.of() : List.of(new FieldChange("number", null, number)),
                cleanComment);
        effects.of(before.docType(), action).forEach(effect -> effect.work().run(before, transition, actor));
        return store.find(documentId).orElseThrow();
    }

    /**
     * Records field changes made by a feature's service in the same transaction, after checking that the
     * document may be edited now by this actor. The title is a field like the others.
     */
    @Transactional
    public Document recordChanges(long documentId, List<FieldChange> changes, Actor actor) {
        Document doc = lockVisible(documentId, actor);
        requireEditable(doc, actor);
        if (changes.isEmpty()) {
            return doc;
        }
        OffsetDateTime now = now();
        String newTitle = changes.stream().filter(c -> c.field().equals("title")).map(FieldChange::newValue)
                .reduce((a, b) -> b).orElse(null);
        if (newTitle != null) {
            store.updateTitle(documentId, requireTitle(newTitle), now);
        } else {
            store.touch(documentId, now);
        }
        store.appendTimeline(documentId, now, actor.name(), TimelineEntry.Kind.CHANGE, null, null, null, changes, null);
        return store.find(documentId).orElseThrow();
    }

    /**
     * Records facts that nobody edits but that belong on the timeline: what a node reported, where an
     * instance was allocated. No edit permission is needed; the entry is written in the caller's
     * transaction like every other.
     */
    @Transactional
    public void recordObservation(long documentId, List<FieldChange> changes, Actor actor) {
        if (changes.isEmpty()) {
            return;
        }
        OffsetDateTime now = now();
        store.touch(documentId, now);
        store.appendTimeline(documentId, now, actor.name(), TimelineEntry.Kind.CHANGE, null, null, null, changes, null);
    }

    /**
     * {@link #recordObservation} for many documents at once, as one update and one insert: for work done
     * in batches, such as allocation, where a statement per document would cost more than the work.
     */
    @Transactional
    public void recordObservations(Map<Long, List<FieldChange>> changesByDocument, Actor actor) {
        Map<Long, List<FieldChange>> changes = changesByDocument.entrySet().stream()
                .filter(e -> !e.getValue().isEmpty())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
                        java.util.LinkedHashMap::new));
        if (changes.isEmpty()) {
            return;
        }
        OffsetDateTime now = now();
        store.touchAll(changes.keySet(), now);
        store.appendChanges(changes, now, actor.name());
    }

    /**
     * Gives the document to another owner (a customer organisation, or {@code null} for the operator),
     * as an edit: only in an editable state and by the document's creators.
     */
    @Transactional
    public Document transferOwnership(long documentId, Long newOwnerId, Actor actor) {
        Document doc = lockVisible(documentId, actor);
        requireEditable(doc, actor);
        if (java.util.Objects.equals(doc.ownerId(), newOwnerId)) {
            return doc;
        }
        String oldOwner = doc.ownerId() == null ? "operator" : store.find(doc.ownerId()).orElseThrow().reference();
        String newOwner = newOwnerId == null ? "operator"
                : store.find(newOwnerId).orElseThrow(() -> new DocumentNotFoundException("#" + newOwnerId)).reference();
        OffsetDateTime now = now();
        store.setOwner(documentId, newOwnerId, now);
        store.appendTimeline(documentId, now, actor.name(), TimelineEntry.Kind.CHANGE, null, null, null,
                List.of(new FieldChange("owner", oldOwner, newOwner)), null);
        return store.find(documentId).orElseThrow();
    }

    /**
     * Refuses with a {@link WorkflowException} unless the document may be edited in its state, with an
     * {@link AccessDeniedException} unless this actor may edit it.
     */
    public void requireEditable(Document doc, Actor actor) {
        Workflow workflow = workflows.get(doc.docType());
        if (!workflow.isEditableIn(doc.state())) {
            throw new WorkflowException(String.format("%s %s is %s and can no longer be changed.", workflow.label(),
                    doc.reference(), doc.state()));
        }
        if (!workflow.mayEdit(actor)) {
            throw new AccessDeniedException(actor.name() + " may not change " + doc.reference() + ".");
        }
    }

    public boolean canEdit(Document doc, Actor actor) {
        Workflow workflow = workflows.get(doc.docType());
        return workflow.isEditableIn(doc.state()) && workflow.mayEdit(actor) && canSee(doc, actor);
    }

    /**
     * Adds a comment to the document's timeline, which everyone who may read the document reads. Listeners of
     * {@link Commented} react in the same transaction (a ticket answered, a mail queued).
     */
    @Transactional
    public void comment(long documentId, String text, Actor actor) {
        append(documentId, text, actor, TimelineEntry.Kind.COMMENT);
    }

    /** Adds an internal note: a comment only staff read (a customer's timeline leaves it out). */
    @Transactional
    public void note(long documentId, String text, Actor actor) {
        if (!actor.isStaff()) {
            throw new AccessDeniedException(actor.name() + " may not write internal notes: only staff read them.");
        }
        append(documentId, text, actor, TimelineEntry.Kind.NOTE);
    }

    private void append(long documentId, String text, Actor actor, TimelineEntry.Kind kind) {
        Document doc = lockVisible(documentId, actor);
        String clean = optionalComment(text);
        if (clean == null) {
            throw new ValidationException("comment", "A comment cannot be empty.");
        }
        OffsetDateTime now = now();
        store.touch(doc.id(), now);
        store.appendTimeline(doc.id(), now, actor.name(), kind, null, null, null, List.of(), clean);
        events.publishEvent(new Commented(doc, actor, clean, kind == TimelineEntry.Kind.NOTE));
    }

    /** A comment or internal note was added to a document, in the transaction that is adding it. */
    public record Commented(Document document, Actor actor, String text, boolean internal) { }

    @Transactional(readOnly = true)
    public Document get(String reference, Actor actor) {
        return store.findByReference(reference).filter(d -> canSee(d, actor))
                .orElseThrow(() -> new DocumentNotFoundException(reference));
    }

    @Transactional(readOnly = true)
    public Document get(long id, Actor actor) {
        return store.find(id).filter(d -> canSee(d, actor)).orElseThrow(() -> new DocumentNotFoundException("#" + id));
    }

    /** The actions this actor may take on the document now: what the console shows as buttons. */
    public List<Transition> availableActions(Document doc, Actor actor) {
        if (!canSee(doc, actor)) {
            return List.of();
        }
        return workflows.get(doc.docType()).transitionsFrom(doc.state()).stream().filter(t -> t.allows(actor)).toList();
    }

    @Transactional(readOnly = true)
    public List<TimelineEntry> timeline(Document doc, Actor actor) {
        if (!canSee(doc, actor)) {
            throw new DocumentNotFoundException(doc.reference());
        }
        List<TimelineEntry> entries = store.timeline(doc.id());
        return actor.isStaff() ? entries
                : entries.stream().filter(e -> e.kind() != TimelineEntry.Kind.NOTE).toList();
    }

    /** Staff, nodes and the system see every document; a customer sees the documents its organisation owns. */
    public boolean canSee(Document doc, Actor actor) {
        if (!workflows.get(doc.docType()).mayRead(actor)) {
            return false;
        }
        if (actor.seesEveryOwner()) {
            return true;
        }
        return actor.organisationId() != null && actor.organisationId().equals(doc.ownerId());
    }

    /** How many documents of a type this actor can see, per state: what home pages count. */
    @Transactional(readOnly = true)
    public Map<String, Integer> countByState(String docType, Actor actor) {
        return store.countByState(docType, DocumentQueries.visibleTo(actor));
    }

    public Workflow workflow(String docType) {
        return workflows.get(docType);
    }

    /** Locks the document for the rest of the transaction; one this actor may not see is not found. */
    private Document lockVisible(long documentId, Actor actor) {
        return store.lock(documentId).filter(d -> canSee(d, actor))
                .orElseThrow(() -> new DocumentNotFoundException("#" + documentId));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    private static String requireTitle(String title) {
        String clean = title == null ? "" : title.strip();
        if (clean.isEmpty()) {
            throw new ValidationException("title", "A name is required.");
        }
        if (clean.length() > MAX_TITLE_LENGTH) {
            throw new ValidationException("title", "A name can have at most " + MAX_TITLE_LENGTH + " characters.");
        }
        return clean;
    }

    private static String optionalComment(String comment) {
        String clean = comment == null ? "" : comment.strip();
        if (clean.length() > MAX_COMMENT_LENGTH) {
            throw new ValidationException("comment", "A comment can have at most " + MAX_COMMENT_LENGTH + " characters.");
        }
        return clean.isEmpty() ? null : clean;
    }

    private static String describe(List<Transition> transitions) {
        return transitions.isEmpty() ? "none"
                : transitions.stream().map(Transition::action).collect(Collectors.joining(", "));
    }
}

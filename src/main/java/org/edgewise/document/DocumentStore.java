package org.edgewise.document;

import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.TIMELINE_ENTRY;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.edgewise.database.ArrayPairs;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Record2;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The rows behind {@link Document} and {@link TimelineEntry}. */
@Repository
class DocumentStore {

    private static final TypeReference<List<FieldChange>> CHANGES = new TypeReference<>() { };

    private final DSLContext db;
    private final ObjectMapper json;

    DocumentStore(DSLContext db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    Document insert(String docType, String reference, String title, String state, Long ownerId, OffsetDateTime now) {
        return db.insertInto(DOCUMENT)
                .set(DOCUMENT.DOC_TYPE, docType)
                .set(DOCUMENT.REFERENCE, reference)
                .set(DOCUMENT.TITLE, title)
                .set(DOCUMENT.STATE, state)
                .set(DOCUMENT.OWNER_ID, ownerId)
                .set(DOCUMENT.CREATED_AT, now)
                .set(DOCUMENT.UPDATED_AT, now)
                .returning()
                .fetchSingle(DocumentStore::toDocument);
    }

    Document setOwnerToSelf(long id) {
        return db.update(DOCUMENT).set(DOCUMENT.OWNER_ID, DOCUMENT.ID).where(DOCUMENT.ID.eq(id))
                .returning().fetchSingle(DocumentStore::toDocument);
    }

    Optional<Document> find(long id) {
        return db.selectFrom(DOCUMENT).where(DOCUMENT.ID.eq(id)).fetchOptional(DocumentStore::toDocument);
    }

    Optional<Document> findByReference(String reference) {
        return db.selectFrom(DOCUMENT).where(DOCUMENT.REFERENCE.eq(reference)).fetchOptional(DocumentStore::toDocument);
    }

    /** Locks the row until the transaction ends, so that two actions on one document queue up. */
    Optional<Document> lock(long id) {
        return db.selectFrom(DOCUMENT).where(DOCUMENT.ID.eq(id)).forUpdate().fetchOptional(DocumentStore::toDocument);
    }

    /** Moves the document to a state, giving it its legal number when the action numbers it. */
    void updateState(long id, String state, String number, OffsetDateTime now) {
        db.update(DOCUMENT)
                .set(DOCUMENT.STATE, state)
                .set(DOCUMENT.NUMBER, number == null ? DOCUMENT.NUMBER : DSL.val(number))
                .set(DOCUMENT.UPDATED_AT, now)
                .set(DOCUMENT.VERSION, DOCUMENT.VERSION.plus(1))
                .where(DOCUMENT.ID.eq(id))
                .execute();
    }

    void updateTitle(long id, String title, OffsetDateTime now) {
        db.update(DOCUMENT)
                .set(DOCUMENT.TITLE, title)
                .set(DOCUMENT.UPDATED_AT, now)
                .set(DOCUMENT.VERSION, DOCUMENT.VERSION.plus(1))
                .where(DOCUMENT.ID.eq(id))
                .execute();
    }

    void setOwner(long id, Long ownerId, OffsetDateTime now) {
        db.update(DOCUMENT)
                .set(DOCUMENT.OWNER_ID, ownerId)
                .set(DOCUMENT.UPDATED_AT, now)
                .set(DOCUMENT.VERSION, DOCUMENT.VERSION.plus(1))
                .where(DOCUMENT.ID.eq(id))
                .execute();
    }

    void touch(long id, OffsetDateTime now) {
        db.update(DOCUMENT)
                .set(DOCUMENT.UPDATED_AT, now)
                .set(DOCUMENT.VERSION, DOCUMENT.VERSION.plus(1))
                .where(DOCUMENT.ID.eq(id))
                .execute();
    }

    void touchAll(java.util.Collection<Long> ids, OffsetDateTime now) {
        db.update(DOCUMENT)
                .set(DOCUMENT.UPDATED_AT, now)
                .set(DOCUMENT.VERSION, DOCUMENT.VERSION.plus(1))
                .where(DOCUMENT.ID.eq(DSL.any(ids.toArray(Long[]::new))))
                .execute();
    }

    /** One change entry per document, in one insert of two array parameters however many documents. */
    void appendChanges(Map<Long, List<FieldChange>> changesByDocument, OffsetDateTime at, String actor) {
        ArrayPairs entries = new ArrayPairs("entry", "document_id", changesByDocument.keySet().toArray(Long[]::new),
                "changes", changesByDocument.values().stream().map(c -> toJson(c).toString()).toArray(String[]::new));
        db.insertInto(TIMELINE_ENTRY, TIMELINE_ENTRY.DOCUMENT_ID, TIMELINE_ENTRY.AT, TIMELINE_ENTRY.ACTOR,
                        TIMELINE_ENTRY.KIND, TIMELINE_ENTRY.CHANGES)
                .select(DSL.select(entries.first(Long.class), DSL.val(at), DSL.val(actor),
                                DSL.val(TimelineEntry.Kind.CHANGE.stored()),
                                DSL.field("{0}::jsonb", TIMELINE_ENTRY.CHANGES.getDataType(), entries.second(String.class)))
                        .from(entries.table()))
                .execute();
    }

    void appendTimeline(long documentId, OffsetDateTime at, String actor, TimelineEntry.Kind kind, String action,
            String fromState, String toState, List<FieldChange> changes, String comment) {
        db.insertInto(TIMELINE_ENTRY)
                .set(TIMELINE_ENTRY.DOCUMENT_ID, documentId)
                .set(TIMELINE_ENTRY.AT, at)
                .set(TIMELINE_ENTRY.ACTOR, actor)
                .set(TIMELINE_ENTRY.KIND, kind.stored())
                .set(TIMELINE_ENTRY.ACTION, action)
                .set(TIMELINE_ENTRY.FROM_STATE, fromState)
                .set(TIMELINE_ENTRY.TO_STATE, toState)
                .set(TIMELINE_ENTRY.CHANGES, changes == null || changes.isEmpty() ? null : toJson(changes))
                .set(TIMELINE_ENTRY.COMMENT, comment)
                .execute();
    }

    List<TimelineEntry> timeline(long documentId) {
        return db.selectFrom(TIMELINE_ENTRY)
                .where(TIMELINE_ENTRY.DOCUMENT_ID.eq(documentId))
                .orderBy(TIMELINE_ENTRY.ID)
                .fetch(r -> new TimelineEntry(r.getId(), r.getAt(), r.getActor(),
                        TimelineEntry.Kind.ofStored(r.getKind()), r.getAction(), r.getFromState(), r.getToState(),
                        fromJson(r.getChanges()), r.getComment()));
    }

    Map<String, Integer> countByState(String docType, Condition visible) {
        return db.select(DOCUMENT.STATE, DSL.count())
                .from(DOCUMENT)
                .where(DOCUMENT.DOC_TYPE.eq(docType).and(visible))
                .groupBy(DOCUMENT.STATE)
                .fetchMap(Record2::value1, Record2::value2);
    }

    static Document toDocument(Record r) {
        return new Document(r.get(DOCUMENT.ID), r.get(DOCUMENT.DOC_TYPE), r.get(DOCUMENT.REFERENCE),
                r.get(DOCUMENT.NUMBER), r.get(DOCUMENT.TITLE), r.get(DOCUMENT.STATE), r.get(DOCUMENT.OWNER_ID), r.get(DOCUMENT.CREATED_AT),
                r.get(DOCUMENT.UPDATED_AT), r.get(DOCUMENT.VERSION));
    }

    private JsonNode toJson(List<FieldChange> changes) {
        return json.valueToTree(changes);
    }

    private List<FieldChange> fromJson(JsonNode value) {
        return value == null ? List.of() : json.convertValue(value, CHANGES);
    }
}

package org.edgewise.party;

import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.PERSON;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.edgewise.access.Actor;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.DocumentQueries;
import org.edgewise.document.FieldChange;
import org.edgewise.document.PageRequest;
import org.edgewise.document.ValidationException;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** People: customers' contacts and staff. A person of an organisation is owned by it. */
@Service
public class Persons {

    public record Details(String name, String email, String phone, Long organisationId) { }

    public record Row(long id, String reference, String name, String state, String email, String phone,
            Long organisationId, String organisationName) { }

    private static final org.edgewise.jooq.tables.Document ORG_DOC = DOCUMENT.as("org_doc");
    private static final Map<String, Field<?>> SORT = Map.of("reference", DOCUMENT.ID, "name", DOCUMENT.TITLE,
            "state", DOCUMENT.STATE, "email", PERSON.EMAIL, "organisation", ORG_DOC.TITLE);

    private final DSLContext db;
    private final DocumentEngine engine;

    Persons(DSLContext db, DocumentEngine engine) {
        this.db = db;
        this.engine = engine;
    }

    @Transactional
    public Document create(Details details, Actor actor) {
        Details clean = clean(details, actor);
        Document doc = engine.create(PartyWorkflows.PERSON, clean.name(), clean.organisationId(), actor);
        db.insertInto(PERSON)
                .set(PERSON.ID, doc.id())
                .set(PERSON.EMAIL, clean.email())
                .set(PERSON.PHONE, clean.phone())
                .set(PERSON.ORGANISATION_ID, clean.organisationId())
                .execute();
        return doc;
    }

    @Transactional
    public Document update(long id, Details details, Actor actor) {
        Details clean = clean(details, actor);
        Row before = row(id).orElseThrow();
        if (!java.util.Objects.equals(before.organisationId(), clean.organisationId())) {
            throw new ValidationException("organisationId", "A person stays with the organisation it was created for.");
        }
        List<FieldChange> changes = new FieldChange.Collector()
                .compare("title", before.name(), clean.name())
                .compare("email", before.email(), clean.email())
                .compare("phone", before.phone(), clean.phone())
                .changes();
        Document doc = engine.recordChanges(id, changes, actor);
        db.update(PERSON)
                .set(PERSON.EMAIL, clean.email())
                .set(PERSON.PHONE, clean.phone())
                .where(PERSON.ID.eq(id))
                .execute();
        return doc;
    }

    @Transactional(readOnly = true)
    public Row get(String reference, Actor actor) {
        return row(engine.get(reference, actor).id()).orElseThrow();
    }

    @Transactional(readOnly = true)
    public List<Row> page(PageRequest page, Actor actor) {
        return select().where(DocumentQueries.visibleList(PartyWorkflows.PERSON, actor, page, PERSON.EMAIL))
                .orderBy(page.sortFields(SORT, DOCUMENT.ID.desc()))
                .offset(page.offset()).limit(page.limit())
                .fetch(Persons::toRow);
    }

    /** The people of an organisation this actor may see, by name. */
    @Transactional(readOnly = true)
    public List<Row> ofOrganisation(long organisationId, Actor actor) {
        return select().where(DOCUMENT.DOC_TYPE.eq(PartyWorkflows.PERSON)).and(DocumentQueries.visibleTo(actor))
                .and(PERSON.ORGANISATION_ID.eq(organisationId))
                .orderBy(DOCUMENT.TITLE, DOCUMENT.ID)
                .fetch(Persons::toRow);
    }

    @Transactional(readOnly = true)
    public int count(PageRequest page, Actor actor) {
        return db.fetchCount(db.select(DOCUMENT.ID).from(DOCUMENT).join(PERSON).on(PERSON.ID.eq(DOCUMENT.ID))
                .where(DocumentQueries.visibleList(PartyWorkflows.PERSON, actor, page, PERSON.EMAIL)));
    }

    private org.jooq.SelectOnConditionStep<Record> select() {
        return db.select(List.of(DOCUMENT.ID, DOCUMENT.REFERENCE, DOCUMENT.TITLE, DOCUMENT.STATE, PERSON.EMAIL, PERSON.PHONE,
                        PERSON.ORGANISATION_ID, ORG_DOC.TITLE))
                .from(DOCUMENT).join(PERSON).on(PERSON.ID.eq(DOCUMENT.ID))
                .leftJoin(ORG_DOC).on(ORG_DOC.ID.eq(PERSON.ORGANISATION_ID));
    }

    private Optional<Row> row(long id) {
        return select().where(DOCUMENT.ID.eq(id)).fetchOptional(Persons::toRow);
    }

    private Details clean(Details d, Actor actor) {
        if (d.organisationId() != null) {
            Document org = engine.get(d.organisationId(), actor);
            if (!org.docType().equals(PartyWorkflows.ORGANISATION)) {
                throw new ValidationException("organisationId", "Choose an organisation.");
            }
        }
        return new Details(Validation.required("name", "Name", d.name()), Validation.email(d.email()),
                Validation.optional("phone", "Phone", d.phone()), d.organisationId());
    }

    private static Row toRow(Record r) {
        return new Row(r.get(DOCUMENT.ID), r.get(DOCUMENT.REFERENCE), r.get(DOCUMENT.TITLE), r.get(DOCUMENT.STATE),
                r.get(PERSON.EMAIL), r.get(PERSON.PHONE), r.get(PERSON.ORGANISATION_ID), r.get(ORG_DOC.TITLE));
    }

}

package org.edgewise.party;

import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.ORGANISATION;
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
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Customer organisations: the tenants that own instance trees, invoices and tickets. */
@Service
public class Organisations {

    public record Details(String name, String email, String vatNumber, String address) { }

    public record Row(long id, String reference, String name, String state, String email, String vatNumber,
            String address) { }

    private static final Map<String, Field<?>> SORT = Map.of("reference", DOCUMENT.ID, "name", DOCUMENT.TITLE,
            "state", DOCUMENT.STATE, "email", ORGANISATION.EMAIL);

    private final DSLContext db;
    private final DocumentEngine engine;

    Organisations(DSLContext db, DocumentEngine engine) {
        this.db = db;
        this.engine = engine;
    }

    @Transactional
    public Document create(Details details, Actor actor) {
        Details clean = Validation.clean(details);
        Document doc = engine.create(PartyWorkflows.ORGANISATION, clean.name(), null, actor);
        db.insertInto(ORGANISATION)
                .set(ORGANISATION.ID, doc.id())
                .set(ORGANISATION.EMAIL, clean.email())
                .set(ORGANISATION.VAT_NUMBER, clean.vatNumber())
                .set(ORGANISATION.ADDRESS, clean.address())
                .execute();
        return doc;
    }

    @Transactional
    public Document update(long id, Details details, Actor actor) {
        Details clean = Validation.clean(details);
        Row before = row(id).orElseThrow();
        List<FieldChange> changes = new FieldChange.Collector()
                .compare("title", before.name(), clean.name())
                .compare("email", before.email(), clean.email())
                .compare("VAT number", before.vatNumber(), clean.vatNumber())
                .compare("address", before.address(), clean.address())
                .changes();
        Document doc = engine.recordChanges(id, changes, actor);
        db.update(ORGANISATION)
                .set(ORGANISATION.EMAIL, clean.email())
                .set(ORGANISATION.VAT_NUMBER, clean.vatNumber())
                .set(ORGANISATION.ADDRESS, clean.address())
                .where(ORGANISATION.ID.eq(id))
                .execute();
        return doc;
    }

    /**
     * Whether every upgrade proposed for the organisation's services is accepted at once, as soon as the new version
     * passed its tests, instead of waiting for someone of the organisation to accept it.
     */
    @Transactional
    public Document acceptUpgrades(long id, boolean accepts, Actor actor) {
        Document doc = engine.recordChanges(id, new FieldChange.Collector()
                .compare("accepts upgrades", acceptsUpgrades(id) ? "yes" : "no", accepts ? "yes" : "no").changes(), actor);
        db.update(ORGANISATION).set(ORGANISATION.ACCEPTS_UPGRADES, accepts).where(ORGANISATION.ID.eq(id)).execute();
        return doc;
    }

    @Transactional(readOnly = true)
    public boolean acceptsUpgrades(long id) {
        return Boolean.TRUE.equals(db.select(ORGANISATION.ACCEPTS_UPGRADES).from(ORGANISATION)
                .where(ORGANISATION.ID.eq(id)).fetchOne(ORGANISATION.ACCEPTS_UPGRADES));
    }

    @Transactional(readOnly = true)
    public Row get(String reference, Actor actor) {
        Document doc = engine.get(reference, actor);
        return row(doc.id()).orElseThrow();
    }

    @Transactional(readOnly = true)
    public List<Row> page(PageRequest page, Actor actor) {
        return db.select(DOCUMENT.ID, DOCUMENT.REFERENCE, DOCUMENT.TITLE, DOCUMENT.STATE, ORGANISATION.EMAIL,
                        ORGANISATION.VAT_NUMBER, ORGANISATION.ADDRESS)
                .from(DOCUMENT).join(ORGANISATION).on(ORGANISATION.ID.eq(DOCUMENT.ID))
                .where(DocumentQueries.visibleList(PartyWorkflows.ORGANISATION, actor, page, ORGANISATION.EMAIL))
                .orderBy(page.sortFields(SORT, DOCUMENT.ID.desc()))
                .offset(page.offset()).limit(page.limit())
                .fetch(Organisations::toRow);
    }

    @Transactional(readOnly = true)
    public int count(PageRequest page, Actor actor) {
        return db.fetchCount(db.select(DOCUMENT.ID).from(DOCUMENT).join(ORGANISATION).on(ORGANISATION.ID.eq(DOCUMENT.ID))
                .where(DocumentQueries.visibleList(PartyWorkflows.ORGANISATION, actor, page, ORGANISATION.EMAIL)));
    }

    /** Active organisations, for choosing the customer of a user or a person. */
    @Transactional(readOnly = true)
    public List<Row> active(Actor actor) {
        return page(new PageRequest(null, PartyWorkflows.ACTIVE, List.of(new PageRequest.Sort("name", true)), 0, 1000), actor);
    }

    /**
     * Where mails to the organisation go: its own address, or else the addresses of its active people; empty
     * when it has none. For the Master's own mails (invoices, reminders), so it asks for no actor.
     */
    @Transactional(readOnly = true)
    public List<String> mailRecipients(long organisationId) {
        String own = db.select(ORGANISATION.EMAIL).from(ORGANISATION).where(ORGANISATION.ID.eq(organisationId))
                .fetchOne(ORGANISATION.EMAIL);
        if (own != null && !own.isBlank()) {
            return List.of(own);
        }
        return db.selectDistinct(PERSON.EMAIL).from(PERSON).join(DOCUMENT).on(DOCUMENT.ID.eq(PERSON.ID))
                .where(PERSON.ORGANISATION_ID.eq(organisationId).and(DOCUMENT.STATE.eq(PartyWorkflows.ACTIVE))
                        .and(PERSON.EMAIL.isNotNull()).and(PERSON.EMAIL.ne("")))
                .orderBy(PERSON.EMAIL).fetch(PERSON.EMAIL);
    }

    private Optional<Row> row(long id) {
        return db.select(DOCUMENT.ID, DOCUMENT.REFERENCE, DOCUMENT.TITLE, DOCUMENT.STATE, ORGANISATION.EMAIL,
                        ORGANISATION.VAT_NUMBER, ORGANISATION.ADDRESS)
                .from(DOCUMENT).join(ORGANISATION).on(ORGANISATION.ID.eq(DOCUMENT.ID))
                .where(DOCUMENT.ID.eq(id))
                .fetchOptional(Organisations::toRow);
    }

    private static Row toRow(Record r) {
        return new Row(r.get(DOCUMENT.ID), r.get(DOCUMENT.REFERENCE), r.get(DOCUMENT.TITLE), r.get(DOCUMENT.STATE),
                r.get(ORGANISATION.EMAIL), r.get(ORGANISATION.VAT_NUMBER), r.get(ORGANISATION.ADDRESS));
    }
}

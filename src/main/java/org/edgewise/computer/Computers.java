package org.edgewise.computer;

import static org.edgewise.jooq.Tables.COMPUTER;
import static org.edgewise.jooq.Tables.COMPUTER_CONTACT;
import static org.edgewise.jooq.Tables.DOCUMENT;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

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

/** Compute nodes of the infrastructure, managed by operators. */
@Service
public class Computers {

    public static final int MAX_CAPACITY = 100_000;
    private static final Pattern HOSTNAME = Pattern.compile("^[A-Za-z0-9]([A-Za-z0-9.-]{0,252})$");

    public record Details(String name, String hostname, String region, int capacity, String description) { }

    public record Row(long id, String reference, String name, String state, String hostname, String region,
            int capacity, String description, OffsetDateTime lastContactAt) { }

    private static final Map<String, Field<?>> SORT = Map.of("reference", DOCUMENT.ID, "name", DOCUMENT.TITLE,
            "state", DOCUMENT.STATE, "hostname", COMPUTER.HOSTNAME, "region", COMPUTER.REGION,
            "capacity", COMPUTER.CAPACITY, "lastContact", COMPUTER_CONTACT.LAST_CONTACT_AT);

    private final DSLContext db;
    private final DocumentEngine engine;
    private final PlanVersions plans;

    Computers(DSLContext db, DocumentEngine engine, PlanVersions plans) {
        this.db = db;
        this.engine = engine;
        this.plans = plans;
    }

    @Transactional
    public Document create(Details details, Actor actor) {
        Details clean = clean(details);
        Document doc = engine.create(ComputerWorkflows.TYPE, clean.name(), null, actor);
        db.insertInto(COMPUTER)
                .set(COMPUTER.ID, doc.id())
                .set(COMPUTER.HOSTNAME, clean.hostname())
                .set(COMPUTER.REGION, clean.region())
                .set(COMPUTER.CAPACITY, clean.capacity())
                .set(COMPUTER.DESCRIPTION, clean.description())
                .execute();
        return doc;
    }

    @Transactional
    public Document update(long id, Details details, Actor actor) {
        Details clean = clean(details);
        Row before = row(id).orElseThrow();
        List<FieldChange> changes = new FieldChange.Collector()
                .compare("title", before.name(), clean.name())
                .compare("hostname", before.hostname(), clean.hostname())
                .compare("region", before.region(), clean.region())
                .compare("capacity", before.capacity(), clean.capacity())
                .compare("description", before.description(), clean.description())
                .changes();
        Document doc = engine.recordChanges(id, changes, actor);
        db.update(COMPUTER)
                .set(COMPUTER.HOSTNAME, clean.hostname())
                .set(COMPUTER.REGION, clean.region())
                .set(COMPUTER.CAPACITY, clean.capacity())
                .set(COMPUTER.DESCRIPTION, clean.description())
                .where(COMPUTER.ID.eq(id))
                .execute();
        return doc;
    }

    /**
     * Makes the computer a private edge of a customer organisation (allocation scope "personal": only
     * that customer's instances are placed there), or gives it back to the operator with {@code null}.
     */
    @Transactional
    public Document makePrivateFor(long computerId, Long organisationId, Actor actor) {
        if (organisationId != null && !engine.get(organisationId, actor).docType().equals("organisation")) {
            throw new ValidationException("organisationId", "A private edge belongs to a customer organisation.");
        }
        Document doc = engine.transferOwnership(computerId, organisationId, actor);
        plans.bump(computerId);
        return doc;
    }

    @Transactional(readOnly = true)
    public Row get(String reference, Actor actor) {
        engine.requireMayRead(ComputerWorkflows.TYPE, actor);
        Document doc = engine.get(reference, actor);
        return row(doc.id()).filter(r -> doc.docType().equals(ComputerWorkflows.TYPE))
                .orElseThrow(() -> new org.edgewise.document.DocumentNotFoundException(reference));
    }

    @Transactional(readOnly = true)
    public List<Row> page(PageRequest page, Actor actor) {
        engine.requireMayRead(ComputerWorkflows.TYPE, actor);
        return select().where(DocumentQueries.visibleList(ComputerWorkflows.TYPE, actor, page, COMPUTER.HOSTNAME,
                        COMPUTER.REGION))
                .orderBy(page.sortFields(SORT, DOCUMENT.ID.desc()))
                .offset(page.offset()).limit(page.limit())
                .fetch(Computers::toRow);
    }

    @Transactional(readOnly = true)
    public int count(PageRequest page, Actor actor) {
        engine.requireMayRead(ComputerWorkflows.TYPE, actor);
        return db.fetchCount(select().where(DocumentQueries.visibleList(ComputerWorkflows.TYPE, actor, page,
                COMPUTER.HOSTNAME, COMPUTER.REGION)));
    }

    private org.jooq.SelectOnConditionStep<Record> select() {
        return db.select(List.of(DOCUMENT.ID, DOCUMENT.REFERENCE, DOCUMENT.TITLE, DOCUMENT.STATE, COMPUTER.HOSTNAME,
                        COMPUTER.REGION, COMPUTER.CAPACITY, COMPUTER.DESCRIPTION, COMPUTER_CONTACT.LAST_CONTACT_AT))
                .from(DOCUMENT).join(COMPUTER).on(COMPUTER.ID.eq(DOCUMENT.ID))
                .leftJoin(COMPUTER_CONTACT).on(COMPUTER_CONTACT.COMPUTER_ID.eq(COMPUTER.ID));
    }

    private Optional<Row> row(long id) {
        return select().where(DOCUMENT.ID.eq(id)).fetchOptional(Computers::toRow);
    }

    private static Details clean(Details d) {
        String name = d.name() == null ? "" : d.name().strip();
        if (name.isEmpty()) {
            throw new ValidationException("name", "Name is required.");
        }
        String hostname = d.hostname() == null || d.hostname().isBlank() ? null : d.hostname().strip();
        if (hostname != null && !HOSTNAME.matcher(hostname).matches()) {
            throw new ValidationException("hostname", "\"" + hostname + "\" is not a host name.");
        }
        if (d.capacity() < 0 || d.capacity() > MAX_CAPACITY) {
            throw new ValidationException("capacity", "Capacity is a number of partitions from 0 to " + MAX_CAPACITY
                    + ".");
        }
        String region = d.region() == null || d.region().isBlank() ? null : d.region().strip();
        if (region != null && region.length() > 100) {
            throw new ValidationException("region", "A region has at most 100 characters.");
        }
        String description = d.description() == null || d.description().isBlank() ? null : d.description().strip();
        if (description != null && description.length() > 2000) {
            throw new ValidationException("description", "A description has at most 2000 characters.");
        }
        return new Details(name, hostname, region, d.capacity(), description);
    }

    private static Row toRow(Record r) {
        return new Row(r.get(DOCUMENT.ID), r.get(DOCUMENT.REFERENCE), r.get(DOCUMENT.TITLE), r.get(DOCUMENT.STATE),
                r.get(COMPUTER.HOSTNAME), r.get(COMPUTER.REGION), r.get(COMPUTER.CAPACITY), r.get(COMPUTER.DESCRIPTION),
                r.get(COMPUTER_CONTACT.LAST_CONTACT_AT));
    }
}

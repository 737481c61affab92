package org.edgewise.computer;

import static org.edgewise.jooq.Tables.COMPUTER;
import static org.edgewise.jooq.Tables.COMPUTER_CONTACT;
import static org.edgewise.jooq.Tables.DOCUMENT;

import java.time.Clock;
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
import org.edgewise.document.State;
import org.edgewise.document.Tone;
import org.edgewise.document.ValidationException;
import org.edgewise.ui.Formats;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;

import org.springframework.transaction.annotation.Transactional;

/** Compute nodes of the infrastructure, managed by operators. */
@Service
public class Computers {

    public static final int MAX_CAPACITY = 100_000;
    private static final Pattern HOSTNAME = Pattern.compile("^[A-Za-z0-9]([A-Za-z0-9.-]{0,252})$");

    public record Details(String name, String hostname, String region, int capacity, String description) { }

    public record Row(long id, String reference, String name, String state, String hostname, String region,
            int capacity, String description, OffsetDateTime lastContactAt, boolean forTests) { }

    /** Whether a computer's node keeps in contact, the status its list filters by. */
    public enum Contact {
        IN_CONTACT("in contact"),
        SILENT("node silent"),
        NEVER("never in contact"),
        DECOMMISSIONED("decommissioned");

        private final String label;

        Contact(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The name deep links use, e.g. {@code ?contact=silent}. */
        public String parameter() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        public static Optional<Contact> ofParameter(String parameter) {
            return java.util.Arrays.stream(values()).filter(c -> c.parameter().equals(parameter)).findFirst();
        }
    }

    private static final Map<String, Field<?>> SORT = Map.of("reference", DOCUMENT.ID, "name", DOCUMENT.TITLE,
            "state", DOCUMENT.STATE, "hostname", COMPUTER.HOSTNAME, "region", COMPUTER.REGION,
            "capacity", COMPUTER.CAPACITY, "lastContact", COMPUTER_CONTACT.LAST_CONTACT_AT);

    private final DSLContext db;
    private final DocumentEngine engine;
    private final PlanVersions plans;
    private final Silence silence;
    private final Clock clock;

    Computers(DSLContext db, DocumentEngine engine, PlanVersions plans, Silence silence, Clock clock) {
        this.db = db;
        this.engine = engine;
        this.plans = plans;
        this.silence = silence;
        this.clock = clock;
    }

    /** Where the computer stands as to its node's contact; decommissioned ones are out of the question. */
    public Contact contact(Row row) {
        if (row.state().equals(ComputerWorkflows.DECOMMISSIONED)) {
            return Contact.DECOMMISSIONED;
        }
        if (row.lastContactAt() == null) {
            return Contact.NEVER;
        }
        return silence.isSilent(row.lastContactAt()) ? Contact.SILENT : Contact.IN_CONTACT;
    }

    /**
     * What is true of the computer, as one badge beside its state: "in contact", "node silent for 12 min",
     * "never in contact". A silent node is a danger while its computer is open for allocation, a warning else.
     */
    public State status(Row row) {
        Contact contact = contact(row);
        boolean open = row.state().equals(ComputerWorkflows.OPEN);
        return switch (contact) {
            case IN_CONTACT -> new State("in-contact", contact.label(), Tone.SUCCESS, false);
            case SILENT -> new State("silent", "node silent for " + Formats.age(silence.silentFor(row.lastContactAt())),
                    open ? Tone.DANGER : Tone.WARNING, false);
            case NEVER -> new State("never", contact.label(), open ? Tone.WARNING : Tone.PROGRESS, false);
            case DECOMMISSIONED -> new State("decommissioned", contact.label(), Tone.NEUTRAL, true);
        };
    }

    /** When its node was last in contact, as an age: "42 s ago", or "never". */
    public String lastContact(Row row) {
        return Formats.ago(row.lastContactAt(), OffsetDateTime.now(clock), "never");
    }

    /** How many computers this actor may see are in each contact status. */
    @Transactional(readOnly = true)
    public Map<Contact, Integer> countByContact(Actor actor) {
        engine.requireMayRead(ComputerWorkflows.TYPE, actor);
        Map<Contact, Integer> counts = new java.util.EnumMap<>(Contact.class);
        for (Contact contact : Contact.values()) {
            counts.put(contact, db.fetchCount(select().where(DOCUMENT.DOC_TYPE.eq(ComputerWorkflows.TYPE))
                    .and(DocumentQueries.visibleTo(actor)).and(inContactStatus(contact))));
        }
        return counts;
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
     * Makes the computer a test computer, which takes only the scratch trees of test runs (and what they request),
     * or an ordinary one again. Instances placed there already stay.
     */
    @Transactional
    public Document useForTests(long computerId, boolean forTests, Actor actor) {
        Row before = row(computerId).orElseThrow();
        Document doc = engine.recordChanges(computerId, new FieldChange.Collector()
                .compare("test computer", before.forTests() ? "yes" : "no", forTests ? "yes" : "no").changes(), actor);
        db.update(COMPUTER).set(COMPUTER.FOR_TESTS, forTests).where(COMPUTER.ID.eq(computerId)).execute();
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
        return page(page, null, actor);
    }

    /** A page of the computers in a contact status, or in any with {@code null}. */
    @Transactional(readOnly = true)
    public List<Row> page(PageRequest page, Contact contact, Actor actor) {
        engine.requireMayRead(ComputerWorkflows.TYPE, actor);
        return select().where(DocumentQueries.visibleList(ComputerWorkflows.TYPE, actor, page, COMPUTER.HOSTNAME,
                        COMPUTER.REGION)).and(inContactStatus(contact))
                .orderBy(page.sortFields(SORT, DOCUMENT.ID.desc()))
                .offset(page.offset()).limit(page.limit())
                .fetch(Computers::toRow);
    }

    @Transactional(readOnly = true)
    public int count(PageRequest page, Actor actor) {
        return count(page, null, actor);
    }

    @Transactional(readOnly = true)
    public int count(PageRequest page, Contact contact, Actor actor) {
        engine.requireMayRead(ComputerWorkflows.TYPE, actor);
        return db.fetchCount(select().where(DocumentQueries.visibleList(ComputerWorkflows.TYPE, actor, page,
                COMPUTER.HOSTNAME, COMPUTER.REGION)).and(inContactStatus(contact)));
    }

    /** {@link #contact} in SQL, with the moment {@link Silence} gives for it. */
    private Condition inContactStatus(Contact contact) {
        if (contact == null) {
            return DSL.noCondition();
        }
        Condition inService = DOCUMENT.STATE.ne(ComputerWorkflows.DECOMMISSIONED);
        OffsetDateTime silentBefore = silence.silentIfContactBefore();
        Field<OffsetDateTime> last = COMPUTER_CONTACT.LAST_CONTACT_AT;
        return switch (contact) {
            case DECOMMISSIONED -> DOCUMENT.STATE.eq(ComputerWorkflows.DECOMMISSIONED);
            case NEVER -> inService.and(last.isNull());
            case SILENT -> silentBefore == null ? DSL.falseCondition() : inService.and(last.lt(silentBefore));
            case IN_CONTACT -> inService.and(last.isNotNull())
                    .and(silentBefore == null ? DSL.noCondition() : last.ge(silentBefore));
        };
    }

    private org.jooq.SelectOnConditionStep<Record> select() {
        return db.select(List.of(DOCUMENT.ID, DOCUMENT.REFERENCE, DOCUMENT.TITLE, DOCUMENT.STATE, COMPUTER.HOSTNAME,
                        COMPUTER.REGION, COMPUTER.CAPACITY, COMPUTER.DESCRIPTION, COMPUTER_CONTACT.LAST_CONTACT_AT,
                        COMPUTER.FOR_TESTS))
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
                r.get(COMPUTER_CONTACT.LAST_CONTACT_AT), r.get(COMPUTER.FOR_TESTS));
    }
}

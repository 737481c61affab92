package org.edgewise.instance;

import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.INSTANCE;
import static org.edgewise.jooq.Tables.PARTITION;

import java.util.List;
import java.util.Optional;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;
import org.springframework.stereotype.Repository;

/** Reads instances with their document, tree reference and place. */
@Repository
class InstanceStore {

    static final org.edgewise.jooq.tables.Document TREE_DOC = DOCUMENT.as("tree_doc");
    static final org.edgewise.jooq.tables.Document COMPUTER_DOC = DOCUMENT.as("computer_doc");

    private final DSLContext db;

    InstanceStore(DSLContext db) {
        this.db = db;
    }

    Optional<InstanceInfo> find(long id) {
        return select().where(INSTANCE.ID.eq(id)).fetchOptional(InstanceStore::toInfo);
    }

    Optional<InstanceInfo> findByReference(String reference) {
        return select().where(DOCUMENT.REFERENCE.eq(reference)).fetchOptional(InstanceStore::toInfo);
    }

    Optional<InstanceInfo> findInTree(long treeId, String title) {
        return select().where(INSTANCE.TREE_ID.eq(treeId).and(INSTANCE.TITLE.eq(title))).fetchOptional(InstanceStore::toInfo);
    }

    List<InstanceInfo> where(Condition condition) {
        return select().where(condition).orderBy(INSTANCE.ID).fetch(InstanceStore::toInfo);
    }

    SelectOnConditionStep<Record> select() {
        return db.select(List.of(INSTANCE.ID, DOCUMENT.REFERENCE, TREE_DOC.REFERENCE, INSTANCE.TREE_ID,
                        INSTANCE.REQUESTER_INSTANCE_ID, INSTANCE.TITLE, INSTANCE.RELEASE_URL, INSTANCE.SOFTWARE_TYPE,
                        INSTANCE.PARAMETERS, INSTANCE.SLA, INSTANCE.SHARED, INSTANCE.OFFERED_FOR_SHARING, DOCUMENT.STATE,
                        COMPUTER_DOC.REFERENCE, PARTITION.NAME, PARTITION.ADDRESS, INSTANCE.PARTITION_ID,
                        INSTANCE.HOST_INSTANCE_ID, INSTANCE.ALLOCATION_NOTE, INSTANCE.CONNECTION_PARAMETERS, INSTANCE.REPORTED_STATE,
                        INSTANCE.ERROR_LOG, INSTANCE.CHANGED_AT))
                .from(INSTANCE)
                .join(DOCUMENT).on(DOCUMENT.ID.eq(INSTANCE.ID))
                .join(TREE_DOC).on(TREE_DOC.ID.eq(INSTANCE.TREE_ID))
                .leftJoin(PARTITION).on(PARTITION.ID.eq(INSTANCE.PARTITION_ID))
                .leftJoin(COMPUTER_DOC).on(COMPUTER_DOC.ID.eq(PARTITION.COMPUTER_ID));
    }

    static InstanceInfo toInfo(Record r) {
        return new InstanceInfo(r.get(INSTANCE.ID), r.get(DOCUMENT.REFERENCE), r.get(TREE_DOC.REFERENCE),
                r.get(INSTANCE.TREE_ID), r.get(INSTANCE.REQUESTER_INSTANCE_ID), r.get(INSTANCE.TITLE),
                r.get(INSTANCE.RELEASE_URL), r.get(INSTANCE.SOFTWARE_TYPE), r.get(INSTANCE.PARAMETERS),
                r.get(INSTANCE.SLA), r.get(INSTANCE.SHARED), r.get(INSTANCE.OFFERED_FOR_SHARING),
                r.get(DOCUMENT.STATE), r.get(COMPUTER_DOC.REFERENCE), r.get(PARTITION.NAME), r.get(PARTITION.ADDRESS),
                r.get(INSTANCE.PARTITION_ID), r.get(INSTANCE.HOST_INSTANCE_ID), r.get(INSTANCE.ALLOCATION_NOTE),
                r.get(INSTANCE.CONNECTION_PARAMETERS), r.get(INSTANCE.REPORTED_STATE), r.get(INSTANCE.ERROR_LOG),
                r.get(INSTANCE.CHANGED_AT));
    }
}

package org.edgewise.instance;

import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.INSTANCE;
import static org.edgewise.jooq.Tables.INSTANCE_HEALTH;
import static org.edgewise.jooq.Tables.PARTITION;
import static org.edgewise.jooq.Tables.SOFTWARE_INSTALLATION;
import static org.edgewise.jooq.Tables.SOFTWARE_RELEASE;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.edgewise.catalog.CatalogWorkflows;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * Reads instances with their document, tree reference, place, owner, what their promises last said and whether
 * the build of their release keeps failing where they are, and says what is true of each ({@link ServiceTruth}).
 */
@Repository
class InstanceStore {

    static final org.edgewise.jooq.tables.Document TREE_DOC = DOCUMENT.as("tree_doc");
    static final org.edgewise.jooq.tables.Document COMPUTER_DOC = DOCUMENT.as("computer_doc");
    static final org.edgewise.jooq.tables.Document OWNER_DOC = DOCUMENT.as("owner_doc");

    private static final org.edgewise.jooq.tables.SoftwareInstallation FAILED = SOFTWARE_INSTALLATION.as("failed");
    private static final org.edgewise.jooq.tables.Document FAILED_DOC = DOCUMENT.as("failed_doc");
    private static final Field<Integer> FAILED_ATTEMPTS = DSL.field(DSL.name("failed_build", "attempts"), Integer.class);
    private static final Field<String> FAILED_LOG = DSL.field(DSL.name("failed_build", "log"), String.class);

    private final DSLContext db;
    private final Clock clock;

    InstanceStore(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    Optional<InstanceInfo> find(long id) {
        return select().where(INSTANCE.ID.eq(id)).fetchOptional(this::toInfo);
    }

    Optional<InstanceInfo> findByReference(String reference) {
        return select().where(DOCUMENT.REFERENCE.eq(reference)).fetchOptional(this::toInfo);
    }

    Optional<InstanceInfo> findInTree(long treeId, String title) {
        return select().where(INSTANCE.TREE_ID.eq(treeId).and(INSTANCE.TITLE.eq(title))).fetchOptional(this::toInfo);
    }

    List<InstanceInfo> where(Condition condition) {
        return select().where(condition).orderBy(INSTANCE.ID).fetch(this::toInfo);
    }

    SelectOnConditionStep<Record> select() {
        return db.select(List.of(INSTANCE.ID, DOCUMENT.REFERENCE, TREE_DOC.REFERENCE, INSTANCE.TREE_ID,
                        INSTANCE.REQUESTER_INSTANCE_ID, INSTANCE.TITLE, INSTANCE.RELEASE_URL, INSTANCE.SOFTWARE_TYPE,
                        INSTANCE.PARAMETERS, INSTANCE.SLA, INSTANCE.SHARED, INSTANCE.OFFERED_FOR_SHARING, DOCUMENT.STATE,
                        COMPUTER_DOC.REFERENCE, PARTITION.NAME, PARTITION.ADDRESS, INSTANCE.PARTITION_ID,
                        INSTANCE.HOST_INSTANCE_ID, INSTANCE.ALLOCATION_NOTE, INSTANCE.CONNECTION_PARAMETERS, INSTANCE.REPORTED_STATE,
                        INSTANCE.ERROR_LOG, INSTANCE.CHANGED_AT, INSTANCE.REPORTED_AT, INSTANCE_HEALTH.HEALTHY,
                        INSTANCE_HEALTH.FAILING_PROMISE, INSTANCE_HEALTH.MESSAGE, INSTANCE_HEALTH.SINCE, FAILED_ATTEMPTS,
                        FAILED_LOG, OWNER_DOC.TITLE))
                .from(INSTANCE)
                .join(DOCUMENT).on(DOCUMENT.ID.eq(INSTANCE.ID))
                .join(TREE_DOC).on(TREE_DOC.ID.eq(INSTANCE.TREE_ID))
                .leftJoin(PARTITION).on(PARTITION.ID.eq(INSTANCE.PARTITION_ID))
                .leftJoin(COMPUTER_DOC).on(COMPUTER_DOC.ID.eq(PARTITION.COMPUTER_ID))
                .leftJoin(OWNER_DOC).on(OWNER_DOC.ID.eq(DOCUMENT.OWNER_ID))
                .leftJoin(INSTANCE_HEALTH).on(INSTANCE_HEALTH.INSTANCE_ID.eq(INSTANCE.ID))
                .leftJoin(failedBuild()).on(DSL.trueCondition());
    }

    /**
     * The most retried failing build of the instance's release: on its computer when it is placed, on any
     * computer it is supplied to when not (whether those fit the instance is the allocator's explanation to say).
     */
    private static Table<?> failedBuild() {
        return DSL.lateral(DSL.select(FAILED.BUILD_ATTEMPTS.as("attempts"), FAILED.ERROR_LOG.as("log"))
                .from(FAILED)
                .join(FAILED_DOC).on(FAILED_DOC.ID.eq(FAILED.ID).and(FAILED_DOC.STATE.eq(CatalogWorkflows.AVAILABLE)))
                .join(SOFTWARE_RELEASE).on(SOFTWARE_RELEASE.ID.eq(FAILED.RELEASE_ID))
                .where(SOFTWARE_RELEASE.URL.eq(INSTANCE.RELEASE_URL))
                .and(FAILED.BUILD_ATTEMPTS.gt(0))
                .and(FAILED.REPORTED_STATE.in(CatalogWorkflows.ERROR, CatalogWorkflows.BUILDING))
                .and(PARTITION.COMPUTER_ID.isNull().or(FAILED.COMPUTER_ID.eq(PARTITION.COMPUTER_ID)))
                .orderBy(FAILED.BUILD_ATTEMPTS.desc())
                .limit(1)).as("failed_build");
    }

    InstanceInfo toInfo(Record r) {
        Boolean healthy = r.get(INSTANCE_HEALTH.HEALTHY);
        InstanceInfo.Promises promises = healthy == null ? null : new InstanceInfo.Promises(healthy,
                r.get(INSTANCE_HEALTH.FAILING_PROMISE), r.get(INSTANCE_HEALTH.MESSAGE), r.get(INSTANCE_HEALTH.SINCE));
        Integer attempts = r.get(FAILED_ATTEMPTS);
        InstanceInfo.BuildFailure build = attempts == null ? null : new InstanceInfo.BuildFailure(attempts, r.get(FAILED_LOG));
        InstanceInfo instance = new InstanceInfo(r.get(INSTANCE.ID), r.get(DOCUMENT.REFERENCE), r.get(TREE_DOC.REFERENCE),
                r.get(INSTANCE.TREE_ID), r.get(INSTANCE.REQUESTER_INSTANCE_ID), r.get(INSTANCE.TITLE),
                r.get(INSTANCE.RELEASE_URL), r.get(INSTANCE.SOFTWARE_TYPE), r.get(INSTANCE.PARAMETERS),
                r.get(INSTANCE.SLA), r.get(INSTANCE.SHARED), r.get(INSTANCE.OFFERED_FOR_SHARING),
                r.get(DOCUMENT.STATE), r.get(COMPUTER_DOC.REFERENCE), r.get(PARTITION.NAME), r.get(PARTITION.ADDRESS),
                r.get(INSTANCE.PARTITION_ID), r.get(INSTANCE.HOST_INSTANCE_ID), r.get(INSTANCE.ALLOCATION_NOTE),
                r.get(INSTANCE.CONNECTION_PARAMETERS), r.get(INSTANCE.REPORTED_STATE), r.get(INSTANCE.ERROR_LOG),
                r.get(INSTANCE.CHANGED_AT), r.get(INSTANCE.REPORTED_AT), promises, build, r.get(OWNER_DOC.TITLE), null);
        return instance.withStatus(ServiceTruth.status(instance.requestedState(), instance, now()));
    }

    OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}

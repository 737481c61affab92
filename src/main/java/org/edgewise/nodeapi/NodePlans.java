package org.edgewise.nodeapi;

import static org.edgewise.jooq.Tables.COMPUTER;
import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.INSTANCE;
import static org.edgewise.jooq.Tables.PARTITION;
import static org.edgewise.jooq.Tables.SOFTWARE_INSTALLATION;
import static org.edgewise.jooq.Tables.SOFTWARE_RELEASE;
import static org.edgewise.jooq.Tables.TEST_RESULT;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.edgewise.instance.InstanceWorkflows;
import org.edgewise.testing.TestingWorkflows;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/** Everything a node must do, in one answer: software to have, partitions and the instances in them. */
@Service
class NodePlans {

    record Plan(String computer, long planVersion, int nextPollSeconds, List<Software> software,
            List<PartitionPlan> partitions) { }

    record Software(String url, String requestedState, String reportedState) { }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PartitionPlan(String name, String address, String state, InstancePlan instance) { }

    record InstancePlan(String reference, String tree, String title, String releaseUrl, String softwareType,
            JsonNode parameters, String requestedState, OffsetDateTime changedAt, JsonNode connectionParameters,
            List<Child> children, List<Shared> sharedInstances, @JsonInclude(JsonInclude.Include.NON_NULL) TestRun test) { }

    /** On the root instance of a test run's scratch tree: the result to report its tests to, and their time limit. */
    record TestRun(String result, int timeoutSeconds) { }

    record Child(String reference, String title, String requestedState, String reportedState, boolean allocated,
            JsonNode connectionParameters) { }

    record Shared(String reference, String title, String softwareType, JsonNode parameters, String requestedState,
            OffsetDateTime changedAt, JsonNode connectionParameters) { }

    private static final org.edgewise.jooq.tables.Document SI_DOC = DOCUMENT.as("si_doc");
    private static final org.edgewise.jooq.tables.Instance CHILD = INSTANCE.as("child");
    private static final org.edgewise.jooq.tables.Document CHILD_DOC = DOCUMENT.as("child_doc");
    private static final org.edgewise.jooq.tables.Document TEST_DOC = DOCUMENT.as("test_doc");

    private final DSLContext db;

    NodePlans(DSLContext db) {
        this.db = db;
    }

    @Transactional(readOnly = true)
    Plan plan(long computerId, int nextPollSeconds) {
        var head = db.select(DOCUMENT.REFERENCE, COMPUTER.PLAN_VERSION).from(COMPUTER).join(DOCUMENT)
                .on(DOCUMENT.ID.eq(COMPUTER.ID)).where(COMPUTER.ID.eq(computerId)).fetchSingle();
        List<Software> software = db.select(SOFTWARE_RELEASE.URL, SI_DOC.STATE, SOFTWARE_INSTALLATION.REPORTED_STATE)
                .from(SOFTWARE_INSTALLATION)
                .join(SI_DOC).on(SI_DOC.ID.eq(SOFTWARE_INSTALLATION.ID))
                .join(SOFTWARE_RELEASE).on(SOFTWARE_RELEASE.ID.eq(SOFTWARE_INSTALLATION.RELEASE_ID))
                .where(SOFTWARE_INSTALLATION.COMPUTER_ID.eq(computerId))
                .orderBy(SOFTWARE_INSTALLATION.ID)
                .fetch(r -> new Software(r.value1(), r.value2(), r.value3()));

        var partitions = db.select(PARTITION.NAME, PARTITION.ADDRESS, PARTITION.STATE, INSTANCE.ID, DOCUMENT.REFERENCE,
                        INSTANCE.TITLE, INSTANCE.RELEASE_URL, INSTANCE.SOFTWARE_TYPE, INSTANCE.PARAMETERS, DOCUMENT.STATE,
                        INSTANCE.CHANGED_AT, INSTANCE.CONNECTION_PARAMETERS, INSTANCE.TREE_ID, INSTANCE.REQUESTER_INSTANCE_ID)
                .from(PARTITION)
                .leftJoin(INSTANCE).on(INSTANCE.ID.eq(PARTITION.INSTANCE_ID))
                .leftJoin(DOCUMENT).on(DOCUMENT.ID.eq(INSTANCE.ID))
                .where(PARTITION.COMPUTER_ID.eq(computerId).and(PARTITION.STATE.ne("inactive")))
                .orderBy(PARTITION.ID)
                .fetch();
        List<Long> instanceIds = partitions.stream().map(r -> r.get(INSTANCE.ID)).filter(java.util.Objects::nonNull).toList();
        Map<Long, String> treeRefs = instanceIds.isEmpty() ? Map.of()
                : db.select(DOCUMENT.ID, DOCUMENT.REFERENCE).from(DOCUMENT)
                        .where(DOCUMENT.ID.in(partitions.stream().map(r -> r.get(INSTANCE.TREE_ID))
                                .filter(java.util.Objects::nonNull).toList()))
                        .fetchMap(r -> r.value1(), r -> r.value2());
        Map<Long, List<Child>> children = instanceIds.isEmpty() ? Map.of()
                : db.select(CHILD.REQUESTER_INSTANCE_ID, CHILD_DOC.REFERENCE, CHILD.TITLE, CHILD_DOC.STATE,
                                CHILD.REPORTED_STATE, CHILD.PARTITION_ID, CHILD.CONNECTION_PARAMETERS)
                        .from(CHILD).join(CHILD_DOC).on(CHILD_DOC.ID.eq(CHILD.ID))
                        .where(CHILD.REQUESTER_INSTANCE_ID.in(instanceIds))
                        .orderBy(CHILD.ID)
                        .fetchGroups(r -> r.value1(), r -> new Child(r.value2(), r.value3(), r.value4(), r.value5(),
                                r.value6() != null, r.value7()));
        Map<Long, List<Shared>> shared = instanceIds.isEmpty() ? Map.of()
                : db.select(CHILD.HOST_INSTANCE_ID, CHILD_DOC.REFERENCE, CHILD.TITLE, CHILD.SOFTWARE_TYPE, CHILD.PARAMETERS,
                                CHILD_DOC.STATE, CHILD.CHANGED_AT, CHILD.CONNECTION_PARAMETERS)
                        .from(CHILD).join(CHILD_DOC).on(CHILD_DOC.ID.eq(CHILD.ID))
                        .where(CHILD.HOST_INSTANCE_ID.in(instanceIds).and(CHILD.SHARED.isTrue())
                                .and(CHILD.REPORTED_STATE.isDistinctFrom(InstanceWorkflows.DESTROYED)))
                        .orderBy(CHILD.ID)
                        .fetchGroups(r -> r.value1(), r -> new Shared(r.value2(), r.value3(), r.value4(),
                                r.value5(), r.value6(), r.value7(), r.value8()));
        Map<Long, TestRun> tests = instanceIds.isEmpty() ? Map.of()
                : db.select(TEST_RESULT.TREE_ID, TEST_DOC.REFERENCE, TEST_RESULT.TIME_LIMIT).from(TEST_RESULT)
                        .join(TEST_DOC).on(TEST_DOC.ID.eq(TEST_RESULT.ID))
                        .where(TEST_RESULT.TREE_ID.in(treeRefs.keySet()))
                        .and(TEST_DOC.STATE.eq(TestingWorkflows.RUNNING))
                        .fetchMap(r -> r.value1(), r -> new TestRun(r.value2(), r.value3()));
        List<PartitionPlan> plans = new ArrayList<>();
        for (var r : partitions) {
            Long id = r.get(INSTANCE.ID);
            InstancePlan instance = id == null ? null
                    : new InstancePlan(r.get(DOCUMENT.REFERENCE), treeRefs.get(r.get(INSTANCE.TREE_ID)),
                            r.get(INSTANCE.TITLE), r.get(INSTANCE.RELEASE_URL), r.get(INSTANCE.SOFTWARE_TYPE),
                            r.get(INSTANCE.PARAMETERS), r.get(DOCUMENT.STATE), r.get(INSTANCE.CHANGED_AT),
                            r.get(INSTANCE.CONNECTION_PARAMETERS), children.getOrDefault(id, List.of()),
                            shared.getOrDefault(id, List.of()), r.get(INSTANCE.REQUESTER_INSTANCE_ID) == null
                                    ? tests.get(r.get(INSTANCE.TREE_ID)) : null);
            plans.add(new PartitionPlan(r.get(PARTITION.NAME), r.get(PARTITION.ADDRESS), r.get(PARTITION.STATE), instance));
        }
        return new Plan(head.value1(), head.value2(), nextPollSeconds, software, plans);
    }

    /** Which instance a reference names, if it is placed on this computer (its own or a hosted shared one). */
    @Transactional(readOnly = true)
    java.util.Optional<Long> instanceOn(long computerId, String reference) {
        return db.select(INSTANCE.ID).from(INSTANCE)
                .join(DOCUMENT).on(DOCUMENT.ID.eq(INSTANCE.ID))
                .join(PARTITION).on(PARTITION.ID.eq(INSTANCE.PARTITION_ID))
                .where(DOCUMENT.REFERENCE.eq(reference).and(PARTITION.COMPUTER_ID.eq(computerId)))
                .fetchOptional(INSTANCE.ID);
    }

    static String etag(long planVersion) {
        return "\"plan-" + planVersion + "\"";
    }

}

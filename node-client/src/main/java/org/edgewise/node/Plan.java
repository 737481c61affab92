package org.edgewise.node;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * Everything the Master asks of this node, as {@code GET /api/node/v1/plan} serves it: the releases to have
 * (or to remove) and the partitions with the instance placed in each. PlanContractTest (in the node client and
 * on the Master) keeps these records and the Master's answer field for field alike.
 *
 * <p>A field the node does not know is skipped when a plan is read, so that a node keeps working beside a newer
 * Master; free-form parameters stay JSON, since releases receive them as they were requested.
 */
record Plan(String computer, Long planVersion, Integer nextPollSeconds, List<Installation> software,
        List<Partition> partitions) {

    private static final ObjectReader READER = Master.JSON.readerFor(Plan.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    Plan {
        software = software == null ? List.of() : software;
        partitions = partitions == null ? List.of() : partitions;
    }

    static Plan read(JsonNode body) throws IOException {
        return READER.readValue(body);
    }

    /** A release this computer must have ({@code available}) or remove ({@code destroyed}), and what was reported. */
    record Installation(String url, String requestedState, String reportedState) {

        boolean isToRemove() {
            return "destroyed".equals(requestedState);
        }
    }

    /** A partition of this computer; {@code instance} is absent while it is free. */
    record Partition(String name, String address, String state, Instance instance) { }

    /**
     * The instance placed in a partition. {@code changedAt} is compared, never interpreted: the Master moves it
     * whenever the instance must be processed again. {@code test} is there only for the root instance of a
     * scratch tree, whose release's tests the node runs once it is started.
     */
    record Instance(String reference, String tree, String title, String releaseUrl, String softwareType,
            JsonNode parameters, String requestedState, String changedAt, JsonNode connectionParameters,
            List<Child> children, List<SharedInstance> sharedInstances, Test test) {

        Instance {
            children = children == null ? List.of() : children;
            sharedInstances = sharedInstances == null ? List.of() : sharedInstances;
        }
    }

    /**
     * A test run the Master queued: the reference the results are reported to, and the Master's copy of the
     * release's time limit for its tests (the node keeps to the smaller of the two).
     */
    record Test(String result, Integer timeoutSeconds) { }

    /** An instance this instance requested, wherever it is placed, with what it published. */
    record Child(String reference, String title, String requestedState, String reportedState, Boolean allocated,
            JsonNode connectionParameters) { }

    /** A shared instance hosted inside this instance's partition. */
    record SharedInstance(String reference, String title, String softwareType, JsonNode parameters,
            String requestedState, String changedAt, JsonNode connectionParameters) { }
}

package org.edgewise.instance;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One instance as the API and the console show it; its JSON columns as JSON values. {@code status} is what is
 * true of it ({@link ServiceTruth}), from what was asked, what its node reported, its promises and its build.
 */
public record InstanceInfo(
        @JsonIgnore long id,
        String reference,
        String tree,
        @JsonIgnore long treeId,
        @JsonIgnore Long requesterId,
        String title,
        String releaseUrl,
        String softwareType,
        JsonNode parameters,
        JsonNode sla,
        boolean shared,
        boolean offeredForSharing,
        String requestedState,
        String computer,
        String partition,
        String address,
        @JsonIgnore Long partitionId,
        @JsonIgnore Long hostInstanceId,
        String allocationNote,
        JsonNode connectionParameters,
        String reportedState,
        String errorLog,
        OffsetDateTime changedAt,
        OffsetDateTime reportedAt,
        @JsonIgnore Promises promises,
        @JsonIgnore BuildFailure buildFailure,
        String owner,
        ServiceTruth.Status status) {

    /** What its node last said of its promises: all holding, or which one fails with what message, and since when. */
    public record Promises(boolean healthy, String failingPromise, String message, OffsetDateTime since) { }

    /** The build of its release keeps failing where it is placed (or, unplaced, where it could be). */
    public record BuildFailure(int attempts, String log) { }

    /** Requested destroyed, or reported destroyed by its node: what it published is no longer in use. */
    public boolean destroyed() {
        return requestedState.equals(InstanceWorkflows.DESTROYED) || InstanceWorkflows.DESTROYED.equals(reportedState);
    }

    public boolean allocated() {
        return shared ? hostInstanceId != null : partitionId != null;
    }

    /** The same instance with what is true of it, once its facts are read. */
    InstanceInfo withStatus(ServiceTruth.Status truth) {
        return new InstanceInfo(id, reference, tree, treeId, requesterId, title, releaseUrl, softwareType, parameters,
                sla, shared, offeredForSharing, requestedState, computer, partition, address, partitionId,
                hostInstanceId, allocationNote, connectionParameters, reportedState, errorLog, changedAt, reportedAt,
                promises, buildFailure, owner, truth);
    }
}

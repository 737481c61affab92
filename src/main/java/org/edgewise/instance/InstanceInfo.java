package org.edgewise.instance;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;

/** One instance as the API and the console show it; its JSON columns as JSON values. */
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
        OffsetDateTime changedAt) {

    /** Requested destroyed, or reported destroyed by its node: what it published is no longer in use. */
    public boolean destroyed() {
        return requestedState.equals(InstanceWorkflows.DESTROYED) || InstanceWorkflows.DESTROYED.equals(reportedState);
    }

    public boolean allocated() {
        return shared ? hostInstanceId != null : partitionId != null;
    }
}

package org.edgewise.instance;

import java.time.OffsetDateTime;

import org.edgewise.document.Tone;
import org.edgewise.ui.Formats;

/**
 * What is true of a service, said in one line for its owner: what was asked (the tree's state) combined with
 * what the node last reported of its root instance and with its health, the promises the node checks (a
 * failing promise is reported as an error with the promise's message). Where the two differ, both are said:
 * "stopping: still running, asked to stop".
 */
public final class ServiceTruth {

    /** The line shown, its tone, and whether the node reports the service answering now. */
    public record Status(String text, Tone tone, boolean running) { }

    /** The promises' verdict: none while the service is not running, else holding or failing with their message. */
    public record Health(Verdict verdict, String text) { }

    public enum Verdict { NOT_CHECKED, HEALTHY, FAILING }

    private ServiceTruth() {
    }

    /**
     * @param treeState  what was asked of the service (the tree's state)
     * @param root       its root instance as stored, with what its node reported
     * @param reportedAt when the node last reported it, if ever
     */
    public static Status status(String treeState, InstanceInfo root, OffsetDateTime reportedAt) {
        Status status = truth(treeState, root, reportedAt);
        return new Status(withoutReleaseUrl(status.text(), root), status.tone(), status.running());
    }

    private static Status truth(String treeState, InstanceInfo root, OffsetDateTime reportedAt) {
        String reported = root.reportedState();
        String since = reportedAt == null ? "" : " since " + Formats.when(reportedAt, "");
        if (treeState.equals(InstanceWorkflows.DESTROYED) || treeState.equals(InstanceWorkflows.ARCHIVED)) {
            if (!root.allocated() || InstanceWorkflows.DESTROYED.equals(reported)) {
                return new Status("Destroyed", Tone.NEUTRAL, false);
            }
            return new Status("Being destroyed: its node has not confirmed yet", Tone.PROGRESS, false);
        }
        boolean askedToRun = treeState.equals(InstanceWorkflows.STARTED);
        if (!root.allocated()) {
            String waiting = InstanceDisplay.waiting(root.allocationNote());
            return askedToRun ? new Status(waiting, Tone.WARNING, false)
                    : new Status("Stopped. " + waiting, Tone.WARNING, false);
        }
        if (InstanceWorkflows.ERROR.equals(reported)) {
            return new Status((askedToRun ? "Failing" : "Stopped, in error") + since + ": " + message(root.errorLog()),
                    Tone.DANGER, false);
        }
        if (askedToRun) {
            if (reported == null) {
                return new Status("Starting: placed, its node has not reported yet", Tone.PROGRESS, false);
            }
            return switch (reported) {
                case InstanceWorkflows.STARTED -> new Status("Running", Tone.SUCCESS, true);
                case InstanceWorkflows.STOPPED -> new Status("Starting: still stopped" + since + ", asked to start",
                        Tone.PROGRESS, false);
                default -> new Status("Gone from its node" + since + ", asked to run", Tone.DANGER, false);
            };
        }
        if (InstanceWorkflows.STARTED.equals(reported)) {
            return new Status("Stopping: still running, asked to stop", Tone.PROGRESS, true);
        }
        return new Status("Stopped", Tone.WARNING, false);
    }

    /** A failing promise is reported as an error with its message; a running service's promises all hold. */
    public static Health health(InstanceInfo root) {
        if (InstanceWorkflows.ERROR.equals(root.reportedState())) {
            return new Health(Verdict.FAILING, withoutReleaseUrl("Failing: " + message(root.errorLog()), root));
        }
        if (InstanceWorkflows.STARTED.equals(root.reportedState()) && !root.destroyed()) {
            return new Health(Verdict.HEALTHY, "Healthy: every check passes");
        }
        return new Health(Verdict.NOT_CHECKED, "Not checked while it is not running");
    }

    /**
     * The release's URL is where the provider keeps its software, not the customer's business: the allocator's
     * explanations and nodes' logs name it, and the customer reads "this version" instead.
     */
    private static String withoutReleaseUrl(String text, InstanceInfo root) {
        return text.replace(root.releaseUrl(), "this version");
    }

    /** The last line of the node's log, which names the failing check. */
    private static String message(String errorLog) {
        return WaitExplanation.lastLine(errorLog);
    }
}

package org.edgewise.instance;

import java.time.OffsetDateTime;

import org.edgewise.catalog.Installations;
import org.edgewise.document.Tone;
import org.edgewise.ui.Formats;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What is true of a service or instance, said in one line for its owner: what was asked combined with what the
 * node last reported, with its health (the promises the node checks) and with the build of its release. Where
 * the two differ, both are said: "stopping: still running, asked to stop". Every list, page, card and API
 * answer takes its status from here.
 */
public final class ServiceTruth {

    /** What a status is, for counting: the home page's cards count services by it. */
    public enum Kind { RUNNING, STARTING, FAILING, BUILD_FAILED, WAITING, STOPPING, STOPPED, GONE, DESTROYING, DESTROYED;

        /** Whether someone should look at it: it fails, or its node lost it. */
        public boolean failing() {
            return this == FAILING || this == BUILD_FAILED || this == GONE;
        }
    }

    /**
     * The line shown and its tone; {@code asked} is what was asked (the requested state), shown beside the line
     * where the truth is not what was asked.
     */
    public record Status(String text, @JsonIgnore Tone tone, String asked, @JsonIgnore Kind kind) {

        /** Whether the truth is what was asked: then the asked state need not be shown beside it. */
        @JsonIgnore
        public boolean matchesAsked() {
            return kind == Kind.RUNNING || kind == Kind.STOPPED || kind == Kind.DESTROYED;
        }

        /** The tone as stylesheets and API clients name it, e.g. {@code danger}. */
        @JsonProperty("tone")
        public String toneName() {
            return tone.cssName();
        }
    }

    /** The promises' verdict: none while the service is not running, else holding or failing with their message. */
    public record Health(Verdict verdict, String text) { }

    public enum Verdict { NOT_CHECKED, HEALTHY, FAILING }

    private ServiceTruth() {
    }

    /**
     * @param asked    what was asked of it: the tree's state for a service, the requested state for an instance
     * @param instance the instance (a service's root) as stored, with what its node reported
     * @param now      the Master's time, against which "since" is written
     */
    public static Status status(String asked, InstanceInfo instance, OffsetDateTime now) {
        Status status = truth(asked, instance, now);
        return new Status(withoutReleaseUrl(status.text(), instance), status.tone(), asked, status.kind());
    }

    private static Status truth(String asked, InstanceInfo instance, OffsetDateTime now) {
        String reported = instance.reportedState();
        String since = instance.reportedAt() == null ? "" : " since " + Formats.since(instance.reportedAt(), now);
        if (asked.equals(InstanceWorkflows.DESTROYED) || asked.equals(InstanceWorkflows.ARCHIVED)) {
            if (!instance.allocated() || InstanceWorkflows.DESTROYED.equals(reported)) {
                return status("Destroyed", Tone.NEUTRAL, Kind.DESTROYED);
            }
            return status("Being destroyed: its node has not confirmed yet", Tone.PROGRESS, Kind.DESTROYING);
        }
        boolean askedToRun = asked.equals(InstanceWorkflows.STARTED);
        InstanceInfo.BuildFailure build = instance.buildFailure();
        if (!instance.allocated()) {
            if (build != null && WaitExplanation.isBuildFailure(instance.allocationNote())) {
                return status(buildFailed(build), Tone.DANGER, Kind.BUILD_FAILED);
            }
            String waiting = InstanceDisplay.waiting(instance.allocationNote());
            return askedToRun ? status(waiting, Tone.WARNING, Kind.WAITING)
                    : status("Stopped. " + waiting, Tone.WARNING, Kind.STOPPED);
        }
        if (build != null && reported == null) {
            return status(buildFailed(build), Tone.DANGER, Kind.BUILD_FAILED);
        }
        if (InstanceWorkflows.ERROR.equals(reported)) {
            return status((askedToRun ? "Failing" : "Stopped, in error") + since + ": " + message(instance.errorLog()),
                    Tone.DANGER, askedToRun ? Kind.FAILING : Kind.STOPPED);
        }
        if (askedToRun) {
            if (reported == null) {
                return status("Starting: placed, its node has not reported yet", Tone.PROGRESS, Kind.STARTING);
            }
            return switch (reported) {
                case InstanceWorkflows.STARTED -> running(instance.promises(), now);
                case InstanceWorkflows.STOPPED -> status("Starting: still stopped" + since + ", asked to start",
                        Tone.PROGRESS, Kind.STARTING);
                default -> status("Gone from its node" + since + ", asked to run", Tone.DANGER, Kind.GONE);
            };
        }
        if (InstanceWorkflows.STARTED.equals(reported)) {
            return status("Stopping: still running, asked to stop", Tone.PROGRESS, Kind.STOPPING);
        }
        return status("Stopped", Tone.WARNING, Kind.STOPPED);
    }

    /** Running as asked, unless a promise fails: then it fails since the promises said so. */
    private static Status running(InstanceInfo.Promises promises, OffsetDateTime now) {
        if (promises == null || promises.healthy()) {
            return status("Running", Tone.SUCCESS, Kind.RUNNING);
        }
        return status("Failing since " + Formats.since(promises.since(), now) + ": " + promiseMessage(promises),
                Tone.DANGER, Kind.FAILING);
    }

    /** A failing promise's health, else a running service's promises all hold. */
    public static Health health(InstanceInfo root) {
        InstanceInfo.Promises promises = root.promises();
        boolean started = InstanceWorkflows.STARTED.equals(root.reportedState()) && !root.destroyed();
        if (started && promises != null && !promises.healthy()) {
            return new Health(Verdict.FAILING, withoutReleaseUrl("Failing: " + promiseMessage(promises), root));
        }
        if (InstanceWorkflows.ERROR.equals(root.reportedState())) {
            return new Health(Verdict.FAILING, withoutReleaseUrl("Failing: " + message(root.errorLog()), root));
        }
        if (started) {
            return new Health(Verdict.HEALTHY, "Healthy: every check passes");
        }
        return new Health(Verdict.NOT_CHECKED, "Not checked while it is not running");
    }

    private static Status status(String text, Tone tone, Kind kind) {
        return new Status(text, tone, null, kind);
    }

    private static String buildFailed(InstanceInfo.BuildFailure build) {
        String said = Installations.buildFailed(build.attempts(), build.log());
        return Character.toUpperCase(said.charAt(0)) + said.substring(1);
    }

    /** "check-site: HTTP 503": the failing promise and what it said, either alone when the other is missing. */
    private static String promiseMessage(InstanceInfo.Promises promises) {
        String name = promises.failingPromise() == null || promises.failingPromise().isBlank() ? null
                : promises.failingPromise();
        String message = promises.message() == null || promises.message().isBlank() ? null
                : Formats.errorLine(promises.message(), WaitExplanation.MAX_LOG_LINE);
        if (name == null) {
            return message == null ? "a promise fails" : message;
        }
        return message == null ? name + " fails" : name + ": " + message;
    }

    /**
     * The release's URL is where the provider keeps its software, not the customer's business: the allocator's
     * explanations and nodes' logs name it, and the customer reads "this version" instead.
     */
    private static String withoutReleaseUrl(String text, InstanceInfo instance) {
        return text.replace(instance.releaseUrl(), "this version");
    }

    /** The line of the node's log that says what failed. */
    private static String message(String errorLog) {
        return WaitExplanation.lastLine(errorLog);
    }
}

package org.edgewise.nodeapi;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.edgewise.access.Actor;
import org.edgewise.instance.InstanceWorkflows;
import org.edgewise.catalog.Catalog;
import org.edgewise.catalog.Installations;
import org.edgewise.computer.Partitions;
import org.edgewise.instance.InstanceInfo;
import org.edgewise.instance.InstanceLifecycle;
import org.edgewise.instance.InstanceRequests;
import org.edgewise.monitoring.HealthReports;
import org.edgewise.testing.TestResults;
import org.edgewise.usage.UsageBatches;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * The API node clients use. A node sees and changes only its own computer, its partitions, its software
 * and the instances placed on it; every write can be repeated safely.
 */
@RestController
@RequestMapping(NodeApiController.BASE)
@Tag(name = "Node API", description = "For node clients, authenticated with their computer's credential")
class NodeApiController {

    static final String BASE = "/api/node/v1";
    static final String NEXT_POLL = "Edgewise-Next-Poll";
    /** A log a node reports is kept to its last 20,000 characters; more than this is refused. */
    static final int MAX_LOG = 100_000;
    static final int REFERENCE_MAX = 40;

    record EnrolRequest(@NotBlank @Size(max = 200) String token) { }

    record FormatRequest(@NotNull @Size(max = Partitions.MAX_PARTITIONS) List<Partitions.@NotNull @Valid Spec> partitions) { }

    record SoftwareReport(@NotBlank @Size(max = Catalog.MAX_URL_LENGTH) String url,
            @NotBlank @Pattern(regexp = "building|available|error|destroyed",
                    message = "is building, available, error or destroyed") String state,
            @Size(max = MAX_LOG) String log) { }

    record StateReport(@NotBlank @Pattern(regexp = "started|stopped|destroyed|error",
            message = "is started, stopped, destroyed or error") String state, @Size(max = MAX_LOG) String log,
            @Size(max = Catalog.MAX_URL_LENGTH) String release) { }

    record TestLine(@NotBlank @Size(max = TestResults.MAX_NAME) String name,
            @NotBlank @Pattern(regexp = "passed|failed|error|skipped", message = "is passed, failed, error or skipped")
            String status, @PositiveOrZero @Max(TestResults.MAX_DURATION_MS) Long durationMs,
            @Size(max = MAX_LOG) String message, @Size(max = MAX_LOG) String log) { }

    record TestReport(Boolean timedOut, @NotNull @Size(max = TestResults.MAX_LINES) List<@NotNull @Valid TestLine> lines) { }

    record HealthReport(@NotNull Boolean healthy, @Size(max = HealthReports.MAX_PROMISE) String promise,
            @Size(max = MAX_LOG) String message) { }

    record ConnectionReport(@NotNull @JsonSetter(contentNulls = Nulls.SET) Map<String, Object> parameters) { }

    record Answer(String reference, String result) { }

    record ChildAnswer(String status, Integer retryAfterSeconds, String reason, InstanceInfo instance) { }

    private final Enrolment enrolment;
    private final NodePlans plans;
    private final Partitions partitions;
    private final Installations installations;
    private final InstanceRequests requests;
    private final InstanceLifecycle lifecycle;
    private final UsageBatches usage;
    private final HealthReports health;
    private final TestResults testResults;
    private final int pollSeconds;

    NodeApiController(Enrolment enrolment, NodePlans plans, Partitions partitions, Installations installations,
            InstanceRequests requests, InstanceLifecycle lifecycle, UsageBatches usage, HealthReports health,
            TestResults testResults, @Value("${edgewise.node.poll-interval:PT30S}") Duration pollInterval) {
        this.enrolment = enrolment;
        this.plans = plans;
        this.partitions = partitions;
        this.installations = installations;
        this.requests = requests;
        this.lifecycle = lifecycle;
        this.usage = usage;
        this.health = health;
        this.testResults = testResults;
        this.pollSeconds = pollSeconds(pollInterval);
    }

    /** What nodes are told in Edgewise-Next-Poll: whole seconds, at least one. */
    static int pollSeconds(Duration pollInterval) {
        return (int) Math.max(1, pollInterval.toSeconds());
    }

    @PostMapping("/enrol")
    @Operation(summary = "Exchange a one-time enrolment token for the computer's credential")
    Enrolment.Credential enrol(@Valid @RequestBody EnrolRequest request) {
        return enrolment.enrol(request.token());
    }

    @GetMapping("/plan")
    @Operation(summary = "Everything the node must do; 304 when nothing changed since the ETag given")
    ResponseEntity<NodePlans.Plan> plan(@RequestAttribute(NodeAuthFilter.NODE) NodeDirectory.Node node,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        if (ifNoneMatch != null && ifNoneMatch.equals(NodePlans.etag(node.planVersion()))) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(ifNoneMatch)
                    .header(NEXT_POLL, Integer.toString(pollSeconds)).build();
        }
        NodePlans.Plan plan = plans.plan(node.computerId(), pollSeconds);
        return ResponseEntity.ok().eTag(NodePlans.etag(plan.planVersion()))
                .header(NEXT_POLL, Integer.toString(pollSeconds)).body(plan);
    }

    @PutMapping("/format")
    @Operation(summary = "Report the computer's partitions")
    List<Partitions.Partition> format(@RequestAttribute(NodeAuthFilter.NODE) NodeDirectory.Node node,
            @Valid @RequestBody FormatRequest request) {
        return partitions.format(node.computerId(), request.partitions(), actor(node));
    }

    @PutMapping("/software")
    @Operation(summary = "Report the state of a software release on the computer (building, available, error, destroyed)")
    Installations.Installation software(@RequestAttribute(NodeAuthFilter.NODE) NodeDirectory.Node node,
            @Valid @RequestBody SoftwareReport report) {
        return installations.report(node.computerId(), report.url(), report.state(), report.log(), actor(node));
    }

    @PutMapping("/instances/{reference}/state")
    @Operation(summary = "Report the state of an instance on the computer (started, stopped, destroyed, error)")
    Answer state(@RequestAttribute(NodeAuthFilter.NODE) NodeDirectory.Node node, @PathVariable @Size(max = REFERENCE_MAX) String reference,
            @Valid @RequestBody StateReport report) {
        lifecycle.reportState(instanceOn(node, reference), report.state(), report.log(), report.release(), actor(node));
        return new Answer(reference, report.state());
    }

    @PutMapping("/test-results/{reference}")
    @Operation(summary = "Report the lines of a test run on the computer; the first report gives the verdict, a later"
            + " one is refused with 409, a run that is not on this computer (or none) with 403")
    Answer testResult(@RequestAttribute(NodeAuthFilter.NODE) NodeDirectory.Node node,
            @PathVariable @Size(max = REFERENCE_MAX) String reference, @Valid @RequestBody TestReport report) {
        List<TestResults.Line> lines = report.lines().stream()
                .map(l -> new TestResults.Line(l.name(), l.status(), l.durationMs(), l.message(), l.log())).toList();
        TestResults.Result result = testResults.report(node.computerId(), reference,
                new TestResults.Report(Boolean.TRUE.equals(report.timedOut()), lines), actor(node));
        return new Answer(reference, result.state());
    }

    @PutMapping("/instances/{reference}/health")
    @Operation(summary = "Report an instance's health: whether its promises hold, else the failing promise and its "
            + "last line; sent when the verdict changes and periodically")
    HealthReports.Health health(@RequestAttribute(NodeAuthFilter.NODE) NodeDirectory.Node node,
            @PathVariable @Size(max = REFERENCE_MAX) String reference, @Valid @RequestBody HealthReport report) {
        return health.report(instanceOn(node, reference), report.healthy(), report.promise(), report.message(),
                actor(node));
    }

    @PutMapping("/instances/{reference}/connection")
    @Operation(summary = "Publish an instance's connection parameters; its requester is banged when they change")
    Answer connection(@RequestAttribute(NodeAuthFilter.NODE) NodeDirectory.Node node, @PathVariable @Size(max = REFERENCE_MAX) String reference,
            @Valid @RequestBody ConnectionReport report) {
        boolean changed = lifecycle.reportConnection(instanceOn(node, reference), report.parameters(), actor(node));
        return new Answer(reference, changed ? "changed" : "unchanged");
    }

    @PostMapping("/instances/{reference}/children")
    @Operation(summary = "Request (or update) a child instance; 202 with a reason while it is not allocated yet")
    ResponseEntity<ChildAnswer> child(@RequestAttribute(NodeAuthFilter.NODE) NodeDirectory.Node node,
            @PathVariable @Size(max = REFERENCE_MAX) String reference, @Valid @RequestBody InstanceRequests.Request request) {
        InstanceInfo child = requests.requestChild(instanceOn(node, reference), request, actor(node));
        if (child.allocated() || child.requestedState().equals(InstanceWorkflows.DESTROYED)) {
            return ResponseEntity.ok(new ChildAnswer("allocated", null, null, child));
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).header(HttpHeaders.RETRY_AFTER, Integer.toString(pollSeconds))
                .body(new ChildAnswer("pending", pollSeconds, child.allocationNote(), child));
    }

    @PostMapping("/instances/{reference}/bang")
    @Operation(summary = "Ask for every instance of the tree to be processed again")
    Answer bang(@RequestAttribute(NodeAuthFilter.NODE) NodeDirectory.Node node, @PathVariable @Size(max = REFERENCE_MAX) String reference) {
        lifecycle.bang(instanceOn(node, reference), actor(node));
        return new Answer(reference, "banged");
    }

    @PostMapping("/usage")
    @Operation(summary = "Report what the instances on the computer used, in a batch named by the node: a batch "
            + "sent again is answered as a duplicate and counted once; one record of an instance placed elsewhere "
            + "refuses the whole batch (403)")
    UsageBatches.Receipt usage(@RequestAttribute(NodeAuthFilter.NODE) NodeDirectory.Node node,
            @Valid @RequestBody UsageBatches.Batch batch) {
        return usage.store(node.computerId(), node.reference(), batch);
    }

    private long instanceOn(NodeDirectory.Node node, String reference) {
        return plans.instanceOn(node.computerId(), reference).orElseThrow(() -> new AccessDeniedException(
                node.reference() + " may not act on " + reference + ": it is not placed on this computer."));
    }

    private static Actor actor(NodeDirectory.Node node) {
        return Actor.node(node.reference());
    }
}

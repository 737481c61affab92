package org.edgewise.testing;

import java.util.List;

import org.edgewise.security.CurrentUser;
import org.edgewise.web.Created;
import org.edgewise.web.RequesterApi;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Test results for staff's scripts: queue a run of a release's tests, list the results of a release or a
 * product, read one with its lines (those that failed first).
 */
@RequesterApi
class TestResultApiController {

    /** Named apart from the invoice runs' request, as the API description names each body by its type's name. */
    record TestRunRequest(@NotBlank @Size(max = RequesterApi.REFERENCE_MAX) String release) { }

    record ResultWithLines(TestResults.Result result, List<TestResults.Line> lines) { }

    private final TestResults results;
    private final CurrentUser currentUser;

    TestResultApiController(TestResults results, CurrentUser currentUser) {
        this.results = results;
        this.currentUser = currentUser;
    }

    @PostMapping("/test-results")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Queue a run of a release's tests (operators); it starts once a test computer is free")
    Created queue(@Valid @RequestBody TestRunRequest request) {
        return Created.of(results.queue(request.release(), currentUser.actor()));
    }

    @GetMapping("/test-results")
    @Operation(summary = "Test results, newest first: of one release (release=SR-…) or one product (product=PRD-…)")
    List<TestResults.Result> list(@RequestParam(required = false) @Size(max = RequesterApi.REFERENCE_MAX) String release,
            @RequestParam(required = false) @Size(max = RequesterApi.REFERENCE_MAX) String product,
            @RequestParam(defaultValue = "50") @Min(1) @Max(1000) int limit) {
        return results.history(release, product, limit, currentUser.actor());
    }

    @GetMapping("/test-results/{reference}")
    @Operation(summary = "One test result with its lines, those that failed first")
    ResultWithLines show(@PathVariable @Size(max = RequesterApi.REFERENCE_MAX) String reference) {
        TestResults.Result result = results.get(reference, currentUser.actor());
        return new ResultWithLines(result, results.lines(result.id()));
    }
}

package org.edgewise.usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.edgewise.instance.Trees;
import org.edgewise.security.CurrentUser;
import org.edgewise.web.RequesterApi;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** For customers, staff and scripts: what services used in a billing month. */
@RequesterApi
class UsageApiController {

    /**
     * The totals of a month: its instants, and per group the quantity of each metric in its own unit
     * ({@code cpu_seconds}, {@code uptime_seconds}: seconds; {@code memory_peak_bytes}, {@code disk_bytes}: bytes;
     * {@code counter:NAME}: a count).
     */
    record UsageReport(String period, String timeZone, Instant start, Instant end, String groupBy, List<Group> groups) { }

    record Group(String reference, String title, Map<String, BigDecimal> usage) { }

    private final UsageTotals totals;
    private final BillingMonths months;
    private final Trees trees;
    private final CurrentUser currentUser;

    UsageApiController(UsageTotals totals, BillingMonths months, Trees trees, CurrentUser currentUser) {
        this.totals = totals;
        this.months = months;
        this.trees = trees;
        this.currentUser = currentUser;
    }

    @GetMapping("/usage")
    @Operation(summary = "Usage totals of a billing month (a calendar month of the billing time zone), per service, "
            + "instance, customer or computer (the last two for staff); a customer sees only their own")
    UsageReport usage(
            @Parameter(description = "The month, e.g. 2026-12; the current one when absent")
            @RequestParam(required = false) @Size(max = 7) @Pattern(regexp = "\\d{4}-\\d{2}",
                    message = "is a month such as 2026-12") String period,
            @Parameter(description = "tree (the default), instance, customer or computer")
            @RequestParam(defaultValue = "tree") @Size(max = 20) @Pattern(regexp = "tree|instance|customer|computer",
                    message = "is tree, instance, customer or computer") String groupBy,
            @Parameter(description = "Only this service (its reference, or its root instance's)")
            @RequestParam(required = false) @Size(max = RequesterApi.REFERENCE_MAX) String tree,
            @RequestParam(defaultValue = "0") @Min(0) int offset,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        var actor = currentUser.actor();
        YearMonth month = months.parse("period", period);
        Long treeId = tree == null ? null : trees.get(tree, actor).root().treeId();
        UsageTotals.Grouping grouping = UsageTotals.Grouping.valueOf(groupBy.toUpperCase(Locale.ROOT));
        List<Group> groups = totals.page(grouping, month, treeId, actor, offset, limit).stream()
                .map(t -> new Group(t.reference(), t.title(), t.usage())).toList();
        return new UsageReport(month.toString(), months.zone().getId(), months.start(month), months.end(month), groupBy,
                groups);
    }
}

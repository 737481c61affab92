package org.edgewise.billing;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.edgewise.document.ValidationException;
import org.edgewise.security.CurrentUser;
import org.edgewise.web.RequesterApi;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.server.ResponseStatusException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The monthly invoice run for billing staff: what a month would invoice, starting its run, and its progress.
 * A month is a calendar month of the billing time zone, written {@code 2026-11}.
 */
@RequesterApi
class InvoiceRunApiController {

    /** "2026-11": seven characters. */
    static final int MONTH_LENGTH = 7;

    record RunRequest(@NotBlank @Size(max = MONTH_LENGTH) @Schema(example = "2026-11") String month) { }

    /** A run and its progress: {@code running}, {@code done}, or {@code failed} (with the reason) until started again. */
    record RunAnswer(String month, String period, String state, String startedBy, OffsetDateTime startedAt,
            OffsetDateTime finishedAt, int customersTotal, int customersDone, int invoicesCreated, String error) {

        static RunAnswer of(InvoiceRuns.Status s) {
            return new RunAnswer(s.month().toString(), s.period(), s.state(), s.startedBy(), s.startedAt(),
                    s.finishedAt(), s.customersTotal(), s.customersDone(), s.invoicesCreated(), s.error());
        }
    }

    record PreviewCustomer(String customer, String customerName, String currency, int lines, List<Invoices.Tax> taxes,
            BigDecimal net, BigDecimal tax, BigDecimal gross) { }

    record PreviewAnswer(String month, String period, List<PreviewCustomer> customers,
            List<InvoiceRuns.CurrencyTotal> totals, RunAnswer run) { }

    private final InvoiceRuns runs;
    private final CurrentUser currentUser;

    InvoiceRunApiController(InvoiceRuns runs, CurrentUser currentUser) {
        this.runs = runs;
        this.currentUser = currentUser;
    }

    @GetMapping("/invoice-runs/{month}/preview")
    @Operation(summary = "What the run of a month that is over would invoice now, per customer and currency, with "
            + "the totals per currency (billing staff); prepares the month's charges, invoices nothing")
    PreviewAnswer preview(@PathVariable @Size(max = MONTH_LENGTH) String month) {
        InvoiceRuns.Preview preview = runs.preview(month(month), currentUser.actor());
        return new PreviewAnswer(preview.month().toString(), preview.period(),
                preview.customers().stream().map(r -> new PreviewCustomer(r.customerReference(), r.customerName(),
                        r.currency(), r.lines(), r.taxes(), r.net(), r.tax(), r.gross())).toList(),
                preview.totals(), preview.run().map(RunAnswer::of).orElse(null));
    }

    @PostMapping("/invoice-runs")
    @Operation(summary = "Start the run of a month that is over (billing staff): one draft invoice per customer with "
            + "charges up to its end; answers 202 with its progress at once. A month already started is joined, one "
            + "already done answered as it is, one that failed taken up again")
    ResponseEntity<RunAnswer> start(@Valid @RequestBody RunRequest request) {
        InvoiceRuns.Status run = runs.start(month(request.month()), currentUser.actor());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(RunAnswer.of(run));
    }

    @GetMapping("/invoice-runs/{month}")
    @Operation(summary = "The run of a month and its progress (billing staff); 404 when it was not started")
    RunAnswer status(@PathVariable @Size(max = MONTH_LENGTH) String month) {
        YearMonth asked = month(month);
        return runs.status(asked, currentUser.actor()).map(RunAnswer::of).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "The run of " + runs.label(asked)
                        + " was not started."));
    }

    private static YearMonth month(String text) {
        try {
            return YearMonth.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new ValidationException("month", "A month is written as its year and number, such as 2026-11.");
        }
    }
}

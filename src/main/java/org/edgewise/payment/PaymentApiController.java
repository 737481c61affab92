package org.edgewise.payment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.edgewise.document.DocumentEngine;
import org.edgewise.document.PageRequest;
import org.edgewise.security.CurrentUser;
import org.edgewise.web.RequesterApi;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.OptBoolean;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Payments in the requester API: customers list their own, billing staff every one, and register new ones. */
@RequesterApi
class PaymentApiController {

    record PaymentRequest(
            @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000000000") BigDecimal amount,
            @NotBlank @Size(min = 3, max = 3) String currency,
            // a number is no day (Jackson would read it as days since 1970)
            @NotNull @JsonFormat(lenient = OptBoolean.FALSE) LocalDate receivedOn,
            @Size(max = Payments.MAX_REFERENCE_TEXT) String reference,
            @Size(max = RequesterApi.REFERENCE_MAX) String customer) { }

    /** A payment: what was received, from whom, and what of it is still the customer's credit. */
    record PaymentAnswer(String reference, String state, String customer, BigDecimal amount, String currency,
            LocalDate receivedOn, String referenceText, String debtorName, BigDecimal allocated,
            BigDecimal unallocated) {

        static PaymentAnswer of(Payments.Row row) {
            return new PaymentAnswer(row.reference(), row.state(), row.customerReference(), row.amount(),
                    row.currency(), row.receivedOn(), row.referenceText(), row.debtorName(), row.allocated(),
                    row.unallocated());
        }
    }

    private final Payments payments;
    private final CurrentUser currentUser;

    PaymentApiController(Payments payments, CurrentUser currentUser) {
        this.payments = payments;
        this.currentUser = currentUser;
    }

    @GetMapping("/payments")
    @Operation(summary = "The payments you may see, newest first: a customer's own, every one for billing staff")
    List<PaymentAnswer> list(@RequestParam(required = false) @Size(max = 40) String state,
            @RequestParam(required = false) @Size(max = DocumentEngine.MAX_TITLE_LENGTH) String filter,
            @RequestParam(defaultValue = "0") @Min(0) int offset,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return payments.page(new PageRequest(filter, state, List.of(), offset, limit), currentUser.actor()).stream()
                .map(PaymentAnswer::of).toList();
    }

    @PostMapping("/payments")
    @Operation(summary = "Register a payment received (billing staff); it is matched to the customer given, or to "
            + "the one whose payment reference its text names, and paid to their invoices oldest due first")
    PaymentAnswer register(@Valid @RequestBody PaymentRequest request) {
        var actor = currentUser.actor();
        Long customer = request.customer() == null ? null : payments.customerByReference(request.customer(), actor);
        var doc = payments.register(new Payments.NewPayment(request.amount(), request.currency(),
                request.receivedOn(), request.reference(), customer), actor);
        return PaymentAnswer.of(payments.get(doc.reference(), actor));
    }
}

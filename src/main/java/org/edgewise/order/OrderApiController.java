package org.edgewise.order;

import java.util.List;
import java.util.Map;

import org.edgewise.document.DocumentEngine;
import org.edgewise.document.PageRequest;
import org.edgewise.security.CurrentUser;
import org.edgewise.web.RequesterApi;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

/**
 * Orders from the command line and scripts: a customer orders services by product and plan (or by a release's
 * reference), the order is submitted at once and answers with what it became. Accepting a quotation, and staff's
 * confirming or rejecting, go through the document actions ({@code POST /documents/{reference}/actions/accept}).
 */
@RequesterApi
class OrderApiController {

    record ServiceOrder(@Size(max = 200) String product,
            @Size(max = RequesterApi.REFERENCE_MAX) String release,
            @Size(max = 100) String plan,
            @NotBlank @Size(max = DocumentEngine.MAX_TITLE_LENGTH) String title,
            @JsonSetter(contentNulls = Nulls.SET) Map<String, Object> parameters) { }

    record OrderRequest(@NotEmpty @Size(max = Orders.MAX_LINES) List<@Valid ServiceOrder> services) { }

    private final Orders orders;
    private final CurrentUser currentUser;

    OrderApiController(Orders orders, CurrentUser currentUser) {
        this.orders = orders;
        this.currentUser = currentUser;
    }

    @PostMapping("/orders")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Order services (a customer): each is checked against its release's parameter schema; the order"
            + " is submitted at once and is confirmed, its services requested, unless it waits for sales staff or"
            + " for a deposit to be paid")
    Orders.Order order(@Valid @RequestBody OrderRequest request) {
        return orders.orderNow(request.services().stream().map(s -> new Orders.NewLine(s.product(), s.release(),
                s.plan(), s.title(), s.parameters())).toList(), currentUser.actor());
    }

    @GetMapping("/orders")
    @Operation(summary = "The orders you may see, newest first")
    List<Orders.Row> list(@RequestParam(required = false) @Size(max = 40) String state,
            @RequestParam(defaultValue = "0") @Min(0) int offset,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return orders.page(new PageRequest(null, state, List.of(), offset, limit), currentUser.actor());
    }

    @GetMapping("/orders/{reference}")
    @Operation(summary = "One order with its services and, once confirmed, the instance trees they became")
    Orders.Order show(@PathVariable @Size(max = RequesterApi.REFERENCE_MAX) String reference) {
        return orders.get(reference, currentUser.actor());
    }
}

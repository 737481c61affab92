package org.edgewise.support;

import java.time.OffsetDateTime;
import java.util.List;

import org.edgewise.document.DocumentEngine;
import org.edgewise.document.PageRequest;
import org.edgewise.document.TimelineEntry;
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
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Tickets from scripts: open one about a service, an invoice or an order, list them (those about one document),
 * read one with its conversation. Answers go through {@code POST /documents/{reference}/comments}, and the
 * workflow's steps (resolve, close, reopen) through {@code POST /documents/{reference}/actions/{action}}.
 */
@RequesterApi
class TicketApiController {

    record TicketRequest(@NotBlank @Size(max = DocumentEngine.MAX_TITLE_LENGTH) String title,
            @NotBlank @Size(max = DocumentEngine.MAX_COMMENT_LENGTH) String message,
            @Pattern(regexp = "low|normal|high|critical", message = "is low, normal, high or critical") String severity,
            @Size(max = RequesterApi.REFERENCE_MAX) String about) { }

    record Message(OffsetDateTime at, String author, String text, boolean internal) { }

    record TicketWithConversation(Tickets.Ticket ticket, List<Message> conversation) { }

    private final Tickets tickets;
    private final DocumentEngine engine;
    private final CurrentUser currentUser;

    TicketApiController(Tickets tickets, DocumentEngine engine, CurrentUser currentUser) {
        this.tickets = tickets;
        this.engine = engine;
        this.currentUser = currentUser;
    }

    @PostMapping("/tickets")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Open a ticket, about one of your services, invoices or orders (staff: about any document)")
    Created open(@Valid @RequestBody TicketRequest request) {
        return Created.of(tickets.open(new Tickets.NewTicket(request.title(), request.message(), request.severity(),
                request.about(), null), currentUser.actor()));
    }

    @GetMapping("/tickets")
    @Operation(summary = "The tickets you may see, soonest due first; those about one document with about=REFERENCE")
    List<Tickets.Row> list(@RequestParam(required = false) @Size(max = RequesterApi.REFERENCE_MAX) String about,
            @RequestParam(required = false) @Size(max = 40) String state,
            @RequestParam(defaultValue = "0") @Min(0) int offset,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return tickets.page(new PageRequest(null, state, List.of(), offset, limit), currentUser.actor(), false, about);
    }

    @GetMapping("/tickets/{reference}")
    @Operation(summary = "One ticket with its conversation (staff also read the internal notes)")
    TicketWithConversation show(@PathVariable @Size(max = RequesterApi.REFERENCE_MAX) String reference) {
        Tickets.Ticket ticket = tickets.get(reference, currentUser.actor());
        List<Message> conversation = engine.timeline(engine.get(ticket.id(), currentUser.actor()), currentUser.actor())
                .stream().filter(e -> e.kind() == TimelineEntry.Kind.COMMENT || e.kind() == TimelineEntry.Kind.NOTE)
                .map(e -> new Message(e.at(), e.actor(), e.comment(), e.kind() == TimelineEntry.Kind.NOTE)).toList();
        return new TicketWithConversation(ticket, conversation);
    }
}

package org.edgewise.documentapi;

import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.security.CurrentUser;
import org.edgewise.web.Created;
import org.edgewise.web.RequesterApi;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Any workflow action on any document, whatever its feature: the workflow says which actions exist and who
 * may take them, so a new kind of document needs no endpoint of its own for them.
 */
@RequesterApi
class DocumentActionController {

    record ActionRequest(@Size(max = DocumentEngine.MAX_COMMENT_LENGTH) String comment) { }

    record CommentRequest(@NotBlank @Size(max = DocumentEngine.MAX_COMMENT_LENGTH) String text, Boolean internal) { }

    private final DocumentEngine engine;
    private final CurrentUser currentUser;

    DocumentActionController(DocumentEngine engine, CurrentUser currentUser) {
        this.engine = engine;
        this.currentUser = currentUser;
    }

    @PostMapping("/documents/{reference}/actions/{action}")
    @Operation(summary = "Take a workflow action on any document you may act on (open a computer, publish a release…)")
    Created act(@PathVariable @Size(max = RequesterApi.REFERENCE_MAX) String reference,
            @PathVariable @Size(max = 40) String action, @Valid @RequestBody(required = false) ActionRequest request) {
        Document doc = engine.get(reference, currentUser.actor());
        return Created.of(engine.apply(doc.id(), action, currentUser.actor(), request == null ? null : request.comment()));
    }

    @PostMapping("/documents/{reference}/comments")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a comment to any document you may read (a ticket's answer, a note on an invoice); staff"
            + " may make it an internal note, which customers do not read")
    Created comment(@PathVariable @Size(max = RequesterApi.REFERENCE_MAX) String reference,
            @Valid @RequestBody CommentRequest request) {
        Document doc = engine.get(reference, currentUser.actor());
        if (Boolean.TRUE.equals(request.internal())) {
            engine.note(doc.id(), request.text(), currentUser.actor());
        } else {
            engine.comment(doc.id(), request.text(), currentUser.actor());
        }
        return Created.of(engine.get(doc.id(), currentUser.actor()));
    }
}

package org.edgewise.documentapi;

import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.security.CurrentUser;
import org.edgewise.web.Created;
import org.edgewise.web.RequesterApi;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

/**
 * Any workflow action on any document, whatever its feature: the workflow says which actions exist and who
 * may take them, so a new kind of document needs no endpoint of its own for them.
 */
@RequesterApi
class DocumentActionController {

    record ActionRequest(@Size(max = DocumentEngine.MAX_COMMENT_LENGTH) String comment) { }

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
}

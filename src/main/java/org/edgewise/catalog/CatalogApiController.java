package org.edgewise.catalog;

import java.util.List;

import org.edgewise.access.Actor;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.PageRequest;
import org.edgewise.security.CurrentUser;
import org.edgewise.web.Created;
import org.edgewise.web.RequesterApi;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

import com.fasterxml.jackson.databind.JsonNode;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** For operators: adding products and their releases to the catalogue. */
@RequesterApi
class CatalogApiController {

    record ProductRequest(@NotBlank @Size(max = DocumentEngine.MAX_TITLE_LENGTH) String name,
            @Size(max = 10_000) String description) { }

    record ReleaseRequest(@NotBlank @Size(max = RequesterApi.REFERENCE_MAX) String product,
            @NotBlank @Size(max = Catalog.MAX_URL_LENGTH) String url, @NotBlank @Size(max = 100) String version,
            @Size(max = Catalog.MAX_SOFTWARE_TYPES) List<@NotBlank @Size(max = 100) String> softwareTypes,
            @Size(max = 10_000) String description,
            @Schema(description = "Per software type, the JSON Schema of its parameters; read from the release's "
                    + "release.json when absent") JsonNode parameterSchemas) { }

    /** A release as scripts read it. */
    record ReleaseRow(String reference, String product, String version, String url, String state, String description) { }

    private final Catalog catalog;
    private final CurrentUser currentUser;

    CatalogApiController(Catalog catalog, CurrentUser currentUser) {
        this.catalog = catalog;
        this.currentUser = currentUser;
    }

    @PostMapping("/products")
    @Operation(summary = "Add a software product to the catalogue")
    Created createProduct(@Valid @RequestBody ProductRequest request) {
        return Created.of(catalog.createProduct(request.name(), request.description(), currentUser.actor()));
    }

    @GetMapping("/releases")
    @Operation(summary = "The catalogue's releases, newest first (staff); the one at a URL with url=…")
    List<ReleaseRow> releases(@RequestParam(required = false) @Size(max = Catalog.MAX_URL_LENGTH) String url,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        Actor actor = currentUser.actor();
        if (!actor.isStaff()) {
            throw new AccessDeniedException("The catalogue's releases are listed to staff.");
        }
        return catalog.releasePage(new PageRequest(url, null, List.of(), 0, limit), actor).stream()
                .filter(r -> url == null || r.url().equals(url))
                .map(r -> new ReleaseRow(r.reference(), r.productName(), r.version(), r.url(), r.state(), r.description()))
                .toList();
    }

    @PostMapping("/releases")
    @Operation(summary = "Add a release of a product, known by its URL, in draft")
    Created createRelease(@Valid @RequestBody ReleaseRequest request) {
        return Created.of(catalog.createRelease(request.product(), request.url(), request.version(),
                request.softwareTypes(), request.description(), request.parameterSchemas(), currentUser.actor()));
    }
}

package org.edgewise.catalog;

import java.util.List;

import org.edgewise.document.DocumentEngine;
import org.edgewise.security.CurrentUser;
import org.edgewise.web.Created;
import org.edgewise.web.RequesterApi;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

import com.fasterxml.jackson.databind.JsonNode;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
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

    @PostMapping("/releases")
    @Operation(summary = "Add a release of a product, known by its URL, in draft")
    Created createRelease(@Valid @RequestBody ReleaseRequest request) {
        return Created.of(catalog.createRelease(request.product(), request.url(), request.version(),
                request.softwareTypes(), request.description(), request.parameterSchemas(), currentUser.actor()));
    }
}

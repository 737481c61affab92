package org.edgewise.api;

import java.util.List;

import org.edgewise.catalog.Catalog;
import org.edgewise.catalog.Installations;
import org.edgewise.computer.Computers;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.PageRequest;
import org.edgewise.nodeapi.Enrolment;
import org.edgewise.instance.InstanceInfo;
import org.edgewise.instance.InstanceRequests;
import org.edgewise.instance.InstanceSharing;
import org.edgewise.instance.Trees;
import org.edgewise.security.CurrentUser;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** For customers and scripts, with a user's API token: request, list, show and destroy instance trees. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Requester API", description = "For customers, operators and scripts, with a user's API token")
class RequesterApiController {

    static final int REFERENCE_MAX = 40;

    record TreeAnswer(String tree, InstanceInfo root) { }

    record SupplyRequest(@NotBlank @Size(max = Catalog.MAX_URL_LENGTH) String url) { }

    record ComputerRequest(@NotBlank @Size(max = DocumentEngine.MAX_TITLE_LENGTH) String name,
            @Size(max = 253) String hostname, @Size(max = 100) String region,
            @Min(0) @Max(Computers.MAX_CAPACITY) Integer capacity, @Size(max = 2000) String description) { }

    record ProductRequest(@NotBlank @Size(max = DocumentEngine.MAX_TITLE_LENGTH) String name,
            @Size(max = 10_000) String description) { }

    record ReleaseRequest(@NotBlank @Size(max = REFERENCE_MAX) String product,
            @NotBlank @Size(max = Catalog.MAX_URL_LENGTH) String url, @NotBlank @Size(max = 100) String version,
            @Size(max = Catalog.MAX_SOFTWARE_TYPES) List<@NotBlank @Size(max = 100) String> softwareTypes,
            @Size(max = 10_000) String description) { }

    record SharingRequest(@NotNull Boolean offered) { }

    record ActionRequest(@Size(max = DocumentEngine.MAX_COMMENT_LENGTH) String comment) { }

    record Created(String reference, String state) { }

    record EnrolmentToken(String computer, String token, String validFor) { }

    private final InstanceRequests requests;
    private final Trees trees;
    private final Computers computers;
    private final Installations installations;
    private final CurrentUser currentUser;
    private final Catalog catalog;
    private final Enrolment enrolment;
    private final DocumentEngine engine;
    private final InstanceSharing sharing;

    RequesterApiController(InstanceRequests requests, Trees trees, Computers computers, Installations installations,
            CurrentUser currentUser, Catalog catalog, Enrolment enrolment, DocumentEngine engine,
            InstanceSharing sharing) {
        this.sharing = sharing;
        this.catalog = catalog;
        this.enrolment = enrolment;
        this.engine = engine;
        this.requests = requests;
        this.trees = trees;
        this.computers = computers;
        this.installations = installations;
        this.currentUser = currentUser;
    }

    @PostMapping("/trees")
    @Operation(summary = "Request (or update) the instance tree of a title; the same title updates the same tree")
    TreeAnswer request(@Valid @RequestBody InstanceRequests.Request request) {
        InstanceInfo root = requests.requestTree(request, currentUser.actor());
        return new TreeAnswer(root.tree(), root);
    }

    @GetMapping("/trees")
    @Operation(summary = "The instance trees you may see, newest first")
    List<Trees.Row> list(@RequestParam(required = false) @Size(max = 40) String state,
            @RequestParam(required = false) @Size(max = DocumentEngine.MAX_TITLE_LENGTH) String filter,
            @RequestParam(defaultValue = "0") @Min(0) int offset,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return trees.page(new PageRequest(filter, state, List.of(), offset, limit), currentUser.actor());
    }

    @GetMapping("/trees/{reference}")
    @Operation(summary = "One tree with all its instances")
    Trees.Tree show(@PathVariable @Size(max = REFERENCE_MAX) String reference) {
        return trees.get(reference, currentUser.actor());
    }

    @DeleteMapping("/trees/{reference}")
    @Operation(summary = "Destroy a tree and all its instances")
    Trees.Tree destroy(@PathVariable @Size(max = REFERENCE_MAX) String reference) {
        return trees.destroy(reference, currentUser.actor());
    }

    @PutMapping("/instances/{reference}/sharing")
    @Operation(summary = "Offer an instance for sharing, or withdraw the offer (its owner or an operator): an offered "
            + "instance hosts new shared instances of its release and software type, its owner's, or every customer's "
            + "for the operator's; withdrawing evicts none of those already inside")
    InstanceInfo sharing(@PathVariable @Size(max = REFERENCE_MAX) String reference,
            @Valid @RequestBody SharingRequest request) {
        return sharing.offer(reference, request.offered(), currentUser.actor());
    }

    @GetMapping("/computers/{reference}/software")
    @Operation(summary = "The software installations of a computer (operators)")
    List<Installations.Installation> software(@PathVariable @Size(max = REFERENCE_MAX) String reference) {
        return installations.onComputer(computers.get(reference, currentUser.actor()).id());
    }

    @PostMapping("/computers/{reference}/software")
    @Operation(summary = "Supply a release on a computer (operators)")
    Installations.Installation supply(@PathVariable @Size(max = REFERENCE_MAX) String reference, @Valid @RequestBody SupplyRequest request) {
        return installations.supply(computers.get(reference, currentUser.actor()).id(), request.url(), currentUser.actor());
    }

    @DeleteMapping("/computers/{reference}/software")
    @Operation(summary = "Remove a release from a computer (operators)")
    ResponseEntity<Installations.Installation> remove(@PathVariable @Size(max = REFERENCE_MAX) String reference,
            @RequestParam @NotBlank @Size(max = Catalog.MAX_URL_LENGTH) String url) {
        return ResponseEntity.of(installations.remove(computers.get(reference, currentUser.actor()).id(), url,
                currentUser.actor()));
    }

    @PostMapping("/computers")
    @Operation(summary = "Create a computer, in draft (operators)")
    Created createComputer(@Valid @RequestBody ComputerRequest request) {
        Document doc = computers.create(new Computers.Details(request.name(), request.hostname(), request.region(),
                request.capacity() == null ? 10 : request.capacity(), request.description()), currentUser.actor());
        return new Created(doc.reference(), doc.state());
    }

    @PostMapping("/computers/{reference}/enrolment-tokens")
    @Operation(summary = "Make a one-time enrolment token for the computer's node (operators)")
    EnrolmentToken enrolmentToken(@PathVariable @Size(max = REFERENCE_MAX) String reference) {
        long id = computers.get(reference, currentUser.actor()).id();
        return new EnrolmentToken(reference, enrolment.createToken(id, currentUser.actor()),
                Enrolment.TOKEN_LIFETIME.toString());
    }

    @PostMapping("/products")
    @Operation(summary = "Add a software product to the catalogue")
    Created createProduct(@Valid @RequestBody ProductRequest request) {
        Document doc = catalog.createProduct(request.name(), request.description(), currentUser.actor());
        return new Created(doc.reference(), doc.state());
    }

    @PostMapping("/releases")
    @Operation(summary = "Add a release of a product, known by its URL, in draft")
    Created createRelease(@Valid @RequestBody ReleaseRequest request) {
        Document doc = catalog.createRelease(request.product(), request.url(), request.version(),
                request.softwareTypes(), request.description(), currentUser.actor());
        return new Created(doc.reference(), doc.state());
    }

    @PostMapping("/documents/{reference}/actions/{action}")
    @Operation(summary = "Take a workflow action on any document you may act on (open a computer, publish a release…)")
    Created act(@PathVariable @Size(max = REFERENCE_MAX) String reference, @PathVariable @Size(max = 40) String action,
            @Valid @RequestBody(required = false) ActionRequest request) {
        Document doc = engine.get(reference, currentUser.actor());
        Document after = engine.apply(doc.id(), action, currentUser.actor(), request == null ? null : request.comment());
        return new Created(after.reference(), after.state());
    }
}

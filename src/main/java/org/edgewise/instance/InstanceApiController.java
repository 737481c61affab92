package org.edgewise.instance;

import java.util.List;

import org.edgewise.document.DocumentEngine;
import org.edgewise.document.PageRequest;
import org.edgewise.security.CurrentUser;
import org.edgewise.web.RequesterApi;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** For customers and scripts: request, list, show and destroy instance trees, and offer instances for sharing. */
@RequesterApi
class InstanceApiController {

    record TreeAnswer(String tree, InstanceInfo root) { }

    record SharingRequest(@NotNull Boolean offered) { }

    private final InstanceRequests requests;
    private final Trees trees;
    private final InstanceSharing sharing;
    private final CurrentUser currentUser;

    InstanceApiController(InstanceRequests requests, Trees trees, InstanceSharing sharing, CurrentUser currentUser) {
        this.requests = requests;
        this.trees = trees;
        this.sharing = sharing;
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
    Trees.Tree show(@PathVariable @Size(max = RequesterApi.REFERENCE_MAX) String reference) {
        return trees.get(reference, currentUser.actor());
    }

    @DeleteMapping("/trees/{reference}")
    @Operation(summary = "Destroy a tree and all its instances")
    Trees.Tree destroy(@PathVariable @Size(max = RequesterApi.REFERENCE_MAX) String reference) {
        return trees.destroy(reference, currentUser.actor());
    }

    @PutMapping("/instances/{reference}/sharing")
    @Operation(summary = "Offer an instance for sharing, or withdraw the offer (its owner or an operator): an offered "
            + "instance hosts new shared instances of its release and software type, its owner's, or every customer's "
            + "for the operator's; withdrawing evicts none of those already inside")
    InstanceInfo sharing(@PathVariable @Size(max = RequesterApi.REFERENCE_MAX) String reference,
            @Valid @RequestBody SharingRequest request) {
        return sharing.offer(reference, request.offered(), currentUser.actor());
    }
}

package org.edgewise.catalog;

import java.util.List;

import org.edgewise.computer.Computers;
import org.edgewise.security.CurrentUser;
import org.edgewise.web.RequesterApi;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** For operators: which releases a computer is asked to have, and changing that. */
@RequesterApi
class InstallationApiController {

    record SupplyRequest(@NotBlank @Size(max = Catalog.MAX_URL_LENGTH) String url) { }

    private final Installations installations;
    private final Computers computers;
    private final CurrentUser currentUser;

    InstallationApiController(Installations installations, Computers computers, CurrentUser currentUser) {
        this.installations = installations;
        this.computers = computers;
        this.currentUser = currentUser;
    }

    @GetMapping("/computers/{reference}/software")
    @Operation(summary = "The software installations of a computer (operators)")
    List<Installations.Installation> software(@PathVariable @Size(max = RequesterApi.REFERENCE_MAX) String reference) {
        return installations.onComputer(computers.get(reference, currentUser.actor()).id());
    }

    @PostMapping("/computers/{reference}/software")
    @Operation(summary = "Supply a release on a computer (operators)")
    Installations.Installation supply(@PathVariable @Size(max = RequesterApi.REFERENCE_MAX) String reference,
            @Valid @RequestBody SupplyRequest request) {
        return installations.supply(computers.get(reference, currentUser.actor()).id(), request.url(),
                currentUser.actor());
    }

    @DeleteMapping("/computers/{reference}/software")
    @Operation(summary = "Remove a release from a computer (operators)")
    ResponseEntity<Installations.Installation> remove(@PathVariable @Size(max = RequesterApi.REFERENCE_MAX) String reference,
            @RequestParam @NotBlank @Size(max = Catalog.MAX_URL_LENGTH) String url) {
        return ResponseEntity.of(installations.remove(computers.get(reference, currentUser.actor()).id(), url,
                currentUser.actor()));
    }
}

package org.edgewise.upgrade;

import java.util.List;

import org.edgewise.security.CurrentUser;
import org.edgewise.web.RequesterApi;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Upgrade decisions from scripts: those of the caller's trees (staff: of every tree), one with its outcome.
 * Accepting or rejecting goes through {@code POST /documents/{reference}/actions/accept} (or {@code reject}).
 */
@RequesterApi
class UpgradeApiController {

    private final Upgrades upgrades;
    private final CurrentUser currentUser;

    UpgradeApiController(Upgrades upgrades, CurrentUser currentUser) {
        this.upgrades = upgrades;
        this.currentUser = currentUser;
    }

    @GetMapping("/upgrade-decisions")
    @Operation(summary = "Upgrade decisions you may see, newest first: of one tree (tree=TREE-…), in one state"
            + " (state=proposed…)")
    List<Upgrades.Decision> list(@RequestParam(required = false) @Size(max = RequesterApi.REFERENCE_MAX) String tree,
            @RequestParam(required = false) @Pattern(regexp = "draft|proposed|accepted|rejected|upgrading|done|rolled_back"
                    + "|withdrawn", message = "is a state of upgrade decisions") String state,
            @RequestParam(defaultValue = "50") @Min(1) @Max(1000) int limit) {
        return upgrades.list(tree, state, limit, currentUser.actor());
    }

    @GetMapping("/upgrade-decisions/{reference}")
    @Operation(summary = "One upgrade decision: the tree, the releases, the test result it rests on, its outcome")
    Upgrades.Decision show(@PathVariable @Size(max = RequesterApi.REFERENCE_MAX) String reference) {
        return upgrades.get(reference, currentUser.actor());
    }
}

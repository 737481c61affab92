package org.edgewise.computer;

import org.edgewise.document.DocumentEngine;
import org.edgewise.security.CurrentUser;
import org.edgewise.web.Created;
import org.edgewise.web.RequesterApi;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** For operators: adding computers. They are opened, closed and decommissioned through their document's actions. */
@RequesterApi
class ComputerApiController {

    /** The partitions a computer made without saying takes. */
    static final int DEFAULT_CAPACITY = 10;

    record ComputerRequest(@NotBlank @Size(max = DocumentEngine.MAX_TITLE_LENGTH) String name,
            @Size(max = 253) String hostname, @Size(max = 100) String region,
            @Min(0) @Max(Computers.MAX_CAPACITY) Integer capacity, @Size(max = 2000) String description) { }

    private final Computers computers;
    private final CurrentUser currentUser;

    ComputerApiController(Computers computers, CurrentUser currentUser) {
        this.computers = computers;
        this.currentUser = currentUser;
    }

    @PostMapping("/computers")
    @Operation(summary = "Create a computer, in draft (operators)")
    Created createComputer(@Valid @RequestBody ComputerRequest request) {
        return Created.of(computers.create(new Computers.Details(request.name(), request.hostname(), request.region(),
                request.capacity() == null ? DEFAULT_CAPACITY : request.capacity(), request.description()),
                currentUser.actor()));
    }
}

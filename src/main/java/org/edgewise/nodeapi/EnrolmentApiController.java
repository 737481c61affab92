package org.edgewise.nodeapi;

import org.edgewise.computer.Computers;
import org.edgewise.security.CurrentUser;
import org.edgewise.web.RequesterApi;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Size;

/** For operators: the one-time token a new node exchanges for its computer's credential. */
@RequesterApi
class EnrolmentApiController {

    record EnrolmentToken(String computer, String token, String validFor) { }

    private final Enrolment enrolment;
    private final Computers computers;
    private final CurrentUser currentUser;

    EnrolmentApiController(Enrolment enrolment, Computers computers, CurrentUser currentUser) {
        this.enrolment = enrolment;
        this.computers = computers;
        this.currentUser = currentUser;
    }

    @PostMapping("/computers/{reference}/enrolment-tokens")
    @Operation(summary = "Make a one-time enrolment token for the computer's node (operators)")
    EnrolmentToken enrolmentToken(@PathVariable @Size(max = RequesterApi.REFERENCE_MAX) String reference) {
        long id = computers.get(reference, currentUser.actor()).id();
        return new EnrolmentToken(reference, enrolment.createToken(id, currentUser.actor()),
                Enrolment.TOKEN_LIFETIME.toString());
    }
}

package org.edgewise.time;

import java.time.Clock;
import java.time.Instant;

import org.edgewise.access.RoleGroup;
import org.edgewise.security.CurrentUser;
import org.edgewise.web.RequesterApi;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** Reading and moving the adjustable clock: exists only when the clock is adjustable. */
@RequesterApi
@ConditionalOnProperty(name = "edgewise.clock.adjustable", havingValue = "true")
class ClockController {

    record ClockTime(Instant now) { }

    record MoveRequest(@NotNull Instant to) { }

    private final Clock clock;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;

    ClockController(Clock clock, CurrentUser currentUser, ApplicationEventPublisher events) {
        this.clock = clock;
        this.currentUser = currentUser;
        this.events = events;
    }

    @GetMapping("/clock")
    @Operation(summary = "The Master's time (adjustable clock only)")
    ClockTime now() {
        return new ClockTime(clock.instant());
    }

    @PutMapping("/clock")
    @Operation(summary = "Move the Master's adjustable clock forward (administrators)")
    ClockTime move(@Valid @RequestBody MoveRequest request) {
        if (!currentUser.actor().in(RoleGroup.ADMINISTRATORS)) {
            throw new AccessDeniedException("Only an administrator may move the clock.");
        }
        Instant now = ((MasterClock.Adjustable) clock).advanceTo(request.to());
        events.publishEvent(new MasterClock.Moved(now));
        return new ClockTime(now);
    }
}

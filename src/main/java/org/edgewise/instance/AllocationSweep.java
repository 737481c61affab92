package org.edgewise.instance;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the allocator's sweep in the background, every {@code edgewise.allocation.interval}. It is on unless
 * {@code edgewise.allocation.sweep.enabled} is false: a Master whose instances must stay where a caller put
 * them until that caller sweeps (the Master's own tests) turns it off.
 */
@Component
@ConditionalOnProperty(name = "edgewise.allocation.sweep.enabled", havingValue = "true", matchIfMissing = true)
class AllocationSweep {

    private final Allocator allocator;

    AllocationSweep(Allocator allocator) {
        this.allocator = allocator;
    }

    @Scheduled(fixedDelayString = "${edgewise.allocation.interval:PT5S}",
            initialDelayString = "${edgewise.allocation.initial-delay:PT5S}")
    void run() {
        allocator.sweep();
    }
}

package org.edgewise.support;

import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.TICKET;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Support's load as Prometheus gauges: {@code edgewise_tickets_open} by severity (not resolved or closed), read
 * from one count of the database at most every ten seconds whatever the number of scrapers.
 */
@Component
class TicketMetrics implements MeterBinder {

    private static final Duration FRESH = Duration.ofSeconds(10);

    private final DSLContext db;
    private final Clock clock;
    private Map<String, Integer> last;
    private Instant lastAt = Instant.MIN;

    TicketMetrics(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Severity severity : Severity.values()) {
            Gauge.builder("edgewise.tickets.open", this, m -> m.current().getOrDefault(severity.stored(), 0))
                    .description("Tickets not resolved or closed yet, by severity").tag("severity", severity.stored())
                    .register(registry);
        }
    }

    private synchronized Map<String, Integer> current() {
        Instant now = clock.instant();
        if (last == null || now.isAfter(lastAt.plus(FRESH)) || now.isBefore(lastAt)) {
            last = db.select(TICKET.SEVERITY, org.jooq.impl.DSL.count()).from(TICKET).join(DOCUMENT)
                    .on(DOCUMENT.ID.eq(TICKET.ID))
                    .where(DOCUMENT.STATE.notIn(TicketWorkflows.RESOLVED, TicketWorkflows.CLOSED))
                    .groupBy(TICKET.SEVERITY).fetchMap(TICKET.SEVERITY, org.jooq.impl.DSL.count());
            lastAt = now;
        }
        return last;
    }
}

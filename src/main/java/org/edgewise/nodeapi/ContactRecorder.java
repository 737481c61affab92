package org.edgewise.nodeapi;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;

/**
 * Liveness: every authenticated node request counts as contact. Contacts are gathered in memory and
 * written in one statement per interval, so polls cost no database write; a later time never goes back.
 */
@Component
class ContactRecorder {

    private final DSLContext db;
    private final Clock clock;
    private final Map<Long, OffsetDateTime> pending = new ConcurrentHashMap<>();

    ContactRecorder(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    void seen(long computerId) {
        pending.put(computerId, OffsetDateTime.now(clock));
    }

    @Scheduled(fixedDelayString = "${edgewise.node.contact-flush:PT2S}")
    @PreDestroy
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<Long> ids = new ArrayList<>();
        List<OffsetDateTime> times = new ArrayList<>();
        for (Long id : pending.keySet()) {
            OffsetDateTime at = pending.remove(id);
            if (at != null) {
                ids.add(id);
                times.add(at);
            }
        }
        if (ids.isEmpty()) {
            return;
        }
        // one statement for all of them, however many computers were seen
        db.execute("INSERT INTO computer_contact (computer_id, last_contact_at) SELECT id, at FROM unnest({0}, {1}) AS seen(id, at)"
                + " ON CONFLICT (computer_id) DO UPDATE SET last_contact_at = excluded.last_contact_at"
                + " WHERE computer_contact.last_contact_at < excluded.last_contact_at",
                DSL.val(ids.toArray(Long[]::new)), DSL.val(times.toArray(OffsetDateTime[]::new)));
    }
}

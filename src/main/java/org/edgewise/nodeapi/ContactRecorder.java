package org.edgewise.nodeapi;

import static org.edgewise.jooq.Tables.COMPUTER;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jooq.DSLContext;
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
        var queries = new java.util.ArrayList<org.jooq.Query>();
        for (Long id : pending.keySet()) {
            OffsetDateTime at = pending.remove(id);
            if (at != null) {
                queries.add(db.update(COMPUTER).set(COMPUTER.LAST_CONTACT_AT, at)
                        .where(COMPUTER.ID.eq(id).and(COMPUTER.LAST_CONTACT_AT.isNull().or(COMPUTER.LAST_CONTACT_AT.lt(at)))));
            }
        }
        db.batch(queries).execute();
    }
}

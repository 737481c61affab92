package org.edgewise.instance;

import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.INSTANCE;
import static org.edgewise.jooq.Tables.PARTITION;

import java.util.List;

import org.edgewise.document.FieldChange;
import org.edgewise.instance.PlacementStore.Decisions;
import org.edgewise.instance.PlacementStore.Pending;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * Places shared instances inside hosts: a started, placed instance offered for sharing to the shared
 * instance's owner, of its release and software type (see {@link InstanceSharing}); the one its SLA names,
 * else the oldest. A shared instance takes no partition of its own: it lives in its host's.
 */
@Component
class SharedPlacement {

    private final DSLContext db;
    private final PlacementStore store;
    private final WaitExplanation explanation;

    SharedPlacement(DSLContext db, PlacementStore store, WaitExplanation explanation) {
        this.db = db;
        this.store = store;
        this.explanation = explanation;
    }

    /** Places the locked shared instance in a host, or says why none takes it. */
    void place(Pending p, Decisions d) {
        Sla sla = p.sla();
        Condition offered = InstanceSharing.offeredTo(p.owner(), p.url(), p.softwareType());
        if (sla.hostInstance() != null) {
            offered = offered.and(DOCUMENT.REFERENCE.eq(sla.hostInstance()));
        }
        var found = db.select(INSTANCE.ID, INSTANCE.PARTITION_ID, PARTITION.COMPUTER_ID, DOCUMENT.REFERENCE)
                .from(INSTANCE).join(DOCUMENT).on(DOCUMENT.ID.eq(INSTANCE.ID))
                .join(PARTITION).on(PARTITION.ID.eq(INSTANCE.PARTITION_ID))
                .where(offered).and(DOCUMENT.STATE.eq(InstanceWorkflows.STARTED))
                .orderBy(INSTANCE.ID).limit(1).fetchOptional();
        if (found.isEmpty()) {
            String why = explanation.noHost(p, offered);
            if (!why.equals(p.note())) {
                d.notes.put(p.id(), why);
            }
            return;
        }
        store.writeSharedPlacement(p.id(), found.get().value1(), found.get().value2());
        d.changedComputers.add(found.get().value3());
        d.timeline.put(p.id(), List.of(new FieldChange("host instance", null, found.get().value4())));
    }
}

package org.edgewise.instance;

import static org.edgewise.instance.PlacementStore.COMPUTER_DOC;
import static org.edgewise.instance.PlacementStore.INSTALLATION_DOC;
import static org.edgewise.instance.PlacementStore.capabilities;
import static org.edgewise.instance.PlacementStore.computerSla;
import static org.edgewise.instance.PlacementStore.openInScope;
import static org.edgewise.jooq.Tables.COMPUTER;
import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.INSTANCE;
import static org.edgewise.jooq.Tables.PARTITION;
import static org.edgewise.jooq.Tables.SOFTWARE_INSTALLATION;
import static org.edgewise.jooq.Tables.SOFTWARE_RELEASE;

import java.util.List;
import java.util.function.Function;

import org.edgewise.catalog.CatalogWorkflows;
import org.edgewise.instance.PlacementStore.Demand;
import org.edgewise.instance.PlacementStore.Pending;
import org.edgewise.ui.Formats;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectConditionStep;
import org.jooq.SelectSelectStep;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * Why an instance waits for a place, as the person who asked for it reads it: what no computer or host
 * offers yet, checked step by step from the widest condition.
 */
@Component
class WaitExplanation {

    private static final int FAILED_BUILDS_SHOWN = 3;
    static final int MAX_LOG_LINE = 200;
    /** How the explanation begins when the release's build failed wherever the instance could go. */
    private static final String BUILD_FAILED = "The build of the release failed on every computer that fits";

    private final DSLContext db;

    WaitExplanation(DSLContext db) {
        this.db = db;
    }

    /** Why no partition fits the demand. */
    String noPartition(Demand demand) {
        String url = demand.url();
        Sla sla = demand.sla();
        Long owner = demand.owner();
        // each step only asks whether some row exists: the first one found answers, nothing is counted
        if (!db.fetchExists(db.selectOne().from(COMPUTER).join(COMPUTER_DOC).on(COMPUTER_DOC.ID.eq(COMPUTER.ID))
                .where(openInScope(owner)))) {
            return "No open computer is available" + (owner == null ? "." : " to this customer.");
        }
        Function<Condition, Boolean> suppliedWhere = extra -> db.fetchExists(suppliedOnOpen(db.selectOne(), url, owner)
                .and(extra));
        if (!suppliedWhere.apply(DSL.noCondition())) {
            return "The release " + url + " is not supplied on any open computer yet.";
        }
        if (!suppliedWhere.apply(computerSla(sla))) {
            return "No open computer with the release matches the SLA " + sla.asMap() + ".";
        }
        Condition fits = computerSla(sla);
        if (!sla.capabilities().isEmpty()) {
            fits = fits.and(DSL.exists(DSL.selectOne().from(PARTITION).where(PARTITION.COMPUTER_ID.eq(COMPUTER.ID))
                    .and(capabilities(sla))));
            if (!suppliedWhere.apply(fits)) {
                return "No partition offers the capabilities " + sla.capabilities() + " on the matching computers.";
            }
        }
        if (!suppliedWhere.apply(fits.and(SOFTWARE_INSTALLATION.REPORTED_STATE.isDistinctFrom(CatalogWorkflows.ERROR)))) {
            return BUILD_FAILED + " (" + failedBuilds(url, owner, fits)
                    + "); waiting for a build to succeed.";
        }
        return "Every matching computer is full: no free partition within its capacity. Waiting for room.";
    }

    /** Why no host takes the shared instance, whose host instances are those {@code offered} selects. */
    String noHost(Pending shared, Condition offered) {
        Sla sla = shared.sla();
        if (sla.hostInstance() == null) {
            return "No started instance of " + shared.url() + " (" + shared.softwareType() + ") offered for sharing "
                    + "can host this shared instance yet.";
        }
        if (db.fetchExists(db.selectOne().from(INSTANCE).join(DOCUMENT).on(DOCUMENT.ID.eq(INSTANCE.ID))
                .where(offered))) {
            return "The host instance " + sla.hostInstance() + " is not started and placed yet.";
        }
        // the request was let in while the host was offered: saying it no longer is reveals nothing new
        return "The host instance " + sla.hostInstance() + " is no longer offered for sharing to you for "
                + "release " + shared.url() + ", software type " + shared.softwareType() + ".";
    }

    /** The first few computers that fit and whose build of the release failed, each with its log's last line. */
    private String failedBuilds(String url, Long owner, Condition fits) {
        List<String> failed = suppliedOnOpen(db.select(COMPUTER_DOC.REFERENCE, SOFTWARE_INSTALLATION.ERROR_LOG), url, owner)
                .and(SOFTWARE_INSTALLATION.REPORTED_STATE.eq(CatalogWorkflows.ERROR))
                .and(fits)
                .orderBy(COMPUTER_DOC.REFERENCE)
                .limit(FAILED_BUILDS_SHOWN + 1)
                .fetch(r -> r.value1() + ": " + lastLine(r.value2()));
        return failed.size() <= FAILED_BUILDS_SHOWN ? String.join("; ", failed)
                : String.join("; ", failed.subList(0, FAILED_BUILDS_SHOWN)) + "; and others";
    }

    /**
     * The release's installations requested on open computers in the owner's scope, with their computers:
     * from the release's installations, not from every computer, since few computers may have it.
     */
    private static <R extends Record> SelectConditionStep<R> suppliedOnOpen(SelectSelectStep<R> select, String url,
            Long owner) {
        return select.from(SOFTWARE_INSTALLATION)
                .join(INSTALLATION_DOC).on(INSTALLATION_DOC.ID.eq(SOFTWARE_INSTALLATION.ID)
                        .and(INSTALLATION_DOC.STATE.eq(CatalogWorkflows.AVAILABLE)))
                .join(COMPUTER).on(COMPUTER.ID.eq(SOFTWARE_INSTALLATION.COMPUTER_ID))
                .join(COMPUTER_DOC).on(COMPUTER_DOC.ID.eq(COMPUTER.ID))
                .where(SOFTWARE_INSTALLATION.RELEASE_ID.eq(DSL.field(DSL.select(SOFTWARE_RELEASE.ID)
                        .from(SOFTWARE_RELEASE).where(SOFTWARE_RELEASE.URL.eq(url)))))
                .and(openInScope(owner));
    }

    /** Whether an explanation says the instance waits for the release's build to succeed. */
    static boolean isBuildFailure(String allocationNote) {
        return allocationNote != null && allocationNote.startsWith(BUILD_FAILED);
    }

    /** The line of a node's log that says what failed, shortened for an explanation. */
    static String lastLine(String log) {
        String line = Formats.errorLine(log, MAX_LOG_LINE);
        return line.isEmpty() ? "no log" : line;
    }
}

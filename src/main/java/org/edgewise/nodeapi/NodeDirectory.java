package org.edgewise.nodeapi;

import static org.edgewise.jooq.Tables.COMPUTER;
import static org.edgewise.jooq.Tables.DOCUMENT;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import org.edgewise.computer.ComputerWorkflows;
import org.edgewise.computer.PlanVersions;
import org.edgewise.security.Secrets;
import org.jooq.DSLContext;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * What this Master replica knows of every computer: its credential hash, whether it is in service, and
 * its plan version. Lets an unchanged poll be answered (304) without touching the database; every other
 * request is authenticated against the database. Changes made here arrive right after commit, changes made
 * by other replicas at the next refresh.
 */
@Component
class NodeDirectory {

    record Node(long computerId, String reference, String secretHash, boolean decommissioned, long planVersion) { }

    /** A credential {@code COMP-000001.secret} as a node presented it: whose it claims to be, and its hash. */
    record PresentedCredential(String reference, String secretHash) {

        static Optional<PresentedCredential> parse(String credential) {
            int dot = credential == null ? -1 : credential.indexOf('.');
            if (dot <= 0 || dot == credential.length() - 1) {
                return Optional.empty();
            }
            return Optional.of(new PresentedCredential(credential.substring(0, dot),
                    Secrets.sha256(credential.substring(dot + 1))));
        }

        boolean opens(Node node) {
            return Secrets.sameHash(secretHash, node.secretHash());
        }
    }

    private final DSLContext db;
    private final PlanVersions plans;
    private final Map<String, Node> byReference = new ConcurrentHashMap<>();
    private volatile OptionalLong cursor = OptionalLong.empty();

    NodeDirectory(DSLContext db, PlanVersions plans) {
        this.db = db;
        this.plans = plans;
    }

    /** A change made by this replica, learnt as soon as it commits. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void planChanged(PlanVersions.Changed changed) {
        changed.changes().forEach(change -> learn(node(change), false));
    }

    /** What this replica last learnt of the computer, without asking the database. */
    Optional<Node> remembered(String reference) {
        return Optional.ofNullable(byReference.get(reference));
    }

    /** The computer the credential opens, as the database says now: for every request not answered from memory. */
    Optional<Node> authenticate(PresentedCredential credential) {
        Optional<Node> node = db.select(COMPUTER.ID, DOCUMENT.REFERENCE, COMPUTER.PLAN_VERSION, COMPUTER.NODE_SECRET_HASH,
                        DOCUMENT.STATE)
                .from(DOCUMENT).join(COMPUTER).on(COMPUTER.ID.eq(DOCUMENT.ID))
                .where(DOCUMENT.REFERENCE.eq(credential.reference()))
                .fetchOptional(r -> node(new PlanVersions.Change(r.value1(), r.value2(), r.value3(), r.value4(),
                        r.value5())));
        node.ifPresent(n -> learn(n, true));
        return node.filter(credential::opens);
    }

    /** Learns what changed since the last refresh, including changes made by other replicas. */
    @Scheduled(fixedDelayString = "${edgewise.node.directory-refresh:PT0.25S}")
    void refresh() {
        PlanVersions.Changes changes = plans.changedSince(cursor);
        changes.changes().forEach(change -> learn(node(change), true));
        cursor = OptionalLong.of(changes.cursor());
    }

    /**
     * Keeps the latest plan version of each computer. On a tie the database's answer wins over an
     * announcement: a bump reads the computer's state in its own snapshot, which may not yet show a
     * transition committed while the bump waited for the computer's row; a read made after the bump
     * committed shows it.
     */
    private void learn(Node fresh, boolean fromDatabase) {
        byReference.merge(fresh.reference(), fresh, (old, candidate) ->
                candidate.planVersion() > old.planVersion()
                        || fromDatabase && candidate.planVersion() == old.planVersion() ? candidate : old);
    }

    private static Node node(PlanVersions.Change change) {
        return new Node(change.computerId(), change.reference(), change.nodeSecretHash(),
                ComputerWorkflows.DECOMMISSIONED.equals(change.state()), change.planVersion());
    }
}

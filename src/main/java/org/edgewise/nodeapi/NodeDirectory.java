package org.edgewise.nodeapi;

import static org.edgewise.jooq.Tables.COMPUTER;
import static org.edgewise.jooq.Tables.DOCUMENT;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.edgewise.computer.PlanVersions;
import org.edgewise.security.Secrets;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * What this Master replica knows of every enrolled computer: its credential hash, whether it is in
 * service, and its plan version. Lets an unchanged poll be answered (304) without touching the database.
 * Changes made here arrive right after commit; changes made by other replicas within one refresh interval.
 */
@Component
class NodeDirectory {

    record Node(long computerId, String reference, String secretHash, boolean decommissioned, long planVersion) { }

    private final DSLContext db;
    private final Map<String, Node> byReference = new ConcurrentHashMap<>();
    private final Map<Long, String> referenceById = new ConcurrentHashMap<>();
    private final AtomicLong seenVersion = new AtomicLong(-1);

    NodeDirectory(DSLContext db, PlanVersions plans) {
        this.db = db;
        plans.onChange((computerId, version) -> {
            String reference = referenceById.get(computerId);
            if (reference != null) {
                byReference.computeIfPresent(reference, (ref, node) -> node.planVersion() >= version ? node
                        : new Node(node.computerId(), ref, node.secretHash(), node.decommissioned(), version));
            }
        });
    }

    /** The computer a credential {@code COMP-000001.secret} belongs to, if the secret is right. */
    Optional<Node> authenticate(String credential) {
        int dot = credential == null ? -1 : credential.indexOf('.');
        if (dot <= 0 || dot == credential.length() - 1) {
            return Optional.empty();
        }
        String reference = credential.substring(0, dot);
        String hash = Secrets.sha256(credential.substring(dot + 1));
        Node node = byReference.get(reference);
        if (node == null || !Secrets.sameHash(hash, node.secretHash())) {
            node = load(reference).orElse(null); // enrolled a moment ago, or on another replica
        }
        return node != null && Secrets.sameHash(hash, node.secretHash()) ? Optional.of(node) : Optional.empty();
    }

    Optional<Node> load(String reference) {
        Optional<Node> node = select().where(DOCUMENT.REFERENCE.eq(reference)).fetchOptional(NodeDirectory::toNode);
        node.ifPresent(this::remember);
        return node;
    }

    /** Learns what changed since the last refresh, including changes made by other replicas. */
    @Scheduled(fixedDelayString = "${edgewise.node.directory-refresh:PT0.25S}")
    void refresh() {
        long since = seenVersion.get();
        var changed = select().where(COMPUTER.PLAN_VERSION.gt(since)).fetch(NodeDirectory::toNode);
        for (Node node : changed) {
            remember(node);
            seenVersion.accumulateAndGet(node.planVersion(), Math::max);
        }
        if (since < 0 && changed.isEmpty()) {
            seenVersion.compareAndSet(-1, 0);
        }
    }

    private void remember(Node node) {
        referenceById.put(node.computerId(), node.reference());
        byReference.merge(node.reference(), node, (old, fresh) -> fresh.planVersion() >= old.planVersion() ? fresh : old);
    }

    private org.jooq.SelectOnConditionStep<Record> select() {
        return db.select(java.util.List.of(COMPUTER.ID, DOCUMENT.REFERENCE, COMPUTER.NODE_SECRET_HASH, DOCUMENT.STATE,
                        COMPUTER.PLAN_VERSION))
                .from(COMPUTER).join(DOCUMENT).on(DOCUMENT.ID.eq(COMPUTER.ID));
    }

    private static Node toNode(Record r) {
        return new Node(r.get(COMPUTER.ID), r.get(DOCUMENT.REFERENCE), r.get(COMPUTER.NODE_SECRET_HASH),
                "decommissioned".equals(r.get(DOCUMENT.STATE)), r.get(COMPUTER.PLAN_VERSION));
    }
}

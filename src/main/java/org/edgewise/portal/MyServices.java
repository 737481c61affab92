package org.edgewise.portal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.edgewise.access.Actor;
import org.edgewise.catalog.Catalog;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.DocumentNotFoundException;
import org.edgewise.document.PageRequest;
import org.edgewise.document.Transition;
import org.edgewise.instance.InstanceWorkflows;
import org.edgewise.instance.ServiceTruth;
import org.edgewise.instance.Trees;
import org.edgewise.subscription.MonthSoFar;
import org.edgewise.subscription.Subscriptions;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A customer's services as the portal shows them: per instance tree its product, plan and version (never the
 * release's URL, which is the provider's business), what is true of it now, its health, what it publishes,
 * its cost so far this month, and the actions its owner may take, through the same workflow as the console.
 */
@Service
class MyServices {

    /** The portal's actions on a service, in the order its buttons are shown. */
    static final List<String> ACTIONS = List.of(InstanceWorkflows.START, InstanceWorkflows.STOP,
            InstanceWorkflows.DESTROY);

    /**
     * One service. {@code product} and {@code version} are empty when the release left the catalogue;
     * {@code billingEnded} is when its subscription ended, if it did.
     */
    record MyService(long treeId, String reference, String title, String state, String product, String plan,
            String version, ServiceTruth.Status status, ServiceTruth.Health health, JsonNode connection,
            boolean destroyed, Instant billingEnded, Optional<MonthSoFar.Estimate> monthSoFar, List<String> actions) { }

    private final Trees trees;
    private final Catalog catalog;
    private final DocumentEngine engine;
    private final MonthSoFar monthSoFar;
    private final Subscriptions subscriptions;
    private final Clock clock;
    private final ZoneId zone;

    MyServices(Trees trees, Catalog catalog, DocumentEngine engine, MonthSoFar monthSoFar,
            Subscriptions subscriptions, Clock clock,
            @Value("${edgewise.billing.zone:Europe/Paris}") ZoneId zone) {
        this.trees = trees;
        this.catalog = catalog;
        this.engine = engine;
        this.monthSoFar = monthSoFar;
        this.subscriptions = subscriptions;
        this.clock = clock;
        this.zone = zone;
    }

    /** The services this user may see, newest first. */
    @Transactional(readOnly = true)
    List<MyService> page(Actor actor, int offset, int limit) {
        return trees.page(request(offset, limit), actor).stream().map(row -> get(row.reference(), actor)).toList();
    }

    @Transactional(readOnly = true)
    int count(Actor actor) {
        return trees.count(request(0, Integer.MAX_VALUE), actor);
    }

    /** One service this user may see, by its reference or its root instance's; any other is not found. */
    @Transactional(readOnly = true)
    MyService get(String reference, Actor actor) {
        Trees.Tree tree = trees.get(reference, actor);
        Document doc = engine.get(tree.reference(), actor);
        Optional<Catalog.Release> release = catalog.releaseByUrl(tree.root().releaseUrl());
        Instant ended = subscriptions.ofTree(doc.id(), actor).map(s -> s.endedAt()).orElse(null);
        List<String> actions = engine.availableActions(doc, actor).stream().map(Transition::action)
                .filter(ACTIONS::contains).sorted(Comparator.comparing(ACTIONS::indexOf)).toList();
        return new MyService(doc.id(), tree.reference(), tree.title(), tree.state(),
                release.map(Catalog.Release::productName).orElse(""), tree.root().softwareType(),
                release.map(Catalog.Release::version).orElse(""),
                tree.status(), ServiceTruth.health(tree.root()),
                tree.root().connectionParameters(), tree.root().destroyed(), ended, monthSoFar.ofTree(doc.id(), actor),
                actions);
    }

    /** Starts, stops or destroys a service this user may see, as its page's buttons do in the console. */
    MyService act(String reference, String action, Actor actor) {
        if (!ACTIONS.contains(action)) {
            throw new IllegalArgumentException("The portal starts, stops or destroys a service, not " + action);
        }
        Document doc = engine.get(trees.get(reference, actor).reference(), actor);
        if (!doc.docType().equals(InstanceWorkflows.TREE)) {
            throw new DocumentNotFoundException(reference);
        }
        engine.apply(doc.id(), action, actor, null);
        return get(doc.reference(), actor);
    }

    /** Now, in the billing time zone: when billing stops for a service destroyed now. */
    ZonedDateTime now() {
        return clock.instant().atZone(zone);
    }

    private static PageRequest request(int offset, int limit) {
        return new PageRequest(null, null, List.of(), offset, limit);
    }
}

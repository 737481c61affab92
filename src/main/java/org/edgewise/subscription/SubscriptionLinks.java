package org.edgewise.subscription;

import java.util.Optional;

import org.edgewise.access.Actor;
import org.edgewise.instance.TreeLinks;
import org.springframework.stereotype.Component;

/** The "Subscription" line of a customer's service page, for those who may see its subscription. */
@Component
class SubscriptionLinks implements TreeLinks {

    private final Subscriptions subscriptions;

    SubscriptionLinks(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public Optional<Link> linkFor(long treeId, Actor actor) {
        return subscriptions.ofTree(treeId, actor).map(s -> new Link("Subscription", s.reference() + " (" + s.state()
                + ")", "subscriptions/" + s.reference()));
    }
}

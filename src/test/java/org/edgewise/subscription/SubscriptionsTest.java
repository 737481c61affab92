package org.edgewise.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.edgewise.jooq.Tables.SUBSCRIPTION;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.edgewise.Fixtures;
import org.edgewise.document.DocumentNotFoundException;
import org.edgewise.document.TimelineEntry;
import org.edgewise.document.WorkflowException;
import org.edgewise.instance.InstanceInfo;
import org.edgewise.instance.InstanceRequests;
import org.edgewise.instance.TreeLinks;
import org.edgewise.pricing.PriceLists;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/**
 * A customer's service is a subscription from the request of its tree to its destruction, both in the
 * same transaction as the tree's own change; the provider's services have none.
 */
class SubscriptionsTest extends SubscriptionScenarios {

    @Autowired
    List<TreeLinks> treeLinks;

    @Test
    void aCustomersServiceStartsASubscriptionAndDestroyingItClosesIt() {
        long customer = customer();
        Product product = product();
        activeList(customer, List.of(price(product, PriceLists.MONTH, "4.90")));
        moveTo(clock.instant().plusSeconds(3600).plusMillis(250));
        Instant requested = clock.instant().truncatedTo(ChronoUnit.SECONDS);

        InstanceInfo root = service(customer, product);

        Subscriptions.Row subscription = subscriptionOf(root);
        assertThat(subscription.state()).isEqualTo(SubscriptionWorkflows.ACTIVE);
        assertThat(subscription.customerId()).isEqualTo(customer);
        assertThat(subscription.treeReference()).isEqualTo(root.tree());
        assertThat(subscription.product()).isEqualTo(product.name());
        assertThat(subscription.softwareType()).isEqualTo("default");
        assertThat(subscription.startedAt()).isEqualTo(requested);
        assertThat(subscription.billedUntil()).isEqualTo(requested);
        assertThat(subscription.endedAt()).isNull();
        assertThat(subscription.monthlyPrice()).isEqualByComparingTo("4.90");
        assertThat(subscription.currency()).isEqualTo("EUR");
        assertThat(subscriptions.get(subscription.reference(), Fixtures.customer(customer)).id())
                .isEqualTo(subscription.id());
        assertThatThrownBy(() -> subscriptions.get(subscription.reference(), Fixtures.customer(customer())))
                .isInstanceOf(DocumentNotFoundException.class);

        moveTo(clock.instant().plusSeconds(90));
        Instant destroyed = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        trees.destroy(root.tree(), Fixtures.customer(customer));

        Subscriptions.Row closed = subscriptions.get(subscription.reference(), FINANCE);
        assertThat(closed.state()).isEqualTo(SubscriptionWorkflows.CLOSED);
        assertThat(closed.endedAt()).isEqualTo(destroyed);
        assertThat(engine.timeline(engine.get(closed.id(), FINANCE), FINANCE)).last().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(TimelineEntry.Kind.TRANSITION);
            assertThat(e.action()).isEqualTo(SubscriptionWorkflows.CLOSE);
            assertThat(e.actor()).isEqualTo("system");
            assertThat(e.comment()).contains(root.tree());
        });
    }

    @Test
    void theProvidersOwnServiceHasNoSubscription() {
        Product product = product();
        InstanceInfo root = requests.requestTree(new InstanceRequests.Request(unique("trial"), product.url(), null,
                Map.of(), Map.of(), null, false), Fixtures.OPERATOR);

        assertThat(db.fetchCount(SUBSCRIPTION, SUBSCRIPTION.TREE_ID.eq(root.treeId()))).isZero();
        assertThat(subscriptions.ofTree(root.treeId(), FINANCE)).isEmpty();
    }

    @Test
    void aRequestRefusedAfterItsTreeWasWrittenLeavesNoSubscription() {
        long customer = customer();
        Product product = product();
        for (int i = 0; i < 20; i++) {
            service(customer, product);
        }

        assertThatThrownBy(() -> service(customer, product)).as("the 21st service waiting for a place")
                .isInstanceOf(WorkflowException.class);

        assertThat(db.fetchCount(SUBSCRIPTION, SUBSCRIPTION.CUSTOMER_ID.eq(customer))).isEqualTo(20);
    }

    @Test
    void financeSuspendsAndResumesACustomerCannotAndTheServicePageLinksToIt() {
        long customer = customer();
        InstanceInfo root = service(customer, product());
        Subscriptions.Row subscription = subscriptionOf(root);

        assertThatThrownBy(() -> engine.apply(subscription.id(), SubscriptionWorkflows.SUSPEND,
                Fixtures.customer(customer), null)).isInstanceOf(AccessDeniedException.class);
        engine.apply(subscription.id(), SubscriptionWorkflows.SUSPEND, FINANCE, "reminder unanswered");
        assertThat(subscriptions.get(subscription.reference(), FINANCE).state())
                .isEqualTo(SubscriptionWorkflows.SUSPENDED);
        engine.apply(subscription.id(), SubscriptionWorkflows.RESUME, FINANCE, null);

        assertThat(treeLinks).flatExtracting(l -> l.linkFor(root.treeId(), Fixtures.customer(customer)).stream().toList())
                .containsExactly(new TreeLinks.Link("Subscription", subscription.reference() + " (active)",
                        "subscriptions/" + subscription.reference()));
        assertThat(treeLinks).flatExtracting(l -> l.linkFor(root.treeId(), Fixtures.OPERATOR).stream().toList())
                .as("operators do not see subscriptions").isEmpty();
        assertThat(treeLinks).flatExtracting(l -> l.linkFor(root.treeId(), Fixtures.customer(customer())).stream()
                .toList()).as("nor does another customer").isEmpty();
    }
}

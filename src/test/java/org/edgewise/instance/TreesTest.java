package org.edgewise.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.edgewise.MasterTest;
import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.catalog.Catalog;
import org.edgewise.catalog.Installations;
import org.edgewise.computer.Computers;
import org.edgewise.computer.Partitions;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.DocumentNotFoundException;
import org.edgewise.party.Organisations;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class TreesTest extends MasterTest {

    @Autowired
    Trees trees;

    @Autowired
    InstanceRequests requests;

    @Autowired
    Catalog catalog;

    @Autowired
    Installations installations;

    @Autowired
    Computers computers;

    @Autowired
    Partitions partitions;

    @Autowired
    Organisations organisations;

    @Autowired
    DocumentEngine engine;

    @Test
    void aServiceCountsAsPendingForItsCustomerUntilItHasAPlace() {
        long org = organisations.create(new Organisations.Details(unique("Waiting"), null, null, null), admin()).id();
        Actor customer = customerOf(org);
        var product = catalog.createProduct(unique("Pending"), null, operator());
        String url = "https://releases.example/" + product.id() + "/pending";
        var release = catalog.createRelease(new Catalog.NewRelease(product.id(), url, "1", List.of(), null),
                operator());
        engine.apply(release.id(), "publish", operator(), null);

        var shop = new InstanceRequests.Request("shop", url, null, Map.of(), Map.of(), null, false);
        var root = requests.requestTree(shop, customer);

        assertThat(root.allocated()).isFalse();
        assertThat(root.allocationNote()).isNotBlank();
        assertThat(waiting(customer)).isEqualTo(1);
        assertThat(waiting(customerOf(organisations.create(
                new Organisations.Details(unique("Other"), null, null, null), admin()).id()))).isZero();

        signIn(operator());
        var computer = computers.create(new Computers.Details(unique("roomy"), null, null, 5, null), operator());
        engine.apply(computer.id(), "open", operator(), null);
        installations.supply(computer.id(), url, operator());
        partitions.format(computer.id(), List.of(new Partitions.Spec("slot0", "127.9.0.1", List.of())),
                new Actor(computer.reference(), EnumSet.of(Role.NODE), null));
        requests.requestTree(shop, customer);

        assertThat(trees.get(root.tree(), customer).root().computer()).isEqualTo(computer.reference());
        assertThat(waiting(customer)).isZero();
    }

    @Test
    void aTreeIsFoundByItsRootInstanceAndAChildInstanceNamesNoTree() {
        long org = organisations.create(new Organisations.Details(unique("Roots"), null, null, null), admin()).id();
        Actor customer = customerOf(org);
        var product = catalog.createProduct(unique("Rooted"), null, operator());
        String url = "https://releases.example/" + product.id() + "/rooted";
        var release = catalog.createRelease(new Catalog.NewRelease(product.id(), url, "1", List.of(), null),
                operator());
        engine.apply(release.id(), "publish", operator(), null);
        var root = requests.requestTree(new InstanceRequests.Request("site", url, null, Map.of(), Map.of(), null,
                false), customer);
        var child = requests.requestChild(root.id(), new InstanceRequests.Request("db", url, null, Map.of(), Map.of(),
                null, false), new Actor("COMP-x", EnumSet.of(Role.NODE), null));

        assertThat(trees.get(root.reference(), customer).reference()).isEqualTo(root.tree());
        assertThatThrownBy(() -> trees.get(child.reference(), customer))
                .isInstanceOf(DocumentNotFoundException.class);
        assertThatThrownBy(() -> trees.get(root.reference(), customerOf(
                organisations.create(new Organisations.Details(unique("Nosy"), null, null, null), admin()).id())))
                .isInstanceOf(DocumentNotFoundException.class);

        // nothing ran anywhere, so the tree is archived at once
        assertThat(trees.destroy(root.reference(), customer).state()).isEqualTo("archived");
    }

    private int waiting(Actor actor) {
        return trees.countByStatus(actor).get(ServiceTruth.Kind.WAITING);
    }
}

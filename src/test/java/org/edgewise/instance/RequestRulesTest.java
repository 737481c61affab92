package org.edgewise.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.edgewise.Fixtures.OPERATOR;
import static org.edgewise.Fixtures.customer;
import static org.edgewise.Fixtures.request;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.edgewise.Fixtures;
import org.edgewise.MasterTest;
import org.edgewise.access.Actor;
import org.edgewise.catalog.Catalog;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.ValidationException;
import org.edgewise.document.WorkflowException;
import org.edgewise.jooq.Tables;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What may be requested: releases of the catalogue, published ones of active products for customers,
 * drafts too for the operator, deprecated ones by nobody anew; and how many services a customer may have
 * waiting for a place.
 */
class RequestRulesTest extends MasterTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    InstanceRequests requests;

    @Autowired
    Catalog catalog;

    @Autowired
    DocumentEngine engine;

    @Autowired
    DSLContext db;

    Actor customer;

    @BeforeEach
    void setUp() {
        signIn(OPERATOR);
        customer = customer(fixtures.organisation());
    }

    @Test
    void aCustomerCannotRequestAReleaseTheCatalogueDoesNotOfferAndNothingIsStored() {
        String draft = draftRelease();
        String deprecated = fixtures.release();
        engine.apply(catalog.releaseByUrl(deprecated).orElseThrow().id(), "deprecate", OPERATOR, null);
        String unknown = "file:///etc";
        int instances = db.fetchCount(Tables.INSTANCE);

        assertThatThrownBy(() -> requests.requestTree(request(unique("trial"), draft, Map.of()), customer))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("releaseUrl"))
                .hasMessage("No published release " + draft + " is in the catalogue: request one of the catalogue's "
                        + "releases.");
        assertThatThrownBy(() -> requests.requestTree(request(unique("probe"), unknown, Map.of()), customer))
                .isInstanceOf(ValidationException.class)
                .hasMessage("No published release " + unknown + " is in the catalogue: request one of the catalogue's "
                        + "releases.");
        assertThatThrownBy(() -> requests.requestTree(request(unique("old"), deprecated, Map.of()), customer))
                .isInstanceOf(ValidationException.class).hasMessageContaining("is deprecated");
        assertThat(db.fetchCount(Tables.INSTANCE)).isEqualTo(instances);
    }

    @Test
    void theOperatorMayTryADraftButNeitherAnUnknownNorADeprecatedRelease() {
        String draft = draftRelease();
        String deprecated = fixtures.release();
        engine.apply(catalog.releaseByUrl(deprecated).orElseThrow().id(), "deprecate", OPERATOR, null);

        InstanceInfo trial = requests.requestTree(request(unique("trial"), draft, Map.of()), OPERATOR);

        assertThat(trial.releaseUrl()).isEqualTo(draft);
        assertThatThrownBy(() -> requests.requestTree(request(unique("probe"), "http://169.254.169.254/latest",
                Map.of()), OPERATOR))
                .isInstanceOf(ValidationException.class)
                .hasMessage("No release http://169.254.169.254/latest is in the catalogue: add it there first.");
        assertThatThrownBy(() -> requests.requestTree(request(unique("old"), deprecated, Map.of()), OPERATOR))
                .isInstanceOf(ValidationException.class).hasMessageContaining("is deprecated");
    }

    @Test
    void aTreeOnAReleaseDeprecatedSinceIsStillChangedButNoTreeMovesOntoIt() {
        String url = fixtures.release();
        String older = fixtures.release();
        String title = unique("shop");
        requests.requestTree(request(title, url, Map.of()), customer);
        String other = unique("other");
        requests.requestTree(request(other, older, Map.of()), customer);
        engine.apply(catalog.releaseByUrl(url).orElseThrow().id(), "deprecate", OPERATOR, null);

        InstanceInfo stopped = requests.requestTree(new InstanceRequests.Request(title, url, "default",
                Map.of("size", "large"), Map.of(), "stopped", false), customer);

        assertThat(stopped.requestedState()).isEqualTo("stopped");
        assertThat(stopped.parameters().toString()).contains("large");
        assertThatThrownBy(() -> requests.requestTree(request(other, url, Map.of()), customer))
                .isInstanceOf(ValidationException.class).hasMessageContaining("is deprecated");
    }

    @Test
    void aCustomerCannotRequestAReleaseOfARetiredProduct() {
        String url = fixtures.release();
        long product = catalog.releaseByUrl(url).orElseThrow().productId();
        engine.apply(product, "retire", OPERATOR, null);

        assertThatThrownBy(() -> requests.requestTree(request(unique("shop"), url, Map.of()), customer))
                .isInstanceOf(ValidationException.class).hasMessageContaining("is retired");
        assertThat(catalog.published()).extracting(Catalog.Release::url).doesNotContain(url);
    }

    @Test
    void aChildFollowsTheRuleOfItsTreesOwnerWhoeverRequestsIt() {
        String url = fixtures.release();
        String draft = draftRelease();
        Document computer = fixtures.openComputer("rules", 10, 2, List.of());
        Actor node = Fixtures.node(computer);
        InstanceInfo customersRoot = requests.requestTree(request(unique("app"), url, Map.of()), customer);
        InstanceInfo staffRoot = requests.requestTree(request(unique("app"), url, Map.of()), OPERATOR);

        assertThatThrownBy(() -> requests.requestChild(customersRoot.id(), request("db", draft, Map.of()), node))
                .isInstanceOf(ValidationException.class).hasMessageContaining("No published release " + draft);
        assertThat(requests.requestChild(staffRoot.id(), request("db", draft, Map.of()), node).releaseUrl())
                .isEqualTo(draft);
    }

    @Test
    void aCustomerHasAtMostTwentyServicesWaitingForAPlaceAndTheOperatorIsNotLimited() {
        String nowhere = fixtures.release();
        for (int i = 0; i < 20; i++) {
            assertThat(requests.requestTree(request("waiting " + i, nowhere, Map.of()), customer).allocated()).isFalse();
        }
        int trees = db.fetchCount(Tables.DOCUMENT, Tables.DOCUMENT.DOC_TYPE.eq(InstanceWorkflows.TREE));

        assertThatThrownBy(() -> requests.requestTree(request("one too many", nowhere, Map.of()), customer))
                .isInstanceOf(WorkflowException.class)
                .hasMessageStartingWith("Your organisation already has 20 services waiting for a place");
        assertThat(db.fetchCount(Tables.DOCUMENT, Tables.DOCUMENT.DOC_TYPE.eq(InstanceWorkflows.TREE)))
                .isEqualTo(trees);
        // a service that gets a place at once does not wait, and a waiting one may still be changed
        String placeable = fixtures.release();
        fixtures.supply(fixtures.openComputer("limit", 5, 2, List.of()), placeable);
        assertThat(requests.requestTree(request("placed at once", placeable, Map.of()), customer).allocated()).isTrue();
        assertThat(requests.requestTree(new InstanceRequests.Request("waiting 0", nowhere, "default", Map.of(),
                Map.of(), "stopped", false), customer).requestedState()).isEqualTo("stopped");
        // another customer, and the operator, are not held by this customer's waiting services
        assertThat(requests.requestTree(request("waiting", nowhere, Map.of()), customer(fixtures.organisation()))
                .allocated()).isFalse();
        for (int i = 0; i < 21; i++) {
            assertThat(requests.requestTree(request(unique("staff waiting"), nowhere, Map.of()), OPERATOR).allocated())
                    .isFalse();
        }
    }

    /** A release of a new product, left a draft. */
    private String draftRelease() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Document product = catalog.createProduct("Product " + suffix, null, OPERATOR);
        String url = "file:/releases/" + suffix;
        catalog.createRelease(new Catalog.NewRelease(product.id(), url, "1.0", List.of("default"), null), OPERATOR);
        return url;
    }
}

package org.edgewise.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.edgewise.Fixtures.OPERATOR;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.edgewise.ComponentTree;
import org.edgewise.Fixtures;
import org.edgewise.MasterTest;
import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.PageRequest;
import org.edgewise.instance.InstanceRequests;
import org.edgewise.party.Organisations;
import org.edgewise.testing.TestResults;
import org.edgewise.testing.ReportedRuns;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.security.access.AccessDeniedException;

import com.vaadin.flow.component.Component;

/**
 * A service's upgrade as its pages tell it: the proposal with Accept and Reject to those who may answer it, how the
 * latest decision went once answered, nothing to another customer; the lists by state; and an organisation that
 * accepts upgrades automatically, a setting sales change on its timeline.
 */
class UpgradePagesTest extends MasterTest {

    private static final Actor SALES = new Actor("sally", EnumSet.of(Role.SALES), null);
    private static final Actor SUPPORT = new Actor("sam", EnumSet.of(Role.SUPPORT), null);

    /** Made for each test from the Master's beans, not a bean itself, so that every test class shares one Master. */
    ReportedRuns runs;

    @Autowired
    Fixtures fixtures;

    @Autowired
    InstanceRequests requests;

    @Autowired
    Upgrades upgrades;

    @Autowired
    UpgradeBanners banners;

    @Autowired
    Organisations organisations;

    @Autowired
    DocumentEngine engine;

    @BeforeEach
    void makeRuns(@Autowired AutowireCapableBeanFactory beans) {
        runs = beans.createBean(ReportedRuns.class);
    }

    @Test
    void aProposalShowsOnTheServiceWithAcceptAndRejectAndOnceRejectedSaysSo() {
        Setting setting = aTreeOnVersionOneAndVersionTwoPassed();
        Actor customer = Fixtures.customer(setting.organisation());
        upgrades.runOnce();

        Component banner = banners.forTree(setting.tree(), customer).orElseThrow();

        assertThat(text(banner, "upgrade-banner-text")).startsWith(setting.product() + " 2 is proposed for this service"
                + " (tests passed: " + setting.passed().reference() + ")");
        assertThat(banner.getElement().getAttribute("data-state")).isEqualTo(UpgradeWorkflows.PROPOSED);
        assertThat(ComponentTree.byId(banner, "upgrade-accept")).isPresent();
        assertThat(ComponentTree.byId(banner, "upgrade-reject")).isPresent();
        Component toSupport = banners.forTree(setting.tree(), SUPPORT).orElseThrow();
        assertThat(ComponentTree.byId(toSupport, "upgrade-accept")).isEmpty();
        assertThat(banners.forTree(setting.tree(), Fixtures.customer(fixtures.organisation()))).isEmpty();
        Upgrades.Decision proposed = upgrades.list(setting.tree(), UpgradeWorkflows.PROPOSED, 1, customer).get(0);
        assertThat(upgrades.page(new PageRequest(setting.tree(), UpgradeWorkflows.PROPOSED, List.of(), 0, 10), customer))
                .extracting(Upgrades.Decision::reference).containsExactly(proposed.reference());

        engine.apply(proposed.id(), UpgradeWorkflows.REJECT, customer, null);

        Component after = banners.forTree(setting.tree(), customer).orElseThrow();
        assertThat(after.getElement().getAttribute("data-state")).isEqualTo(UpgradeWorkflows.REJECTED);
        assertThat(text(after, "upgrade-banner-text")).isEqualTo(setting.product() + " 2 was rejected for this service:"
                + " it stays on " + setting.product() + " 1.");
        assertThat(ComponentTree.byId(after, "upgrade-reject")).isEmpty();
        assertThat(upgrades.count(new PageRequest(setting.tree(), UpgradeWorkflows.PROPOSED, List.of(), 0, 10), customer))
                .isZero();
    }

    @Test
    void anOrganisationThatAcceptsUpgradesHasEachAcceptedAtOnceAndOnlySalesChangeThat() {
        Setting setting = aTreeOnVersionOneAndVersionTwoPassed();
        assertThatThrownBy(() -> organisations.acceptUpgrades(setting.organisation(), true, OPERATOR))
                .isInstanceOf(AccessDeniedException.class);

        organisations.acceptUpgrades(setting.organisation(), true, SALES);
        upgrades.runOnce();

        assertThat(organisations.acceptsUpgrades(setting.organisation())).isTrue();
        Document organisation = engine.get(setting.organisation(), SALES);
        assertThat(engine.timeline(organisation, SALES)).anySatisfy(entry -> assertThat(entry.changes())
                .anySatisfy(change -> {
                    assertThat(change.field()).isEqualTo("accepts upgrades");
                    assertThat(change.oldValue()).isEqualTo("no");
                    assertThat(change.newValue()).isEqualTo("yes");
                }));
        Optional<Component> banner = banners.forTree(setting.tree(), Fixtures.customer(setting.organisation()));
        assertThat(banner.orElseThrow().getElement().getAttribute("data-state")).isIn(UpgradeWorkflows.ACCEPTED,
                UpgradeWorkflows.UPGRADING);
    }

    private record Setting(long organisation, String tree, String product, TestResults.Result passed) { }

    /** A customer's service on version 1 of a product whose version 2 passed its tests. */
    private Setting aTreeOnVersionOneAndVersionTwoPassed() {
        Document product = runs.product();
        Document one = runs.releaseWithoutTests(product, "1");
        long organisation = fixtures.organisation();
        var root = requests.requestTree(Fixtures.request(unique("site"), runs.url(one), Map.of()),
                Fixtures.customer(organisation));
        TestResults.Result passed = runs.finish(runs.publish(runs.releaseWithTests(product, "2")),
                List.of(new TestResults.Line("suite", "passed", 10L, null, null)));
        return new Setting(organisation, root.tree(), product.title(), passed);
    }

    private static String text(Component root, String id) {
        return ComponentTree.byId(root, id).orElseThrow(() -> new AssertionError("no #" + id)).getElement().getText();
    }
}

package org.edgewise.upgrade;

import java.util.List;
import java.util.Optional;

import org.edgewise.access.Actor;
import org.edgewise.document.DocumentEngine;
import org.edgewise.instance.ServiceSection;
import org.edgewise.instance.Trees;
import org.edgewise.ui.Notifications;
import org.edgewise.ui.StateBadge;
import org.springframework.stereotype.Component;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

/**
 * The upgrade of a service as its pages show it, above everything else: a proposal waiting for the owner with
 * Accept and Reject, else how the latest decision went. On the staff's service page and the customer's.
 */
@Component
public class UpgradeBanners implements ServiceSection {

    /** What a withdrawn or drafted decision leaves to say: nothing. */
    private static final List<String> UNSAID = List.of(UpgradeWorkflows.DRAFT, UpgradeWorkflows.WITHDRAWN);

    private final Upgrades upgrades;
    private final DocumentEngine engine;

    UpgradeBanners(Upgrades upgrades, DocumentEngine engine) {
        this.upgrades = upgrades;
        this.engine = engine;
    }

    @Override
    public Optional<com.vaadin.flow.component.Component> bannerFor(Trees.Tree tree, Actor actor) {
        return forTree(tree.reference(), actor);
    }

    /** The banner of this tree's latest decision, or empty when it has none to tell this user about. */
    public Optional<com.vaadin.flow.component.Component> forTree(String treeReference, Actor actor) {
        if (!engine.workflow(UpgradeWorkflows.TYPE).mayRead(actor)) {
            return Optional.empty();
        }
        return latest(treeReference, actor).map(decision -> {
            Div banner = new Div();
            banner.addClassName("upgrade-banner");
            banner.setId("upgrade-banner");
            show(banner, decision, actor);
            return banner;
        });
    }

    private Optional<Upgrades.Decision> latest(String treeReference, Actor actor) {
        return upgrades.list(treeReference, null, 10, actor).stream().filter(d -> !UNSAID.contains(d.state())).findFirst();
    }

    private void show(Div banner, Upgrades.Decision d, Actor actor) {
        banner.removeAll();
        String to = d.product() + " " + d.toVersion();
        boolean proposed = d.state().equals(UpgradeWorkflows.PROPOSED);
        banner.getElement().setAttribute("data-state", d.state());
        Span text = new Span(switch (d.state()) {
            case UpgradeWorkflows.PROPOSED -> to + " is proposed for this service (tests passed: " + d.testResult()
                    + "). It runs " + d.product() + " " + d.fromVersion() + " now.";
            case UpgradeWorkflows.ACCEPTED -> to + " was accepted for this service: the upgrade starts in a moment.";
            case UpgradeWorkflows.UPGRADING -> "This service is moving to " + to + ".";
            case UpgradeWorkflows.DONE -> "This service was upgraded to " + to + ".";
            case UpgradeWorkflows.ROLLED_BACK -> "The upgrade to " + to + " was rolled back: " + d.outcome();
            default -> to + " was rejected for this service: it stays on " + d.product() + " " + d.fromVersion() + ".";
        });
        text.setId("upgrade-banner-text");
        StateBadge badge = new StateBadge(engine.workflow(UpgradeWorkflows.TYPE).state(d.state()));
        badge.setId("upgrade-banner-state");
        Anchor open = new Anchor("upgrade-decisions/" + d.reference(), d.reference());
        open.setId("upgrade-banner-decision");
        banner.add(badge, text, open);
        if (proposed && engine.workflow(UpgradeWorkflows.TYPE).find(d.state(), UpgradeWorkflows.ACCEPT)
                .filter(t -> t.allows(actor)).isPresent()) {
            Button accept = new Button("Accept", e -> confirm(banner, d, UpgradeWorkflows.ACCEPT, actor));
            accept.setId("upgrade-accept");
            accept.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SUCCESS);
            Button reject = new Button("Reject", e -> confirm(banner, d, UpgradeWorkflows.REJECT, actor));
            reject.setId("upgrade-reject");
            reject.addThemeVariants(ButtonVariant.LUMO_ERROR);
            Div actions = new Div(accept, reject);
            actions.addClassName("upgrade-banner-actions");
            banner.add(actions);
        }
    }

    /** Says what accepting or rejecting does to the service before it is done, then shows how it stands. */
    private void confirm(Div banner, Upgrades.Decision d, String action, Actor actor) {
        boolean accept = action.equals(UpgradeWorkflows.ACCEPT);
        String to = d.product() + " " + d.toVersion();
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setId("confirm-action");
        dialog.setCancelable(true);
        dialog.setHeader((accept ? "Upgrade " : "Keep ") + "\"" + d.treeTitle() + "\"" + (accept ? " to " + to : " on "
                + d.product() + " " + d.fromVersion()) + "?");
        dialog.setText(accept ? "The service restarts on " + to + " with its data. If it does not run, or a health check"
                + " fails, it goes back to " + d.fromVersion() + " by itself."
                : to + " will not be proposed for this service again; a later version will be.");
        dialog.setConfirmText(accept ? "Accept" : "Reject");
        dialog.setConfirmButtonTheme(accept ? "primary success" : "error primary");
        dialog.addConfirmListener(e -> {
            if (Notifications.attempt(() -> engine.apply(d.id(), action, actor, null))) {
                Notifications.success(d.reference() + " is now " + (accept ? "accepted." : "rejected."));
            }
            latest(d.tree(), actor).ifPresent(now -> show(banner, now, actor));
        });
        dialog.open();
    }
}

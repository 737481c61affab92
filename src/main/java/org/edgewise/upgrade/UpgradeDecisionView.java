package org.edgewise.upgrade;

import org.edgewise.access.Role;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.security.CurrentUser;
import org.edgewise.testing.TestingWorkflows;
import org.edgewise.ui.DocumentPage;
import org.edgewise.ui.DocumentView;
import org.edgewise.ui.Formats;
import org.edgewise.ui.MainLayout;
import org.edgewise.ui.ReadOnlyField;

import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

/**
 * One upgrade decision: the service, the version it runs and the one proposed, the test run it rests on, how it
 * went; the service's owner or an operator accepts or rejects it while it is proposed.
 */
@Route("upgrade-decisions/:reference")
@RolesAllowed({ Role.CUSTOMER_NAME, Role.OPERATOR_NAME, Role.ADMIN_NAME, Role.SUPPORT_NAME, Role.SALES_NAME,
        Role.BILLING_NAME })
public class UpgradeDecisionView extends DocumentView<Upgrades.Decision> {

    private final Upgrades upgrades;

    public UpgradeDecisionView(Upgrades upgrades, DocumentEngine engine, CurrentUser currentUser) {
        super(engine, currentUser, "Upgrade decision", "Upgrade decisions", "upgrade-decisions", "All upgrade decisions");
        this.upgrades = upgrades;
    }

    @Override
    protected Upgrades.Decision find(String reference) {
        return upgrades.get(reference, actor);
    }

    @Override
    protected long idOf(Upgrades.Decision decision) {
        return decision.id();
    }

    @Override
    protected void compose(DocumentPage page, Upgrades.Decision d, Document doc) {
        page.confirmBefore(UpgradeWorkflows.ACCEPT, "\"" + d.treeTitle() + "\" restarts on " + d.product() + " "
                + d.toVersion() + " with its data. If it does not run, or a health check fails, it goes back to "
                + d.fromVersion() + " by itself.");
        Div links = new Div();
        Anchor tree = new Anchor(actor.isStaff() ? "services/" + d.tree() : MainLayout.MY_SERVICES + "/" + d.tree(),
                d.treeTitle() + " · " + d.tree());
        tree.setId("upgrade-tree");
        links.add(new Div(new Span("Service: "), tree));
        if (engine.workflow(TestingWorkflows.TYPE).mayRead(actor)) {
            Anchor tests = new Anchor("test-results/" + d.testResult(), d.testResult());
            tests.setId("upgrade-test-result");
            links.add(new Div(new Span("Tests passed: "), tests));
        }
        FormLayout fields = new FormLayout();
        fields.add(ReadOnlyField.of("From", d.product() + " " + d.fromVersion(), "upgrade-from"),
                ReadOnlyField.of("To", d.product() + " " + d.toVersion(), "upgrade-to"),
                ReadOnlyField.of("Tests", "passed (" + d.testResult() + ")", "upgrade-tests"),
                ReadOnlyField.of("Proposed", Formats.when(d.createdAt(), ""), "upgrade-proposed"),
                ReadOnlyField.of("Upgrading since", Formats.when(d.upgradingSince(), "not yet"), "upgrade-upgrading-since"),
                ReadOnlyField.of("Running the new version since", Formats.when(d.runningSince(), "not yet"),
                        "upgrade-running-since"));
        if (actor.isStaff()) {
            fields.add(ReadOnlyField.of("From release", d.fromUrl(), "upgrade-from-url"),
                    ReadOnlyField.of("To release", d.toReleaseReference() + " · " + d.toUrl(), "upgrade-to-url"));
        }
        VerticalLayout top = new VerticalLayout();
        top.setPadding(false);
        if (d.outcome() != null) {
            Paragraph outcome = new Paragraph(d.outcome());
            outcome.addClassName("attention");
            outcome.setId("upgrade-outcome");
            top.add(outcome);
        }
        top.add(links, fields);
        page.setFields(top);
    }
}

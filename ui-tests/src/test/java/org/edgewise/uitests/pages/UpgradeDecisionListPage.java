package org.edgewise.uitests.pages;

import static com.codeborne.selenide.Condition.text;
import static com.codeborne.selenide.Selenide.$;
import static com.codeborne.selenide.Selenide.$$;

import com.codeborne.selenide.ElementsCollection;

/** "Upgrade decisions": every decision for staff, a customer's own under My upgrades. */
public class UpgradeDecisionListPage extends ListPage<UpgradeDecisionListPage> {

    /** The decisions waiting for an answer, as the home page's card links to them. */
    public static UpgradeDecisionListPage openProposed() {
        com.codeborne.selenide.Selenide.open("/upgrade-decisions?state=proposed");
        return new UpgradeDecisionListPage().shouldBeShown();
    }

    /** Keeps the decisions whose reference, service or product contains this text. */
    public UpgradeDecisionListPage filter(String text) {
        $("#list-filter input").setValue(text);
        return this;
    }

    /** The grid's cells, header included. */
    public ElementsCollection cells() {
        return $$("#list-grid vaadin-grid-cell-content");
    }

    /** Opens the decision of the list that shows this text (its service, reference…). */
    public UpgradeDecisionPage open(String shown) {
        cells().findBy(text(shown)).click();
        return new UpgradeDecisionPage().shouldBeShown();
    }
}

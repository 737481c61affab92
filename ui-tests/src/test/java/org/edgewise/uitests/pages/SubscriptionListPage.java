package org.edgewise.uitests.pages;

import static com.codeborne.selenide.Selenide.$$;

import com.codeborne.selenide.ElementsCollection;

/** "Subscriptions": the services as they are billed, with the monthly price in force now. */
public class SubscriptionListPage extends ListPage<SubscriptionListPage> {

    public static SubscriptionListPage open() {
        com.codeborne.selenide.Selenide.open("/subscriptions");
        return new SubscriptionListPage().shouldBeShown();
    }

    /** The grid's cells, header included. */
    public ElementsCollection cells() {
        return $$("#list-grid vaadin-grid-cell-content");
    }
}

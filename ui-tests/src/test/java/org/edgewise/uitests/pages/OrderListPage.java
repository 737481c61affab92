package org.edgewise.uitests.pages;

import static com.codeborne.selenide.Selenide.$$;

import com.codeborne.selenide.ElementsCollection;

/** My orders: the customer's own orders, newest first. */
public class OrderListPage extends ListPage<OrderListPage> {

    public static OrderListPage open() {
        com.codeborne.selenide.Selenide.open("/my/orders");
        return new OrderListPage().shouldBeShown();
    }

    /** The grid's cells, header included. */
    public ElementsCollection cells() {
        return $$("#list-grid vaadin-grid-cell-content");
    }
}

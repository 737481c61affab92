package org.edgewise.uitests.pages;

import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static com.codeborne.selenide.Selenide.$$;

import com.codeborne.selenide.ElementsCollection;

/** "Services": the instance trees the user may see, and the button to request one. */
public class ServiceListPage extends ListPage<ServiceListPage> {

    public RequestServiceForm requestService() {
        newButton().click();
        $("#service-title").shouldBe(visible);
        return new RequestServiceForm();
    }

    /** The grid's cells, header included. */
    public ElementsCollection cells() {
        return $$("#list-grid vaadin-grid-cell-content");
    }
}

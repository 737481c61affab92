package org.edgewise.uitests.pages;

import static com.codeborne.selenide.Condition.text;
import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static com.codeborne.selenide.Selenide.$$;

public class ReleaseListPage extends ListPage<ReleaseListPage> {

    /** A new release of the product named {@code product}; it starts as a draft. */
    public ReleasePage create(String product, String url, String version, String softwareTypes) {
        newButton().click();
        $("#release-product input").setValue(product);
        $$("vaadin-combo-box-item").findBy(text(product)).shouldBe(visible).click();
        type("release-url", url);
        type("release-version", version);
        type("release-software-types", softwareTypes);
        save();
        return new ReleasePage().shouldBeShown();
    }
}

package org.edgewise.uitests.pages;

import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static com.codeborne.selenide.Selenide.$$;

import com.codeborne.selenide.ElementsCollection;
import com.codeborne.selenide.SelenideElement;

/** One service (instance tree): the document and a card per instance. */
public class ServicePage extends DocumentPage {

    @Override
    public ServicePage shouldBeShown() {
        super.shouldBeShown();
        $("#service-instances").shouldBe(visible);
        return this;
    }

    public ElementsCollection instances() {
        return $$(".instance-card");
    }

    /** Where the first instance (the root) runs, or why it does not run yet. */
    public SelenideElement rootPlace() {
        return $(".instance-card .instance-place");
    }

    public SelenideElement rootConnectionParameters() {
        return $(".instance-card .instance-connection");
    }

    /** The links among what the root instance publishes. */
    public ElementsCollection rootConnectionLinks() {
        return $$(".instance-card .instance-connection a");
    }

    public SelenideElement rootParameters() {
        return $(".instance-card .instance-parameters");
    }

    public SelenideElement rootReported() {
        return $(".instance-card .instance-reported");
    }

    /** Opens the page of the first instance, the root, from its card. */
    public InstancePage openRootInstance() {
        $(".instance-card .instance-link").shouldBe(visible).click();
        return new InstancePage().shouldBeShown();
    }

    /** The first URL the root instance published, as the link shown on the page. */
    public String rootUrl() {
        return $(".instance-card .instance-connection a").shouldBe(visible).getAttribute("href");
    }
}

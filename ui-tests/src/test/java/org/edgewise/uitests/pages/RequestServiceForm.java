package org.edgewise.uitests.pages;

import static com.codeborne.selenide.Condition.attributeMatching;
import static com.codeborne.selenide.Condition.text;
import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static com.codeborne.selenide.Selenide.$$;

import com.codeborne.selenide.SelenideElement;

/** The "Request a service" dialog of the services list. */
public class RequestServiceForm {

    public RequestServiceForm title(String title) {
        $("#service-title input").setValue(title);
        return this;
    }

    /** Chooses the published release by its label, product name and version. */
    public RequestServiceForm release(String label) {
        $("#service-release input").setValue(label);
        $$("vaadin-combo-box-item").findBy(text(label)).shouldBe(visible).click();
        // the release's first software type is chosen, and its parameter form drawn, in the same answer
        $("#service-software-type").shouldHave(attributeMatching("value", ".+"));
        return this;
    }

    /** Types the parameters as JSON, switching a release's parameter form to JSON first. */
    public RequestServiceForm parameters(String json) {
        SelenideElement advanced = $("#service-parameters #parameters-advanced");
        if (advanced.exists() && !$("#parameters-json").isDisplayed()) {
            advanced.click();
        }
        $("#parameters-json textarea").shouldBe(visible).setValue(json);
        return this;
    }

    public RequestServiceForm region(String region) {
        $("#service-region input").setValue(region);
        return this;
    }

    /** Sends the request; the dialog stays open when a field must be corrected. */
    public RequestServiceForm submit() {
        $("#dialog-save").click();
        return this;
    }

    public ServicePage submitAndOpen() {
        submit();
        return new ServicePage().shouldBeShown();
    }

    public SelenideElement parametersError() {
        return $("#parameters-json [slot=error-message]");
    }
}

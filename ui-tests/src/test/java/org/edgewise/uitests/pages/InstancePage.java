package org.edgewise.uitests.pages;

import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static com.codeborne.selenide.Selenide.$$;

import com.codeborne.selenide.ElementsCollection;
import com.codeborne.selenide.SelenideElement;

/** One instance of a service: its facts, what it publishes, its parameters to edit, and its timeline. */
public class InstancePage extends DocumentPage {

    @Override
    public InstancePage shouldBeShown() {
        super.shouldBeShown();
        $("#instance-facts").shouldBe(visible);
        return this;
    }

    /** The link to the service (instance tree) the instance belongs to. */
    public SelenideElement serviceLink() {
        return $("#instance-tree-link");
    }

    /** Where it runs, or why it does not run anywhere yet. */
    public SelenideElement place() {
        return $("#instance-place");
    }

    public SelenideElement reported() {
        return $("#instance-reported");
    }

    /** The parameters as JSON, editable when the user may change them. */
    public SelenideElement parameters() {
        return $("#instance-parameters textarea");
    }

    /** Types new parameters and saves them; the page stays open, showing an error or the saved values. */
    public InstancePage changeParameters(String json) {
        parameters().scrollIntoView("{block: \"center\"}").setValue(json);
        $("#instance-save-parameters").scrollIntoView("{block: \"center\"}").click();
        return this;
    }

    public SelenideElement parametersError() {
        return $("#instance-parameters [slot=error-message]");
    }

    public SelenideElement saveParametersButton() {
        return $("#instance-save-parameters");
    }

    public ElementsCollection children() {
        return $$("#instance-children .instance-header");
    }
}

package org.edgewise.uitests.pages;

import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;

import com.codeborne.selenide.SelenideElement;

/**
 * One product of the shop: its plans, the chosen plan's prices, the service's name and the form drawn from the
 * plan's parameter schema, and Order for a signed-in customer.
 */
public class ProductPage {

    public ProductPage shouldBeShown() {
        $("#shop-plan").shouldBe(visible);
        return this;
    }

    /** Every price of the chosen plan, without and with tax. */
    public SelenideElement prices() {
        return $("#shop-prices");
    }

    /** What a visitor is told instead of an Order button. */
    public SelenideElement signInToOrder() {
        return $("#shop-sign-in-to-order");
    }

    public ProductPage name(String title) {
        $("#shop-title input").setValue(title);
        return this;
    }

    /** Types into the field the form drew for this parameter. */
    public ProductPage parameter(String property, String value) {
        field(property).$("input").setValue(value);
        return this;
    }

    /** The form's field of this parameter, with its value and its error message. */
    public SelenideElement field(String property) {
        return $("#param-" + property);
    }

    public SelenideElement fieldError(String property) {
        return $("#param-" + property + " [slot=error-message]");
    }

    /** Types the parameters as JSON under "Advanced", then goes back to the fields, which take the values. */
    public ProductPage parametersAsJson(String json) {
        $("#parameters-advanced").click();
        $("#parameters-json textarea").shouldBe(visible).setValue(json);
        $("#parameters-advanced").click();
        $("#parameters-json").shouldNotBe(visible);
        return this;
    }

    /** Orders; the page stays when a field must be corrected. */
    public ProductPage order() {
        $("#shop-order").shouldBe(visible).click();
        return this;
    }

    /** Orders and lands on the new service under My services. */
    public MyServicesPage orderAndOpen() {
        order();
        return new MyServicesPage().shouldShowOne();
    }
}

package org.edgewise.uitests.pages;

import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static com.codeborne.selenide.Selenide.$$;

import com.codeborne.selenide.ElementsCollection;
import com.codeborne.selenide.SelenideElement;

/** The public shop: a card per product with its plans and their monthly prices. */
public class ShopPage {

    public static ShopPage open() {
        com.codeborne.selenide.Selenide.open("/shop");
        return new ShopPage().shouldBeShown();
    }

    public ShopPage shouldBeShown() {
        $("#shop-products").shouldBe(visible);
        return this;
    }

    public SelenideElement product(String name) {
        return $("#shop-product-" + name);
    }

    /** The lines of a product's card, one per plan: its name and its monthly price without and with tax. */
    public ElementsCollection plans(String product) {
        return $$("#shop-product-" + product + " .shop-plan");
    }

    public ProductPage choose(String product) {
        $("#shop-choose-" + product).shouldBe(visible).click();
        return new ProductPage().shouldBeShown();
    }

    /** "Create an account", in the shop's bar for a visitor. */
    public SignUpPage signUp() {
        $("#shop-sign-up").shouldBe(visible).click();
        return new SignUpPage().shouldBeShown();
    }
}

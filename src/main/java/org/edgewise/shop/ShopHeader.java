package org.edgewise.shop;

import org.edgewise.security.CurrentUser;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Header;
import com.vaadin.flow.component.html.Span;

/** The shop's own bar: the brand, and signing in or up for a visitor, the customer's portal for a customer. */
class ShopHeader extends Header {

    ShopHeader(CurrentUser currentUser, Component view) {
        addClassName("shop-header");
        Anchor brand = new Anchor("shop", view.getTranslation("shop.brand"));
        brand.addClassName("brand");
        Span links = new Span();
        links.addClassName("shop-header-links");
        if (currentUser.user().isPresent()) {
            Anchor services = new Anchor("my/services", view.getTranslation("shop.my-services"));
            services.setId("shop-my-services");
            Anchor orders = new Anchor("my/orders", view.getTranslation("shop.my-orders"));
            orders.setId("shop-my-orders");
            links.add(services, orders);
        } else {
            Anchor signIn = new Anchor("login", view.getTranslation("shop.sign-in"));
            signIn.setId("shop-sign-in");
            Anchor signUp = new Anchor("sign-up", view.getTranslation("shop.sign-up"));
            signUp.setId("shop-sign-up");
            links.add(signIn, signUp);
        }
        add(brand, links);
    }
}

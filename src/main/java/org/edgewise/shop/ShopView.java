package org.edgewise.shop;

import java.util.List;
import java.util.Locale;

import org.edgewise.access.Actor;
import org.edgewise.security.CurrentUser;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/** The public shop: every product on offer with its plans and their monthly prices, with and without tax. */
@Route(value = "shop", autoLayout = false)
@PageTitle("Shop · Edgewise")
@AnonymousAllowed
public class ShopView extends VerticalLayout {

    public ShopView(ShopOffers offers, CurrentUser currentUser) {
        addClassName("shop");
        Locale locale = getLocale();
        Long customer = currentUser.user().map(u -> u.actor()).map(Actor::organisationId).orElse(null);
        List<ShopOffers.Offer> all = offers.offers(customer);
        Div cards = new Div();
        cards.addClassName("shop-cards");
        cards.setId("shop-products");
        for (ShopOffers.Offer offer : all) {
            cards.add(card(offer, locale));
        }
        add(new ShopHeader(currentUser, this), new H1(getTranslation("shop.title")),
                new Paragraph(getTranslation("shop.intro")));
        if (all.isEmpty()) {
            add(new Paragraph(getTranslation("shop.empty")));
        }
        add(cards);
    }

    private Div card(ShopOffers.Offer offer, Locale locale) {
        Div card = new Div();
        card.addClassName("shop-card");
        card.setId("shop-product-" + offer.product());
        H2 name = new H2(offer.product());
        Span version = new Span(getTranslation("shop.version", offer.version()));
        version.addClassName("shop-version");
        card.add(name, version);
        if (offer.description() != null) {
            card.add(new Paragraph(offer.description()));
        }
        for (ShopOffers.Plan plan : offer.plans()) {
            Div line = new Div(plan.monthly()
                    .map(p -> getTranslation("shop.plan-month", plan.name(), ShopOffers.format(p.net(), p.currency(),
                            locale), ShopOffers.format(p.gross(), p.currency(), locale)))
                    .orElse(getTranslation("shop.plan-no-price", plan.name())));
            line.addClassName("shop-plan");
            card.add(line);
        }
        Anchor choose = new Anchor("shop/" + offer.productReference(), getTranslation("shop.choose", offer.product()));
        choose.addClassName("shop-choose");
        choose.setId("shop-choose-" + offer.product());
        card.add(choose);
        return card;
    }
}

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
        add(new ShopHeader(currentUser), new H1("Services"),
                new Paragraph("Pick a service, fill in its settings and it runs within seconds. Prices are per month,"
                        + " prorated to the second; usage is charged as used."));
        if (all.isEmpty()) {
            add(new Paragraph("Nothing is on offer yet."));
        }
        add(cards);
    }

    private static Div card(ShopOffers.Offer offer, Locale locale) {
        Div card = new Div();
        card.addClassName("shop-card");
        card.setId("shop-product-" + offer.product());
        H2 name = new H2(offer.product());
        Span version = new Span("version " + offer.version());
        version.addClassName("shop-version");
        card.add(name, version);
        if (offer.description() != null) {
            card.add(new Paragraph(offer.description()));
        }
        for (ShopOffers.Plan plan : offer.plans()) {
            Div line = new Div(new Span(plan.name() + ": "), new Span(plan.monthly()
                    .map(p -> ShopOffers.format(p.net(), p.currency(), locale) + " per month ("
                            + ShopOffers.format(p.gross(), p.currency(), locale) + " with tax)")
                    .orElse("no monthly price")));
            line.addClassName("shop-plan");
            card.add(line);
        }
        Anchor choose = new Anchor("shop/" + offer.productReference(), "Choose " + offer.product());
        choose.addClassName("shop-choose");
        choose.setId("shop-choose-" + offer.product());
        card.add(choose);
        return card;
    }
}

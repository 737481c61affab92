package org.edgewise.ui;

import java.util.EnumSet;
import java.util.List;

import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.security.CurrentUser;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.PermitAll;

/**
 * Each user's starting point: what needs their attention, gathered from every feature for their roles; a
 * customer is led to their services first.
 */
@Route("")
@PageTitle("Home · Edgewise")
@Menu(order = 0, title = "Home", icon = "vaadin:home")
@PermitAll
public class HomeView extends VerticalLayout {

    public HomeView(CurrentUser currentUser, List<Attention> features) {
        addClassName("home");
        Actor actor = currentUser.actor();
        String name = currentUser.user().map(u -> u.displayName()).orElse(actor.name());
        add(new H2("Welcome, " + name));
        if (actor.roles().equals(EnumSet.of(Role.CUSTOMER))) {
            Anchor services = new Anchor(MainLayout.MY_SERVICES, "Go to my services");
            services.setId("home-my-services");
            services.addClassName("home-portal-link");
            add(services);
        }
        Div cards = new Div();
        cards.addClassName("attention-cards");
        cards.setId("attention");
        for (Attention feature : features) {
            for (Attention.Item item : feature.itemsFor(actor)) {
                cards.add(card(item));
            }
        }
        if (cards.getComponentCount() == 0) {
            add(new Paragraph("Nothing needs your attention."));
        }
        add(cards);
    }

    private static Anchor card(Attention.Item item) {
        Span count = new Span(Long.toString(item.count()));
        count.addClassName("attention-count");
        Span title = new Span(item.title());
        title.addClassName("attention-title");
        Span explanation = new Span(item.explanation());
        explanation.addClassName("attention-explanation");
        Anchor card = new Anchor(item.link(), count, title, explanation);
        card.addClassName("attention-card");
        card.setId("attention-" + item.id());
        return card;
    }
}

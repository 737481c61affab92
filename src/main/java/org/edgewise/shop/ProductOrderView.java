package org.edgewise.shop;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.catalog.ParameterForm;
import org.edgewise.catalog.ParameterSchemas;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.ValidationException;
import org.edgewise.order.OrderWorkflows;
import org.edgewise.order.Orders;
import org.edgewise.security.CurrentUser;
import org.edgewise.ui.NotFoundPanel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/**
 * One product of the shop: its plans with every price in force, with and without tax, in the visitor's format;
 * the service's name and a form drawn from the chosen plan's parameter schema; and Order, which submits the order
 * at once and opens the new service (or the order, when it waits for a check).
 */
@Route(value = "shop/:product", autoLayout = false)
@AnonymousAllowed
public class ProductOrderView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final ShopOffers offers;
    private final Orders orders;
    private final ParameterSchemas schemas;
    private final CurrentUser currentUser;
    private final ObjectMapper json;
    private String title = "Shop · Edgewise";

    public ProductOrderView(ShopOffers offers, Orders orders, ParameterSchemas schemas, CurrentUser currentUser,
            ObjectMapper json) {
        this.offers = offers;
        this.orders = orders;
        this.schemas = schemas;
        this.currentUser = currentUser;
        this.json = json;
        addClassName("shop");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        String reference = event.getRouteParameters().get("product").orElse("");
        Long customer = currentUser.user().map(u -> u.actor()).map(Actor::organisationId).orElse(null);
        Optional<ShopOffers.Offer> offer = offers.offer(reference, customer);
        add(new ShopHeader(currentUser, this));
        if (offer.isEmpty()) {
            add(new NotFoundPanel("Product", reference, "shop", "Back to the shop"));
            return;
        }
        title = offer.get().product() + " · Shop · Edgewise";
        show(offer.get());
    }

    @Override
    public String getPageTitle() {
        return title;
    }

    private void show(ShopOffers.Offer offer) {
        Locale locale = getLocale();
        Span version = new Span(getTranslation("shop.version", offer.version()));
        version.addClassName("shop-version");
        add(new H1(offer.product()), version);
        if (offer.description() != null) {
            add(new Paragraph(offer.description()));
        }
        RadioButtonGroup<ShopOffers.Plan> plan = new RadioButtonGroup<>(getTranslation("shop.plan"));
        plan.setId("shop-plan");
        plan.setItems(offer.plans());
        plan.setItemLabelGenerator(p -> p.monthly().map(m -> getTranslation("shop.plan-option", p.name(),
                ShopOffers.format(m.net(), m.currency(), locale))).orElse(p.name()));
        UnorderedList prices = new UnorderedList();
        prices.setId("shop-prices");
        TextField name = new TextField(getTranslation("shop.name"));
        name.setId("shop-title");
        name.setRequiredIndicatorVisible(true);
        name.setMaxLength(DocumentEngine.MAX_TITLE_LENGTH);
        name.setHelperText(getTranslation("shop.name-help"));
        Div form = new Div();
        form.setId("shop-parameters");
        ParameterForm[] parameters = new ParameterForm[1];
        plan.addValueChangeListener(e -> {
            prices.removeAll();
            form.removeAll();
            if (e.getValue() == null) {
                return;
            }
            prices.add(priceLines(e.getValue(), locale));
            parameters[0] = new ParameterForm(offers.schema(offer, e.getValue().name()).orElse(null), json);
            form.add(parameters[0]);
        });
        plan.setValue(offer.plans().get(0));
        add(plan, prices, new H2(getTranslation("shop.settings")), name, form);
        Optional<Actor> actor = currentUser.user().map(u -> u.actor());
        if (actor.isEmpty()) {
            Paragraph signIn = new Paragraph();
            signIn.setId("shop-sign-in-to-order");
            signIn.add(new Span(getTranslation("shop.to-order") + " "), new Anchor("login",
                    getTranslation("shop.sign-in-lower")), new Span(" " + getTranslation("shop.or") + " "),
                    new Anchor("sign-up", getTranslation("shop.create-account-lower")),
                    new Span(" " + getTranslation("shop.takes-a-minute")));
            add(signIn);
            return;
        }
        if (!actor.get().has(Role.CUSTOMER) || actor.get().organisationId() == null) {
            add(new Paragraph(getTranslation("shop.staff")));
            return;
        }
        Button order = new Button(getTranslation("shop.order"));
        order.addClickListener(e -> order(offer, plan.getValue(), name, parameters[0], actor.get(), order));
        order.setId("shop-order");
        order.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        order.setDisableOnClick(true);
        add(order);
    }

    private ListItem[] priceLines(ShopOffers.Plan plan, Locale locale) {
        if (plan.prices().isEmpty()) {
            return new ListItem[] { new ListItem(getTranslation("shop.no-price")) };
        }
        return plan.prices().stream().map(p -> new ListItem(getTranslation("shop.price-line",
                ShopOffers.format(p.net(), p.currency(), locale), getTranslation(p.perKey(), p.counted()),
                ShopOffers.format(p.gross(), p.currency(), locale),
                ShopOffers.format(p.taxRate(), locale)))).toArray(ListItem[]::new);
    }

    private void order(ShopOffers.Offer offer, ShopOffers.Plan plan, TextField name, ParameterForm form, Actor actor,
            Button button) {
        try {
            name.setInvalid(false);
            Optional<Map<String, Object>> parameters = form.value();
            if (parameters.isEmpty()) {
                return;
            }
            Map<String, String> problems = schemas.problems(offer.releaseId(), plan.name(), json.valueToTree(parameters.get()));
            if (!problems.isEmpty()) {
                form.showProblems(problems);
                return;
            }
            Orders.Order placed = orders.orderNow(List.of(new Orders.NewLine(null, offer.releaseReference(), plan.name(),
                    name.getValue(), parameters.get())), actor);
            getUI().ifPresent(ui -> ui.navigate(placed.state().equals(OrderWorkflows.CONFIRMED)
                    ? "my/services/" + placed.lines().get(0).tree() : "orders/" + placed.reference()));
        } catch (ValidationException e) {
            show(e, name, form);
        } finally {
            button.setEnabled(true);
        }
    }

    private static void show(ValidationException e, TextField name, ParameterForm form) {
        String field = e.field() == null ? "" : e.field().replaceFirst("^services\\[\\d+]\\.", "");
        if (field.equals("title")) {
            name.setErrorMessage(e.getMessage());
            name.setInvalid(true);
        } else if (field.startsWith("parameters")) {
            form.showProblems(Map.of(field.replaceFirst("^parameters\\.?", ""), e.getMessage()));
        } else {
            org.edgewise.ui.Notifications.error(e.getMessage());
        }
    }
}

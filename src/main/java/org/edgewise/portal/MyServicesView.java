package org.edgewise.portal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.document.DocumentNotFoundException;
import org.edgewise.instance.InstanceWorkflows;
import org.edgewise.pricing.Money;
import org.edgewise.security.CurrentUser;
import org.edgewise.subscription.MonthSoFar;
import org.edgewise.ui.Notifications;
import org.edgewise.upgrade.UpgradeBanners;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.DescriptionList;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.virtuallist.VirtualList;
import com.vaadin.flow.data.provider.DataProvider;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;

import jakarta.annotation.security.RolesAllowed;

/**
 * My services: a card per service of the customer's organisation, paged lazily from the database, each with
 * what is true of it, its health, its addresses as links, its cost so far this month and its actions, each
 * confirmed after saying what it costs the customer. {@code /my/services/SRV-…} shows the one service, with the
 * upgrade proposed for it if there is one, kept up to date while it is open, so that the customer sees a new
 * service start and a destroyed one go without reloading.
 */
@Route("my/services/:reference?")
@RolesAllowed(Role.CUSTOMER_NAME)
public class MyServicesView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    static final String ROUTE = "my/services";
    private static final int REFRESH_MILLIS = 2000;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm z", Locale.ENGLISH);

    private final MyServices services;
    private final UpgradeBanners upgrades;
    private final Actor actor;
    private String reference;
    private Registration polling;

    public MyServicesView(MyServices services, UpgradeBanners upgrades, CurrentUser currentUser) {
        this.services = services;
        this.upgrades = upgrades;
        this.actor = currentUser.actor();
        addClassNames("portal", "my-services");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        reference = event.getRouteParameters().get("reference").orElse(null);
        event.getUI().setPollInterval(reference == null ? -1 : REFRESH_MILLIS);
        show();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        polling = event.getUI().addPollListener(e -> {
            if (reference != null) {
                show();
            }
        });
    }

    @Override
    protected void onDetach(DetachEvent event) {
        event.getUI().setPollInterval(-1);
        if (polling != null) {
            polling.remove();
        }
    }

    @Override
    public String getPageTitle() {
        return (reference == null ? "My services" : reference) + " · Edgewise";
    }

    private void show() {
        removeAll();
        if (reference == null) {
            showAll();
        } else {
            showOne();
        }
    }

    private void showAll() {
        add(new H2("My services"));
        VirtualList<MyServices.MyService> list = new VirtualList<>();
        list.setId("my-services");
        list.addClassName("my-service-list");
        list.setRenderer(new ComponentRenderer<>(service -> card(service, false)));
        list.setDataProvider(DataProvider.<MyServices.MyService>fromCallbacks(
                query -> services.page(actor, query.getOffset(), query.getLimit()).stream(),
                query -> services.count(actor)));
        if (services.count(actor) == 0) {
            Paragraph none = new Paragraph("You have no service yet. ");
            none.add(new Anchor("shop", "Order one in the shop."));
            none.setId("my-services-empty");
            add(none);
            return;
        }
        addAndExpand(list);
    }

    private void showOne() {
        Anchor back = new Anchor(ROUTE, "← All my services");
        back.setId("my-services-all");
        add(back);
        try {
            MyServices.MyService service = services.get(reference, actor);
            upgrades.forTree(service.reference(), actor).ifPresent(this::add);
            add(card(service, true));
        } catch (DocumentNotFoundException e) {
            Paragraph missing = new Paragraph("You have no service " + reference + ".");
            missing.setId("my-service-missing");
            add(missing);
        }
    }

    /**
     * A service's card. The elements a person acts on carry class names in the list, and ids as well when the
     * page shows the one service.
     */
    private Component card(MyServices.MyService service, boolean alone) {
        Div card = new Div();
        card.addClassName("my-service");
        card.setId("my-service-" + service.reference());
        Anchor title = new Anchor(ROUTE + "/" + service.reference(), service.title());
        title.addClassName("my-service-title");
        Span reference = new Span(service.reference());
        reference.addClassName("document-reference");
        Div header = new Div(title, reference);
        header.addClassName("my-service-header");
        card.add(header);

        Paragraph what = new Paragraph(describe(service));
        what.addClassName("my-service-product");
        card.add(what);

        Span status = tone(new Span(service.status().text()), service.status().tone().cssName());
        status.addClassNames("my-service-status");
        Span health = tone(new Span(service.health().text()), switch (service.health().verdict()) {
            case HEALTHY -> "success";
            case FAILING -> "danger";
            case NOT_CHECKED -> "neutral";
        });
        health.addClassName("my-service-health");
        DescriptionList facts = new DescriptionList();
        facts.addClassName("my-service-facts");
        fact(facts, "Status", status);
        fact(facts, "Health", health);
        fact(facts, "This month", cost(service));
        card.add(facts);

        card.add(new H4("Connection"), connection(service, alone));
        Div actions = new Div();
        actions.addClassName("my-service-actions");
        for (String action : service.actions()) {
            actions.add(actionButton(service, action, alone));
        }
        Anchor help = new Anchor("my/tickets?about=" + service.reference(), "Ask for help");
        help.addClassName("my-service-help");
        if (alone) {
            help.setId("my-service-help");
        }
        actions.add(help);
        card.add(actions);
        if (alone) {
            identify(status, "my-service-status");
            identify(health, "my-service-health");
        }
        return card;
    }

    private static String describe(MyServices.MyService service) {
        String product = service.product().isEmpty() ? "A product no longer in the catalogue" : service.product();
        return product + " · plan " + service.plan()
                + (service.version().isEmpty() ? "" : " · version " + service.version());
    }

    private static void fact(DescriptionList list, String term, Component value) {
        list.add(new DescriptionList.Term(term), new DescriptionList.Description(value));
    }

    private static Span tone(Span span, String tone) {
        span.addClassName("my-tone");
        span.getElement().setAttribute("data-tone", tone);
        return span;
    }

    /** What the service publishes; addresses open in a new tab; nothing once destroyed, since they serve others. */
    private static Component connection(MyServices.MyService service, boolean alone) {
        JsonNode values = service.connection();
        if (service.destroyed()) {
            return new Paragraph("Destroyed: its addresses may already serve another service.");
        }
        if (values == null || !values.isObject() || values.isEmpty()) {
            Paragraph none = new Paragraph("Nothing published yet: its addresses appear here once it runs.");
            none.addClassName("my-service-connection");
            return none;
        }
        DescriptionList list = new DescriptionList();
        list.addClassName("my-service-connection");
        boolean firstUrl = true;
        for (Map.Entry<String, JsonNode> entry : values.properties()) {
            String value = entry.getValue().isValueNode() ? entry.getValue().asText() : entry.getValue().toString();
            Component shown;
            if (value.startsWith("http://") || value.startsWith("https://")) {
                Anchor link = new Anchor(value, value, AnchorTarget.BLANK);
                link.getElement().setAttribute("rel", "noopener");
                link.addClassName("my-service-url");
                if (alone && firstUrl) {
                    link.setId("my-service-url");
                }
                firstUrl = false;
                shown = link;
            } else {
                shown = new Span(value);
            }
            list.add(new DescriptionList.Term(entry.getKey()), new DescriptionList.Description(shown));
        }
        return list;
    }

    /** The subscription's share and the priced usage so far this month, with their totals. */
    private static Component cost(MyServices.MyService service) {
        Div cost = new Div();
        cost.addClassName("my-service-cost");
        if (service.monthSoFar().isEmpty()) {
            cost.add(new Span("Not billed"));
            return cost;
        }
        MonthSoFar.Estimate estimate = service.monthSoFar().get();
        Map<String, BigDecimal> totals = estimate.totals();
        Span total = new Span(totals.isEmpty() ? "Nothing so far"
                : String.join(" + ", totals.entrySet().stream().map(e -> Money.rounded(e.getValue(), e.getKey())).toList())
                        + " so far");
        total.addClassName("my-service-cost-total");
        cost.add(total);
        for (MonthSoFar.Cost part : estimate.costs()) {
            Paragraph line = new Paragraph(label(part) + ": " + Money.rounded(part.amount(), part.currency()));
            line.addClassName("my-service-cost-line");
            cost.add(line);
        }
        if (estimate.unpricedUsage() > 0) {
            cost.add(new Paragraph("Some usage has no price and costs nothing."));
        }
        return cost;
    }

    private static String label(MonthSoFar.Cost part) {
        String quantity = part.quantity().setScale(2, RoundingMode.HALF_UP).toPlainString();
        return switch (part.charge()) {
            case "month" -> "Subscription, " + part.quantity().movePointRight(2).setScale(1, RoundingMode.HALF_UP)
                    .toPlainString() + " % of the month";
            case "cpu_hour" -> "CPU time, " + quantity + " h";
            case "disk_gb_month" -> "Disk space, " + quantity + " GB-months";
            default -> part.charge().replaceFirst("^counter:", "").replace('_', ' ') + ", " + quantity;
        };
    }

    private Button actionButton(MyServices.MyService service, String action, boolean alone) {
        Button button = new Button(switch (action) {
            case InstanceWorkflows.START -> "Start";
            case InstanceWorkflows.STOP -> "Stop";
            default -> "Destroy";
        }, e -> confirm(service, action));
        button.addClassName("my-service-" + action);
        if (alone) {
            button.setId("my-service-" + action);
        }
        if (action.equals(InstanceWorkflows.DESTROY)) {
            button.addThemeVariants(ButtonVariant.LUMO_ERROR);
        }
        return button;
    }

    /** Says what the action costs the customer before it is taken. */
    private void confirm(MyServices.MyService service, String action) {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setId("confirm-action");
        dialog.setCancelable(true);
        String name = "\"" + service.title() + "\"";
        switch (action) {
            case InstanceWorkflows.START -> {
                dialog.setHeader("Start " + name + "?");
                dialog.setText("The service starts again with its data and parameters as they were. Its subscription "
                        + "continues.");
            }
            case InstanceWorkflows.STOP -> {
                dialog.setHeader("Stop " + name + "?");
                dialog.setText("The service stops answering; its subscription continues and is billed as before. Its "
                        + "data stays, and you can start it again.");
            }
            default -> {
                dialog.setHeader("Destroy " + name + "?");
                dialog.setText("The service's data in its partition is erased and its address goes to another "
                        + "service; this cannot be undone. Billing stops at " + WHEN.format(services.now()) + ".");
            }
        }
        Button ok = new Button(action.equals(InstanceWorkflows.DESTROY) ? "Destroy"
                : action.equals(InstanceWorkflows.STOP) ? "Stop" : "Start");
        ok.setId("confirm-action-confirm");
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY,
                action.equals(InstanceWorkflows.START) ? ButtonVariant.LUMO_SUCCESS : ButtonVariant.LUMO_ERROR);
        ok.addClickListener(e -> {
            dialog.close();
            if (Notifications.attempt(() -> services.act(service.reference(), action, actor))) {
                Notifications.success(service.reference() + ": " + switch (action) {
                    case InstanceWorkflows.START -> "asked to start.";
                    case InstanceWorkflows.STOP -> "asked to stop.";
                    default -> "asked to be destroyed.";
                });
            }
            show();
        });
        dialog.setConfirmButton(ok);
        Button cancel = new Button("Keep it as it is", e -> dialog.close());
        cancel.setId("confirm-action-cancel");
        dialog.setCancelButton(cancel);
        dialog.open();
    }

    private static void identify(Component component, String id) {
        component.setId(id);
    }
}

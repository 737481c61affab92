package org.edgewise.ui;

import java.util.EnumSet;
import java.util.List;

import org.edgewise.access.Role;
import org.edgewise.security.CurrentUser;
import org.edgewise.security.SignedInUser;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;

import jakarta.annotation.security.PermitAll;

/**
 * The console shell. The navigation lists exactly the views the signed-in user may open: Vaadin
 * builds the menu from the same access annotations that guard the URLs. A customer's menu starts with the
 * portal: their services, orders, invoices, account and the shop.
 */
@Layout
@PermitAll
public class MainLayout extends AppLayout {

    /** A customer's services, where the portal starts. */
    public static final String MY_SERVICES = "my/services";
    /** Where a customer orders; the shop's own views answer it. */
    public static final String SHOP = "shop";
    /** A customer's orders, listed by the shop. */
    public static final String MY_ORDERS = "my/orders";

    /** Console lists a customer's portal entries already show: "My orders", "My tickets", "My upgrades". */
    private static final java.util.Set<String> REPLACED_BY_PORTAL = java.util.Set.of("orders", "tickets",
            "upgrade-decisions");

    private record PortalEntry(String title, String path, VaadinIcon icon) { }

    /** What a customer comes for, first in their menu, before the console's lists they may also open. */
    private static final List<PortalEntry> PORTAL = List.of(
            new PortalEntry("My services", MY_SERVICES, VaadinIcon.CLOUD),
            new PortalEntry("My orders", MY_ORDERS, VaadinIcon.CART),
            new PortalEntry("My invoices", "my/invoices", VaadinIcon.INVOICE),
            new PortalEntry("My tickets", "my/tickets", VaadinIcon.LIFEBUOY),
            new PortalEntry("My upgrades", "my/upgrades", VaadinIcon.ARROW_CIRCLE_UP_O),
            new PortalEntry("My account", "my/account", VaadinIcon.USER),
            new PortalEntry("Shop", SHOP, VaadinIcon.SHOP));

    public MainLayout(CurrentUser currentUser) {
        addClassName("main-layout");
        Span brand = new Span("Edgewise");
        brand.addClassName("brand");
        HorizontalLayout navbar = new HorizontalLayout(new DrawerToggle(), brand);
        navbar.setAlignItems(FlexComponent.Alignment.CENTER);
        navbar.setWidthFull();
        Span spacer = new Span();
        navbar.add(spacer);
        navbar.setFlexGrow(1, spacer);
        currentUser.user().ifPresent(user -> navbar.add(userBox(user), signOut(currentUser)));
        navbar.addClassName("navbar");
        addToNavbar(navbar);

        SideNav nav = new SideNav();
        nav.setId("main-nav");
        boolean customerOnly = currentUser.user().map(u -> u.roles().equals(EnumSet.of(Role.CUSTOMER))).orElse(false);
        if (customerOnly) {
            PORTAL.forEach(p -> {
                SideNavItem item = new SideNavItem(p.title(), p.path(), new Icon(p.icon()));
                item.setId("nav-" + p.path().replace('/', '-'));
                nav.addItem(item);
            });
        }
        for (MenuEntry entry : MenuConfiguration.getMenuEntries()) {
            if (customerOnly && REPLACED_BY_PORTAL.contains(entry.path().replaceFirst("^/", ""))) {
                continue;
            }
            SideNavItem item = entry.icon() == null ? new SideNavItem(entry.title(), entry.path())
                    : new SideNavItem(entry.title(), entry.path(), new Icon(entry.icon()));
            nav.addItem(item);
        }
        addToDrawer(nav);
        setPrimarySection(Section.DRAWER);
    }

    private static Span userBox(SignedInUser user) {
        String roles = String.join(", ", user.roles().stream().sorted().map(Role::label).toList());
        Span who = new Span(user.displayName() + " · " + roles);
        who.setId("signed-in-user");
        who.addClassName("signed-in-user");
        return who;
    }

    private static Button signOut(CurrentUser currentUser) {
        Button b = new Button("Sign out", e -> currentUser.signOut());
        b.setId("sign-out");
        b.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        return b;
    }
}

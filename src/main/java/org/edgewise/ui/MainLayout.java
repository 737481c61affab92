package org.edgewise.ui;

import org.edgewise.access.Role;
import org.edgewise.security.CurrentUser;
import org.edgewise.security.SignedInUser;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
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
 * builds the menu from the same access annotations that guard the URLs.
 */
@Layout
@PermitAll
public class MainLayout extends AppLayout {

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
        for (MenuEntry entry : MenuConfiguration.getMenuEntries()) {
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

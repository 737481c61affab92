package org.edgewise.account;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.server.VaadinSession;

/** The frame of the pages a visitor sees before signing in: the brand, a title, and the page's own content. */
abstract class PublicPage extends VerticalLayout {

    private final VerticalLayout content = new VerticalLayout();

    PublicPage(String title) {
        addClassName("public-page");
        setAlignItems(Alignment.CENTER);
        content.setMaxWidth("28rem");
        content.setPadding(false);
        H1 brand = new H1("Edgewise");
        brand.addClassName("brand");
        add(brand, new H2(title), content);
    }

    void show(Component... components) {
        content.removeAll();
        content.add(components);
    }

    static Paragraph message(String id, String text) {
        Paragraph message = new Paragraph(text);
        message.setId(id);
        return message;
    }

    static Anchor signInLink() {
        Anchor link = new Anchor("login", "Sign in");
        link.setId("go-to-sign-in");
        return link;
    }

    /** The network address the visitor's browser came from, for the limits per client. */
    static String clientAddress() {
        VaadinSession session = VaadinSession.getCurrent();
        return session == null || session.getBrowser() == null ? null : session.getBrowser().getAddress();
    }
}

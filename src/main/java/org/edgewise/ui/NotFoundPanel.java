package org.edgewise.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/** What a view shows for a reference that does not exist or that this user may not see. */
public class NotFoundPanel extends VerticalLayout {

    public NotFoundPanel(String what, String reference, String backUrl, String backText) {
        setId("not-found");
        addClassName("not-found");
        add(new H2(what + " not found"),
                new Paragraph("There is no " + what.toLowerCase() + " " + reference + " that you can see."),
                new Anchor(backUrl, backText));
    }
}

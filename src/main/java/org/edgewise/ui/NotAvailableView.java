package org.edgewise.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.server.HttpStatusCode;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/**
 * Shown for an address that does not exist and for a view the user's roles do not open: the two
 * look the same, so the console does not tell which staff pages exist.
 */
@ParentLayout(MainLayout.class)
@AnonymousAllowed
public class NotAvailableView extends VerticalLayout implements HasErrorParameter<NotFoundException> {

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        removeAll();
        setId("not-available");
        add(new H2("Page not available"),
                new Paragraph("The page \"" + event.getLocation().getPath()
                        + "\" does not exist or is not available to you."),
                new Anchor("", "Go to your home page"));
        return HttpStatusCode.NOT_FOUND.getCode();
    }
}

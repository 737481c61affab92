package org.edgewise.mail;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.security.CurrentUser;
import org.edgewise.ui.Formats;

import com.vaadin.flow.component.Text;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

/**
 * The mails the Master sent or is about to send, newest first, each opened to its text with its links
 * clickable: without a mail server, this is where someone trying the Master follows a confirmation link.
 */
@Route("outbox")
@PageTitle("Outbox · Edgewise")
@Menu(order = 53, title = "Outbox", icon = "vaadin:envelopes-o")
@RolesAllowed(Role.ADMIN_NAME)
public class OutboxView extends VerticalLayout {

    /** An address up to the next space, without the punctuation of the sentence it ends. */
    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]*[^\\s<>\".,;:!?)]");

    public OutboxView(Outbox outbox, CurrentUser currentUser) {
        Actor actor = currentUser.actor();
        addClassName("outbox");
        setMaxWidth("1400px");
        Grid<Outbox.Queued> grid = new Grid<>();
        grid.setId("outbox");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(m -> Formats.when(m.queuedAt(), "")).setHeader("Queued").setAutoWidth(true);
        grid.addColumn(Outbox.Queued::to).setHeader("To").setAutoWidth(true).setResizable(true);
        grid.addColumn(Outbox.Queued::subject).setHeader("Subject").setFlexGrow(1).setResizable(true);
        grid.addColumn(m -> m.attachmentKind() == null ? "" : m.attachmentReference() + " (PDF)").setHeader("Attached")
                .setAutoWidth(true);
        grid.addColumn(OutboxView::status).setHeader("Status").setAutoWidth(true).setResizable(true);
        grid.setItemDetailsRenderer(new ComponentRenderer<>(OutboxView::text));
        grid.setDetailsVisibleOnClick(true);
        grid.setItems(query -> outbox.page(query.getOffset(), query.getLimit(), actor).stream(),
                query -> outbox.count(actor));
        grid.setEmptyStateText("No mail was queued yet.");
        add(new H2("Outbox"), new Paragraph("Click a mail to read it. Mails wait here until a mail server "
                + "(spring.mail.host) takes them; the links in them work from here too."), grid);
        setFlexGrow(1, grid);
        setHeightFull();
    }

    private static String status(Outbox.Queued mail) {
        if (mail.sentAt() != null) {
            return "sent " + Formats.when(mail.sentAt(), "");
        }
        if (mail.lastError() != null) {
            return "failed " + mail.attempts() + (mail.attempts() == 1 ? " time" : " times") + ", next try "
                    + Formats.when(mail.nextAttemptAt(), "") + ": " + mail.lastError();
        }
        return "waiting";
    }

    /** The mail's text as written, its addresses as links. */
    static Div text(Outbox.Queued mail) {
        Div text = new Div();
        text.addClassName("mail-text");
        text.getStyle().set("white-space", "pre-wrap");
        Matcher link = LINK.matcher(mail.text());
        int written = 0;
        while (link.find()) {
            text.add(new Text(mail.text().substring(written, link.start())));
            Anchor anchor = new Anchor(link.group(), link.group());
            anchor.addClassName("mail-link");
            text.add(anchor);
            written = link.end();
        }
        text.add(new Text(mail.text().substring(written)));
        return text;
    }
}

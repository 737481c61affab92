package org.edgewise.ui;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.BiConsumer;

import org.edgewise.document.FieldChange;
import org.edgewise.document.TimelineEntry;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;

/**
 * A document's history, newest first, with a box to add a comment. Staff may make a comment an internal note,
 * which customers do not read.
 */
public class TimelinePanel extends VerticalLayout {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

    private final UnorderedList entries = new UnorderedList();

    /** @param onComment called with the text, and whether it is an internal note (offered to staff only) */
    public TimelinePanel(boolean staff, BiConsumer<String, Boolean> onComment) {
        addClassName("timeline");
        setPadding(false);
        entries.addClassName("timeline-entries");
        TextArea comment = new TextArea();
        comment.setPlaceholder("Add a comment for the people who work on this document");
        comment.setWidthFull();
        comment.setMaxLength(org.edgewise.document.DocumentEngine.MAX_COMMENT_LENGTH);
        comment.setId("timeline-comment");
        Checkbox internal = new Checkbox("Internal note (staff only)");
        internal.setId("timeline-internal");
        internal.setVisible(staff);
        Button add = new Button("Add comment", e -> {
            onComment.accept(comment.getValue(), internal.getValue());
            comment.clear();
        });
        add.setId("timeline-add-comment");
        add.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        add.addClickShortcut(Key.ENTER, KeyModifier.CONTROL);
        add(new H3("Timeline"), comment, internal, add, entries);
    }

    public void show(List<TimelineEntry> timeline) {
        entries.removeAll();
        for (int i = timeline.size() - 1; i >= 0; i--) {
            entries.add(render(timeline.get(i)));
        }
    }

    private static ListItem render(TimelineEntry e) {
        ListItem item = new ListItem();
        item.addClassName("timeline-entry");
        item.getElement().setAttribute("data-kind", e.kind().name().toLowerCase());
        Span when = new Span(TIME.format(e.at().withOffsetSameInstant(ZoneOffset.UTC)));
        when.addClassName("timeline-when");
        Span who = new Span(e.actor());
        who.addClassName("timeline-who");
        Span what = new Span(describe(e));
        what.addClassName("timeline-what");
        item.add(new Div(when, who, what));
        if (!e.changes().isEmpty()) {
            UnorderedList changes = new UnorderedList();
            changes.addClassName("timeline-changes");
            for (FieldChange c : e.changes()) {
                changes.add(new ListItem(c.field() + ": " + show(c.oldValue()) + " → " + show(c.newValue())));
            }
            item.add(changes);
        }
        if (e.comment() != null) {
            Div comment = new Div(e.comment());
            comment.addClassName("timeline-comment-text");
            item.add(comment);
        }
        return item;
    }

    static String describe(TimelineEntry e) {
        return switch (e.kind()) {
            case CREATED -> "created it (" + e.toState() + ")";
            case TRANSITION -> e.action() + ": " + e.fromState() + " → " + e.toState();
            case CHANGE -> "changed";
            case COMMENT -> "commented";
            case NOTE -> "wrote an internal note";
        };
    }

    private static String show(String value) {
        return value == null ? "(empty)" : value;
    }
}

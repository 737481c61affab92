package org.edgewise.ui;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.edgewise.access.Actor;
import org.edgewise.document.Document;
import org.edgewise.document.State;
import org.edgewise.document.Tone;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.Transition;
import org.edgewise.document.Workflow;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/**
 * The one shape of every document view: a header with the reference, title and state badge, the
 * actions the workflow allows this user now, the document's fields, its lines where it has any, and
 * its timeline with a comment box.
 */
public class DocumentPage extends VerticalLayout {

    private final DocumentEngine engine;
    private final Actor actor;
    private final Consumer<Document> onChange;
    private final H2 heading = new H2();
    private final Span reference = new Span();
    private final Span number = new Span();
    private final StateBadge badge = new StateBadge(State.of("", Tone.NEUTRAL));
    private final HorizontalLayout actions = new HorizontalLayout();
    private final Div fields = new Div();
    private final Div lines = new Div();
    private final TimelinePanel timeline;
    private final Map<String, String> warnings = new HashMap<>();
    private Document document;
    private Document actionTarget;
    private String actionHint;

    /**
     * @param onChange called with the document after any action or comment, so the view can reload
     */
    public DocumentPage(DocumentEngine engine, Actor actor, Consumer<Document> onChange) {
        this.engine = engine;
        this.actor = actor;
        this.onChange = onChange;
        addClassName("document-page");
        setMaxWidth("1100px");
        reference.addClassName("document-reference");
        reference.setId("document-reference");
        number.addClassName("document-number");
        number.setId("document-number");
        badge.setId("document-state");
        heading.addClassName("document-title");
        heading.setId("document-title");
        actions.addClassName("document-actions");
        actions.setId("document-actions");
        HorizontalLayout titleRow = new HorizontalLayout(reference, number, badge);
        titleRow.setAlignItems(FlexComponent.Alignment.BASELINE);
        VerticalLayout titles = new VerticalLayout(titleRow, heading);
        titles.setPadding(false);
        titles.setSpacing(false);
        titles.setWidth(null);
        HorizontalLayout header = new HorizontalLayout(titles, actions);
        header.addClassName("document-header");
        header.setWidthFull();
        header.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        fields.addClassName("document-fields");
        fields.setWidthFull();
        lines.addClassName("document-lines");
        lines.setWidthFull();
        lines.setVisible(false);
        timeline = new TimelinePanel(actor.isStaff(), (text, internal) -> {
            if (Notifications.attempt(() -> {
                if (internal) {
                    engine.note(document.id(), text, actor);
                } else {
                    engine.comment(document.id(), text, actor);
                }
            })) {
                onChange.accept(document);
            }
        });
        add(header, fields, lines, timeline);
    }

    public void setFields(Component content) {
        fields.removeAll();
        fields.add(content);
    }

    public void setLines(Component content) {
        lines.removeAll();
        lines.add(content);
        lines.setVisible(true);
    }

    /**
     * Asks for confirmation before {@code action}, with a text that says what will be lost. Actions
     * that lead to a final state are always confirmed; this is for those the workflow can still follow.
     */
    public void confirmBefore(String action, String warning) {
        warnings.put(action, warning);
    }

    /**
     * Makes the action buttons act on another document than the one shown, whose workflow then decides
     * which buttons appear: for a part that is started, stopped or destroyed with its whole, such as the
     * root instance of a service. {@code hint} tells the user so.
     */
    public void takeActionsOn(Document target, String hint) {
        this.actionTarget = target;
        this.actionHint = hint;
    }

    public void show(Document doc) {
        this.document = doc;
        Document target = actionTarget == null ? doc : actionTarget;
        Workflow workflow = engine.workflow(target.docType());
        reference.setText(doc.reference());
        heading.setText(doc.title());
        badge.setState(engine.workflow(doc.docType()).state(doc.state()));
        number.setVisible(doc.number() != null);
        number.setText(doc.number() == null ? "" : doc.number());
        actions.removeAll();
        for (Transition t : engine.availableActions(target, actor)) {
            Button b = new Button(t.label(), e -> take(target, workflow, t));
            b.setId("action-" + t.action());
            b.addClassName("document-action");
            if (actionHint != null) {
                b.setTooltipText(actionHint);
            }
            if (workflow.state(t.to()).isFinal()) {
                b.addThemeVariants(ButtonVariant.LUMO_ERROR);
            } else if (actions.getComponentCount() == 0) {
                b.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            }
            actions.add(b);
        }
        timeline.show(engine.timeline(doc, actor));
    }

    private void take(Document target, Workflow workflow, Transition t) {
        boolean last = workflow.state(t.to()).isFinal();
        if (last || warnings.containsKey(t.action())) {
            ConfirmDialog confirm = new ConfirmDialog();
            confirm.setId("confirm-action");
            confirm.setHeader(t.label() + " " + target.reference() + "?");
            confirm.setText(warnings.getOrDefault(t.action(), "This is final: " + workflow.label().toLowerCase() + " "
                    + target.reference() + " will be " + t.to() + " and no action can bring it back."));
            confirm.setCancelable(true);
            confirm.setConfirmText(t.label());
            confirm.setConfirmButtonTheme("error primary");
            confirm.addConfirmListener(e -> apply(target, t));
            confirm.open();
        } else {
            apply(target, t);
        }
    }

    private void apply(Document target, Transition t) {
        Document[] after = new Document[1];
        if (Notifications.attempt(() -> after[0] = engine.apply(target.id(), t.action(), actor, null))) {
            Notifications.success(after[0].reference() + " is now " + after[0].state() + ".");
            onChange.accept(after[0]);
        }
    }
}

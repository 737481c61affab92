package org.edgewise.ui;

import com.vaadin.flow.component.html.Span;

/** A state as a coloured pill; the colour says whether it is healthy, waiting, paused, failing or over. */
public class StateBadge extends Span {

    public StateBadge(String state) {
        addClassName("state-badge");
        setState(state);
    }

    public final void setState(String state) {
        setText(state);
        getElement().setAttribute("data-state", state);
        getElement().setAttribute("data-tone", tone(state));
    }

    static String tone(String state) {
        return switch (state) {
            case "open", "active", "started", "available", "published", "paid", "passed", "done", "resolved",
                    "free" -> "good";
            case "draft", "new", "requested", "submitted", "proposed", "building", "busy" -> "waiting";
            case "error", "failed" -> "bad";
            case "closed", "disabled", "stopped", "archived", "deprecated", "waiting on customer" -> "paused";
            default -> "ended";
        };
    }
}

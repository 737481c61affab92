package org.edgewise.ui;

import org.edgewise.document.State;

import com.vaadin.flow.component.html.Span;

/** A state as a coloured pill; its tone, declared with the state, gives the colour. */
public class StateBadge extends Span {

    public StateBadge(State state) {
        addClassName("state-badge");
        setState(state);
    }

    public final void setState(State state) {
        setText(state.label());
        getElement().setAttribute("data-state", state.name());
        getElement().setAttribute("data-tone", state.tone().cssName());
    }
}

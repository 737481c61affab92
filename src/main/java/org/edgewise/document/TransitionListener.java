package org.edgewise.document;

import org.edgewise.security.Actor;

/**
 * Work that must happen together with a transition (assigning a number, freeing a partition…). It runs
 * inside the transition's transaction, after the state change and its timeline entry, so that what it
 * causes is written after its cause: throwing undoes the whole transition, entry included.
 */
public interface TransitionListener {

    void onTransition(Document before, Transition transition, Actor actor);
}

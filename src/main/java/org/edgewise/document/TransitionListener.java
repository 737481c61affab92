package org.edgewise.document;

import org.edgewise.security.Actor;

/**
 * Work that must happen together with a transition (assigning a number, freeing a partition…). It runs
 * inside the transition's transaction, after the state has changed and before the timeline entry is
 * written: throwing undoes the whole transition.
 */
public interface TransitionListener {

    void onTransition(Document before, Transition transition, Actor actor);
}

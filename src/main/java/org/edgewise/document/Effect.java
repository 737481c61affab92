package org.edgewise.document;

import java.util.List;

import org.edgewise.access.Actor;

/**
 * Work that belongs to an action on a document type (freeing a partition when an instance is destroyed,
 * telling a node its plan changed). A feature declares it as a bean; the engine runs it inside the
 * transition's transaction, after the state change and its timeline entry, so that what it causes is
 * written after its cause, and throwing undoes the whole transition, entry included. Work that must
 * happen only once the change is committed (an e-mail, a node woken up) is an event the effect
 * publishes and a {@code @TransactionalEventListener} receives after commit.
 *
 * @param docType the document type
 * @param actions the actions it follows; each must be an action of the type's workflow
 * @param work    what it does
 */
public record Effect(String docType, List<String> actions, Work work) {

    public Effect {
        actions = List.copyOf(actions);
    }

    public static Builder of(String docType, String... actions) {
        return work -> new Effect(docType, List.of(actions), work);
    }

    /** The work itself: the document as it was before, the transition taken, and who took it. */
    @FunctionalInterface
    public interface Work {
        void run(Document before, Transition transition, Actor actor);
    }

    @FunctionalInterface
    public interface Builder {
        Effect by(Work work);
    }
}

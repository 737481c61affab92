package org.edgewise.document;

/**
 * One state of a document type, or of a status a feature shows beside it (what a node reported).
 *
 * @param name    stored in the database and used in URLs ({@code ?state=started})
 * @param label   what people read
 * @param tone    the colour of its badge
 * @param isFinal whether a document in this state is over: nothing leads out of it
 */
public record State(String name, String label, Tone tone, boolean isFinal) {

    /** A state that is not part of a workflow, for a status a feature shows with the same badge. */
    public static State of(String name, Tone tone) {
        return new State(name, name, tone, false);
    }
}

package org.edgewise.document;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.access.RoleGroup;

/**
 * The whole definition of one document type, declared as data: its states (with their label, tone and
 * whether they are final), the allowed (from, action, to) transitions and who may take them, who may
 * create a document and for which owner, who may edit it in which states, the series its references
 * come from, and the action that gives it a legal number. The engine, the console's badges and filters
 * and the API all read it from here.
 */
public final class Workflow {

    private final String docType;
    private final String label;
    private final String series;
    private final boolean gapless;
    private final String initialState;
    private final Map<String, State> states;
    private final List<String> stateOrder;
    private final List<RoleGroup> creators;
    private final List<RoleGroup> editors;
    private final List<RoleGroup> readers;
    private final Set<String> editableStates;
    private final List<Transition> transitions;
    private final boolean ownedBySelf;
    private final Numbering numbering;

    private Workflow(Builder b) {
        this.docType = b.docType;
        this.label = b.label;
        this.series = b.series;
        this.gapless = b.gapless;
        this.initialState = b.initialState;
        this.states = Map.copyOf(b.states);
        this.creators = List.copyOf(b.creators);
        this.editors = List.copyOf(b.editors.isEmpty() ? b.creators : b.editors);
        this.readers = List.copyOf(b.readers);
        this.editableStates = Set.copyOf(b.editableStates);
        this.transitions = List.copyOf(b.transitions);
        this.ownedBySelf = b.ownedBySelf;
        this.numbering = b.numbering;
        this.stateOrder = List.copyOf(b.states.keySet());
    }

    public static Builder define(String docType, String label) {
        return new Builder(docType, label);
    }

    public String docType() {
        return docType;
    }

    public String label() {
        return label;
    }

    public String series() {
        return series;
    }

    /** Whether references are gapless (the default) or drawn from a sequence; see {@link Builder#gapsAllowed}. */
    public boolean gapless() {
        return gapless;
    }

    public String initialState() {
        return initialState;
    }

    /** Documents of this type are their own owner (a customer organisation sees itself). */
    public boolean isOwnedBySelf() {
        return ownedBySelf;
    }

    /** Whether this actor may create documents of this type (for which owner is the engine's check). */
    public boolean mayCreate(Actor actor) {
        return actor.in(creators.toArray(RoleGroup[]::new));
    }

    /** Whether this actor is among those who may edit documents of this type, in the states that allow it. */
    public boolean mayEdit(Actor actor) {
        return actor.in(editors.toArray(RoleGroup[]::new));
    }

    /**
     * Whether documents of this type may be shown to this actor at all; which ones is then a matter of
     * their owner. A type without readers is shown to whoever sees its owner.
     */
    public boolean mayRead(Actor actor) {
        return readers.isEmpty() || actor.in(readers.toArray(RoleGroup[]::new)) || actor.has(Role.NODE);
    }

    public boolean isEditableIn(String state) {
        return editableStates.contains(state);
    }

    public List<Transition> transitions() {
        return transitions;
    }

    /** Every state of this type, in the order they were declared. */
    public List<State> states() {
        return stateOrder.stream().map(states::get).toList();
    }

    /** The state of this name; refuses a name the workflow does not know. */
    public State state(String name) {
        State state = states.get(name);
        if (state == null) {
            throw new IllegalArgumentException(label + " has no state \"" + name + "\".");
        }
        return state;
    }

    public boolean hasState(String name) {
        return states.containsKey(name);
    }

    public List<Transition> transitionsFrom(String state) {
        return transitions.stream().filter(t -> t.from().equals(state)).toList();
    }

    public Optional<Transition> find(String from, String action) {
        return transitions.stream().filter(t -> t.from().equals(from) && t.action().equals(action)).findFirst();
    }

    /**
     * The transition that takes a document from one state to another, read from the graph: for features
     * that are told a wanted state (a requested state in an API call) rather than an action. Empty when
     * the document is already there; refused when no action leads there.
     */
    public Optional<Transition> towards(String from, String to) {
        state(to);
        if (from.equals(to)) {
            return Optional.empty();
        }
        return Optional.of(transitions.stream().filter(t -> t.from().equals(from) && t.to().equals(to)).findFirst()
                .orElseThrow(() -> new WorkflowException(String.format("%s is %s and cannot become %s.", label, from,
                        to))));
    }

    /** The legal numbering of this type, if documents get a number on an action (invoices on issue). */
    public Optional<Numbering> numbering() {
        return Optional.ofNullable(numbering);
    }

    /**
     * Documents get a legal number when {@code action} is taken: the next of a gapless counter per series
     * and period, formatted by {@code pattern}.
     */
    public record Numbering(String action, String series, NumberPattern pattern) { }

    public static final class Builder {
        private final String docType;
        private final String label;
        private String series;
        private boolean gapless = true;
        private String initialState;
        private final Map<String, State> states = new LinkedHashMap<>();
        private final List<RoleGroup> creators = new ArrayList<>();
        private final List<RoleGroup> editors = new ArrayList<>();
        private final List<RoleGroup> readers = new ArrayList<>();
        private final Set<String> editableStates = new LinkedHashSet<>();
        private final List<Transition> transitions = new ArrayList<>();
        private boolean ownedBySelf;
        private Numbering numbering;

        private Builder(String docType, String label) {
            this.docType = docType;
            this.label = label;
        }

        /** References look like {@code SERIES-000042}. */
        public Builder series(String series) {
            this.series = series;
            return this;
        }

        /**
         * References come from the database sequence {@code reference_<series>_seq} (created by a
         * migration) instead of the gapless counter row: never reused and never waited for, but a
         * rolled-back document leaves a gap. For documents made by the thousand that nobody files in
         * order (instance trees, instances), so that concurrent requests do not queue on one row until
         * each commits. Legal numbers ({@link #numberedOn}) are always gapless.
         */
        public Builder gapsAllowed() {
            this.gapless = false;
            return this;
        }

        /** A state people read as its name. */
        public Builder state(String name, Tone tone) {
            return state(name, name, tone);
        }

        public Builder state(String name, String label, Tone tone) {
            return add(new State(name, label, tone, false));
        }

        /** A state nothing leads out of. */
        public Builder finalState(String name, Tone tone) {
            return add(new State(name, name, tone, true));
        }

        public Builder finalState(String name, String label, Tone tone) {
            return add(new State(name, label, tone, true));
        }

        private Builder add(State state) {
            if (states.putIfAbsent(state.name(), state) != null) {
                throw new IllegalStateException(docType + ": state " + state.name() + " is declared twice");
            }
            return this;
        }

        public Builder initial(String state) {
            this.initialState = state;
            return this;
        }

        /** Who may create documents of this type; a customer only for their own organisation. */
        public Builder createdBy(RoleGroup... groups) {
            creators.addAll(Arrays.asList(groups));
            return this;
        }

        /** Who may edit; without it, those who may create. */
        public Builder editedBy(RoleGroup... groups) {
            editors.addAll(Arrays.asList(groups));
            return this;
        }

        /** Only these may see documents of this type (and nodes, which reach them through their own API). */
        public Builder readBy(RoleGroup... groups) {
            readers.addAll(Arrays.asList(groups));
            return this;
        }

        public Builder ownedBySelf() {
            this.ownedBySelf = true;
            return this;
        }

        public Builder editableIn(String... states) {
            editableStates.addAll(Arrays.asList(states));
            return this;
        }

        public Builder transition(String from, String action, String to, String label, RoleGroup... who) {
            if (who.length == 0) {
                throw new IllegalArgumentException(docType + ": transition " + action + " names nobody who may take it");
            }
            transitions.add(new Transition(from, action, to, label, Arrays.asList(who)));
            return this;
        }

        /** Gives a document a legal number when {@code action} is taken, e.g. {@code INV-{yyyy}-{000000}} on issue. */
        public Builder numberedOn(String action, String series, String pattern) {
            this.numbering = new Numbering(action, series, NumberPattern.parse(pattern));
            return this;
        }

        public Workflow build() {
            if (series == null || initialState == null || creators.isEmpty()) {
                throw new IllegalStateException(docType + ": a workflow needs a series, an initial state and creators");
            }
            requireDeclared(initialState);
            editableStates.forEach(this::requireDeclared);
            Set<String> seen = new LinkedHashSet<>();
            for (Transition t : transitions) {
                requireDeclared(t.from());
                requireDeclared(t.to());
                if (states.get(t.from()).isFinal()) {
                    throw new IllegalStateException(docType + ": " + t.from() + " is final, yet " + t.action()
                            + " leads out of it");
                }
                if (!seen.add(t.from() + "\u0000" + t.action())) {
                    throw new IllegalStateException(docType + ": two transitions for " + t.action() + " from " + t.from());
                }
            }
            if (numbering != null && transitions.stream().noneMatch(t -> t.action().equals(numbering.action()))) {
                throw new IllegalStateException(docType + ": numbered on " + numbering.action() + ", which no transition is");
            }
            return new Workflow(this);
        }

        private void requireDeclared(String state) {
            if (!states.containsKey(state)) {
                throw new IllegalStateException(docType + ": state " + state + " is used but not declared");
            }
        }
    }
}

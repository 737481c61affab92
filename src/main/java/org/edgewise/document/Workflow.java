package org.edgewise.document;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.edgewise.security.Role;

/**
 * The state machine of one document type, declared as data: its states, the allowed
 * (from, action, to) transitions with the roles that may take them, the roles that may create a
 * document, the states in which its fields may be edited, and the series its references come from.
 */
public final class Workflow {

    private final String docType;
    private final String label;
    private final String series;
    private final boolean gapless;
    private final String initialState;
    private final Set<Role> createRoles;
    private final Set<String> editableStates;
    private final List<Transition> transitions;
    private final boolean ownedBySelf;

    private Workflow(Builder b) {
        this.ownedBySelf = b.ownedBySelf;
        this.docType = b.docType;
        this.label = b.label;
        this.series = b.series;
        this.gapless = b.gapless;
        this.initialState = b.initialState;
        this.createRoles = EnumSet.copyOf(b.createRoles);
        this.editableStates = Set.copyOf(b.editableStates);
        this.transitions = List.copyOf(b.transitions);
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

    public Set<Role> createRoles() {
        return createRoles;
    }

    /** Documents of this type are their own owner (a customer organisation sees itself). */
    public boolean isOwnedBySelf() {
        return ownedBySelf;
    }

    public boolean isEditableIn(String state) {
        return editableStates.contains(state);
    }

    public List<Transition> transitions() {
        return transitions;
    }

    /** Every state this workflow knows, in the order they were declared. */
    public List<String> states() {
        Set<String> states = new LinkedHashSet<>();
        states.add(initialState);
        transitions.forEach(t -> {
            states.add(t.from());
            states.add(t.to());
        });
        return List.copyOf(states);
    }

    public List<Transition> transitionsFrom(String state) {
        return transitions.stream().filter(t -> t.from().equals(state)).toList();
    }

    public Optional<Transition> find(String from, String action) {
        return transitions.stream().filter(t -> t.from().equals(from) && t.action().equals(action)).findFirst();
    }

    public static final class Builder {
        private final String docType;
        private final String label;
        private String series;
        private boolean gapless = true;
        private String initialState;
        private final Set<Role> createRoles = EnumSet.noneOf(Role.class);
        private final Set<String> editableStates = new LinkedHashSet<>();
        private final List<Transition> transitions = new ArrayList<>();
        private boolean ownedBySelf;

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
         * each commits. Invoices and orders keep gapless series.
         */
        public Builder gapsAllowed() {
            this.gapless = false;
            return this;
        }

        public Builder initial(String state) {
            this.initialState = state;
            return this;
        }

        public Builder createdBy(Role... roles) {
            createRoles.addAll(Arrays.asList(roles));
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

        public Builder transition(String from, String action, String to, String label, Role... roles) {
            if (roles.length == 0) {
                throw new IllegalArgumentException(docType + ": transition " + action + " names no role");
            }
            transitions.add(new Transition(from, action, to, label, EnumSet.copyOf(Arrays.asList(roles))));
            return this;
        }

        public Workflow build() {
            if (series == null || initialState == null || createRoles.isEmpty()) {
                throw new IllegalStateException(docType + ": a workflow needs a series, an initial state and creators");
            }
            Set<String> seen = new LinkedHashSet<>();
            for (Transition t : transitions) {
                if (!seen.add(t.from() + "\u0000" + t.action())) {
                    throw new IllegalStateException(docType + ": two transitions for " + t.action() + " from " + t.from());
                }
            }
            return new Workflow(this);
        }
    }
}

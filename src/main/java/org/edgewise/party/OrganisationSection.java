package org.edgewise.party;

import java.util.Optional;

import org.edgewise.access.Actor;

import com.vaadin.flow.component.Component;

/**
 * A part of the organisation page that a feature contributes (its services), so that the party feature does
 * not depend on the features built on it.
 */
public interface OrganisationSection {

    /** The section for this organisation, or empty when this user has nothing to see in it. */
    Optional<Component> sectionFor(Organisations.Row organisation, Actor actor);
}

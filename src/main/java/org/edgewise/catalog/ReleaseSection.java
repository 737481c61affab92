package org.edgewise.catalog;

import java.util.Optional;

import org.edgewise.access.Actor;

import com.vaadin.flow.component.Component;

/**
 * A part of the release page that a feature built on releases contributes (their tests, say), so that the
 * catalogue does not depend on it. Sections appear below the release's parameters, in their {@code @Order}.
 */
public interface ReleaseSection {

    /**
     * The section for this release, or empty when this user has nothing to see in it.
     *
     * @param reload reloads the whole release page, e.g. after an action that shows on its timeline
     */
    Optional<Component> sectionFor(Catalog.Release release, Actor actor, Runnable reload);
}

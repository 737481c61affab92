package org.edgewise.instance;

import java.util.Optional;

import org.edgewise.access.Actor;

import com.vaadin.flow.component.Component;

/**
 * A part of the service and instance pages that a feature built on instances contributes (their usage, say), so
 * that this feature does not depend on it. Sections appear below the instances, banners above the service's facts,
 * in their {@code @Order}.
 */
public interface ServiceSection {

    /** What the service's page tells first, above its facts (a proposed upgrade, say), or empty. */
    default Optional<Component> bannerFor(Trees.Tree tree, Actor actor) {
        return Optional.empty();
    }

    /** The section for this service, or empty when this user has nothing to see in it. */
    default Optional<Component> sectionFor(Trees.Tree tree, Actor actor) {
        return Optional.empty();
    }

    /** The section for this instance, or empty when this user has nothing to see in it. */
    default Optional<Component> sectionFor(InstanceInfo instance, Actor actor) {
        return Optional.empty();
    }
}

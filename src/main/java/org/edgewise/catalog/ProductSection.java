package org.edgewise.catalog;

import java.util.Optional;

import org.edgewise.access.Actor;

import com.vaadin.flow.component.Component;

/**
 * A part of the product page that a feature built on products contributes (the history of their tests, say), so
 * that the catalogue does not depend on it. Sections appear below the releases, in their {@code @Order}.
 */
public interface ProductSection {

    /** The section for this product, or empty when this user has nothing to see in it. */
    Optional<Component> sectionFor(Catalog.Product product, Actor actor);
}

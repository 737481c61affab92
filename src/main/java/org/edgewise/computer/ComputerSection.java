package org.edgewise.computer;

import java.util.Optional;


import com.vaadin.flow.component.Component;
import org.edgewise.access.Actor;

/**
 * A part of the computer page that a feature contributes (its software, its partitions, its
 * enrolment), so that the computer feature does not depend on the features built on it. Sections
 * appear in their {@code @Order}.
 */
public interface ComputerSection {

    /**
     * The section for this computer, or empty when this user has nothing to see in it.
     *
     * @param reload reloads the whole computer page, e.g. after a change that shows on its timeline
     */
    Optional<Component> sectionFor(Computers.Row computer, Actor actor, Runnable reload);
}

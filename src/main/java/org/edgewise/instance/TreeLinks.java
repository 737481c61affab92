package org.edgewise.instance;

import java.util.Optional;

import org.edgewise.access.Actor;

/**
 * What another feature keeps about a service and shows on its page as a line with a link (its
 * subscription, say): a bean of that feature, so that this one knows none of them.
 */
public interface TreeLinks {

    /** The line for this tree, if the feature has one this user may see. */
    Optional<Link> linkFor(long treeId, Actor actor);

    /**
     * @param label what the line is, e.g. "Subscription"
     * @param text  the linked text, e.g. "SUB-000012 (active)"
     * @param href  the console address it opens, e.g. "subscriptions/SUB-000012"
     */
    record Link(String label, String text, String href) { }
}

package org.edgewise.ui;

import java.util.List;

import org.edgewise.access.Actor;

/** What a feature puts on a user's home page: counts of documents that need attention, with deep links. */
public interface Attention {

    record Item(String id, String title, long count, String explanation, String link) { }

    List<Item> itemsFor(Actor actor);
}

package org.edgewise.document;

import static org.edgewise.jooq.Tables.DOCUMENT;

import org.edgewise.access.Actor;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** Conditions every document list shares: its type, what the actor may see, the filter and the state. */
public final class DocumentQueries {

    private DocumentQueries() {
    }

    /** The filter text matches the reference, the title, or any of {@code alsoSearched}. */
    @SafeVarargs
    public static Condition visibleList(String docType, Actor actor, PageRequest page, Field<String>... alsoSearched) {
        Condition c = DOCUMENT.DOC_TYPE.eq(docType).and(visibleTo(actor));
        String like = page.likePattern();
        if (like != null) {
            Condition text = DOCUMENT.TITLE.likeIgnoreCase(like, '\\').or(DOCUMENT.REFERENCE.likeIgnoreCase(like, '\\'));
            for (Field<String> field : alsoSearched) {
                text = text.or(field.likeIgnoreCase(like, '\\'));
            }
            c = c.and(text);
        }
        if (page.state() != null && !page.state().isBlank()) {
            c = c.and(DOCUMENT.STATE.eq(page.state()));
        }
        return c;
    }

    /** The SQL twin of {@link DocumentEngine#canSee}. */
    public static Condition visibleTo(Actor actor) {
        if (actor.seesEveryOwner()) {
            return DSL.trueCondition();
        }
        return actor.organisationId() == null ? DSL.falseCondition() : DOCUMENT.OWNER_ID.eq(actor.organisationId());
    }
}

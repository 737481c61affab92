package org.edgewise.ui;

import org.edgewise.access.Actor;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.DocumentNotFoundException;
import org.edgewise.security.CurrentUser;

import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;

/**
 * A view of one document at {@code …/:reference}: finds it (or says it is not found, the same for a
 * document this user may not see), and composes the standard {@link DocumentPage} with the document's
 * fields and lines. After any action the view loads again.
 */
public abstract class DocumentView<R> extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    protected final DocumentEngine engine;
    protected final Actor actor;
    private final String what;
    private final String section;
    private final String backUrl;
    private final String backText;
    protected String reference;

    /**
     * @param what     the kind of document, as a person says it ("Computer")
     * @param section  the section in the page title ("Computers")
     * @param backUrl  where the not-found message leads back to
     */
    protected DocumentView(DocumentEngine engine, CurrentUser currentUser, String what, String section, String backUrl,
            String backText) {
        this.engine = engine;
        this.actor = currentUser.actor();
        this.what = what;
        this.section = section;
        this.backUrl = backUrl;
        this.backText = backText;
    }

    /** The document's row, or {@link DocumentNotFoundException} when this user cannot see it. */
    protected abstract R find(String reference);

    protected abstract long idOf(R row);

    /** Puts the fields and lines of the document on the page. */
    protected abstract void compose(DocumentPage page, R row, Document doc);

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        reference = event.getRouteParameters().get("reference").orElse("");
        load();
    }

    @Override
    public String getPageTitle() {
        return reference + " · " + section + " · Edgewise";
    }

    protected final void load() {
        removeAll();
        R row;
        try {
            row = find(reference);
        } catch (DocumentNotFoundException e) {
            add(new NotFoundPanel(what, reference, backUrl, backText));
            return;
        }
        Document doc = engine.get(idOf(row), actor);
        DocumentPage page = new DocumentPage(engine, actor, d -> load());
        compose(page, row, doc);
        page.show(doc);
        add(page);
    }
}

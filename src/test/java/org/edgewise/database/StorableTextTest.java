package org.edgewise.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static org.edgewise.jooq.Tables.DOCUMENT;

import java.util.Map;

import org.edgewise.Fixtures;
import org.edgewise.MasterTest;
import org.edgewise.document.DocumentEngine;
import org.edgewise.instance.InstanceRequests;
import org.edgewise.party.Organisations;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What a console form passes to a service, with text PostgreSQL cannot store. */
class StorableTextTest extends MasterTest {

    @Autowired
    Organisations organisations;

    @Autowired
    DocumentEngine engine;

    @Autowired
    InstanceRequests requests;

    @Autowired
    Fixtures fixtures;

    @Autowired
    DSLContext db;

    @Test
    void aNulCharacterFromAnyScreenIsRefusedWithAMessageAndNothingIsStored() {
        String name = unique("Nul");
        int before = organisations.page(org.edgewise.document.PageRequest.all(), admin()).size();

        assertThatThrownBy(() -> organisations.create(new Organisations.Details(name, "a\u0000@example.com", null, null),
                admin())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL character");
        assertThat(organisations.page(org.edgewise.document.PageRequest.all(), admin())).hasSize(before);
    }

    @Test
    void halfASurrogatePairIsRefusedAndTheEscapeWrittenAsTextIsKept() {
        var organisation = organisations.create(new Organisations.Details(unique("Text"), null, null, null), admin());

        assertThatThrownBy(() -> engine.comment(organisation.id(), "broken \ud800 text", admin()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("surrogate");
        engine.comment(organisation.id(), "a NUL is written \\u0000 in JSON", admin());
        assertThat(engine.timeline(engine.get(organisation.id(), admin()), admin()))
                .anySatisfy(e -> assertThat(e.comment()).isEqualTo("a NUL is written \\u0000 in JSON"));
    }

    @Test
    void aNulCharacterInsideAJsonValueIsRefusedWithAMessageAndNothingIsStored() {
        signIn(admin());
        String url = fixtures.release();
        String title = unique("Nul parameters");

        assertThatThrownBy(() -> requests.requestTree(new InstanceRequests.Request(title, url, "default",
                Map.of("greeting", "a\u0000b"), Map.of(), "started", false), admin()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL character");
        assertThat(db.fetchCount(DOCUMENT, DOCUMENT.TITLE.eq(title))).isZero();
    }
}

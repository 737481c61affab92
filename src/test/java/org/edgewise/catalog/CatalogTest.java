package org.edgewise.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.edgewise.MasterTest;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.FieldChange;
import org.edgewise.document.TimelineEntry;
import org.edgewise.document.ValidationException;
import org.edgewise.document.WorkflowException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class CatalogTest extends MasterTest {

    @Autowired
    Catalog catalog;

    @Autowired
    DocumentEngine engine;

    @Test
    void aProductListsItsOwnReleasesNewestFirst() {
        var product = catalog.createProduct(unique("Listed"), null, operator());
        var other = catalog.createProduct(unique("Other"), null, operator());
        String base = "https://releases.example/" + product.id() + "/";
        var first = catalog.createRelease(new Catalog.NewRelease(product.id(), base + "1", "1", List.of(), null),
                operator());
        var second = catalog.createRelease(new Catalog.NewRelease(product.id(), base + "2", "2", List.of(), null),
                operator());
        catalog.createRelease(new Catalog.NewRelease(other.id(), base + "other", "1", List.of(), null), operator());

        assertThat(catalog.releasesOf(product.id(), operator())).extracting(Catalog.Release::reference)
                .containsExactly(second.reference(), first.reference());
    }

    @Test
    void aDraftReleaseIsEditedAndItsTimelineShowsOldAndNewValues() {
        String name = unique("Editable");
        var product = catalog.createProduct(name, null, operator());
        var release = catalog.createRelease(new Catalog.NewRelease(product.id(),
                "https://releases.example/" + product.id() + "/draft", "1.0", List.of(), null), operator());

        catalog.updateRelease(release.id(), new Catalog.ReleaseDetails(" 1.1 ", List.of("default", " worker"),
                "Faster builds"), operator());

        Catalog.Release edited = catalog.release(release.reference(), operator());
        assertThat(edited.version()).isEqualTo("1.1");
        assertThat(edited.softwareTypes()).containsExactly("default", "worker");
        assertThat(edited.description()).isEqualTo("Faster builds");
        assertThat(engine.get(release.id(), operator()).title()).isEqualTo(name + " 1.1");
        assertThat(lastEntry(release.id()).changes()).containsExactly(
                new FieldChange("title", name + " 1.0", name + " 1.1"),
                new FieldChange("version", "1.0", "1.1"),
                new FieldChange("software types", "default", "default, worker"),
                new FieldChange("description", null, "Faster builds"));
    }

    @Test
    void aPublishedReleaseCanNoLongerBeEditedAndABadSoftwareTypeIsRefused() {
        var product = catalog.createProduct(unique("Frozen"), null, operator());
        var release = catalog.createRelease(new Catalog.NewRelease(product.id(),
                "https://releases.example/" + product.id() + "/frozen", "2.0", List.of("default"), "As built"),
                operator());
        int entries = engine.timeline(release, operator()).size();

        assertThatThrownBy(() -> catalog.updateRelease(release.id(), new Catalog.ReleaseDetails("2.0",
                List.of("not a type"), "As built"), operator()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("softwareTypes"))
                .hasMessageContaining("\"not a type\" is not a software type");
        assertThat(engine.timeline(release, operator())).hasSize(entries);

        engine.apply(release.id(), "publish", operator(), null);
        assertThatThrownBy(() -> catalog.updateRelease(release.id(), new Catalog.ReleaseDetails("2.1",
                List.of("default"), "As built"), operator()))
                .isInstanceOf(WorkflowException.class).hasMessageContaining("is published and can no longer be changed");

        Catalog.Release unchanged = catalog.release(release.reference(), operator());
        assertThat(unchanged.version()).isEqualTo("2.0");
        assertThat(unchanged.softwareTypes()).containsExactly("default");
    }

    @Test
    void anActiveProductsDescriptionIsEditedThenFrozenOnceRetired() {
        var product = catalog.createProduct(unique("Described"), "Old words", operator());

        catalog.updateProduct(product.id(), "New words", operator());

        assertThat(catalog.product(product.reference(), operator()).description()).isEqualTo("New words");
        assertThat(lastEntry(product.id()).changes()).containsExactly(
                new FieldChange("description", "Old words", "New words"));
        engine.apply(product.id(), "retire", operator(), null);
        assertThatThrownBy(() -> catalog.updateProduct(product.id(), "Newer words", operator()))
                .isInstanceOf(WorkflowException.class);
        assertThat(catalog.product(product.reference(), operator()).description()).isEqualTo("New words");
    }

    private TimelineEntry lastEntry(long documentId) {
        List<TimelineEntry> timeline = engine.timeline(engine.get(documentId, operator()), operator());
        return timeline.get(timeline.size() - 1);
    }
}

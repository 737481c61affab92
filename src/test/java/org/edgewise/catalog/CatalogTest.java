package org.edgewise.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.edgewise.MasterTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class CatalogTest extends MasterTest {

    @Autowired
    Catalog catalog;

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
}

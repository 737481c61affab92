package org.edgewise.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;

import org.edgewise.MasterTest;
import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.computer.Computers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class InstallationsTest extends MasterTest {

    @Autowired
    Catalog catalog;

    @Autowired
    Installations installations;

    @Autowired
    Computers computers;

    @Test
    void aFailedBuildIsListedWithItsComputerUntilTheNodeReportsSuccess() {
        signIn(operator());
        var computer = computers.create(new Computers.Details(unique("builder"), null, null, 1, null), operator());
        var product = catalog.createProduct(unique("Broken"), null, operator());
        String url = "https://releases.example/" + product.id() + "/broken";
        catalog.createRelease(new Catalog.NewRelease(product.id(), url, "1.0", List.of(), null), operator());
        var installation = installations.supply(computer.id(), url, operator());
        Actor node = new Actor(computer.reference(), EnumSet.of(Role.NODE), null);

        installations.report(computer.id(), url, "error", "step 1 ok\nmake: *** [all] Error 2\n", node);

        assertThat(installations.failures()).filteredOn(f -> f.reference().equals(installation.reference()))
                .singleElement().satisfies(f -> {
                    assertThat(f.computer()).isEqualTo(computer.reference());
                    assertThat(f.url()).isEqualTo(url);
                });

        installations.report(computer.id(), url, "available", null, node);

        assertThat(installations.failures()).extracting(Installations.Failure::reference)
                .doesNotContain(installation.reference());
    }
}

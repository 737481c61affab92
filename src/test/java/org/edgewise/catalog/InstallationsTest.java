package org.edgewise.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import org.edgewise.Fixtures;
import org.edgewise.Http;
import org.edgewise.MasterTest;
import org.edgewise.TestClock;
import org.edgewise.TestNode;
import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.computer.Computers;
import org.edgewise.document.Tone;
import org.edgewise.nodeapi.Enrolment;
import org.edgewise.ui.Attention;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

class InstallationsTest extends MasterTest {

    /** What a node reports of a build step that failed: the step, the shell's echo of it, then what it said. */
    private static final String FAILED_BUILD = "build step failed (exit 3): ./configure && exit 3\n"
            + "$ ./configure && exit 3\nchecking for cc... cc\nconfigure: error: libfoo.h not found\n$ exit 3\n";

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    Enrolment enrolment;

    @Autowired
    TestClock clock;

    @Autowired
    InstallationAttention attention;

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

    @Test
    void aBuildThatKeepsFailingIsOneFailureCountingItsAttemptsAlsoWhileItsNodeRetries() {
        signIn(operator());
        String url = fixtures.release();
        var computer = fixtures.openComputer("builds", 1, 0, List.of());
        fixtures.supply(computer, url);
        TestNode node = TestNode.enrol(new Http(port), enrolment, computer, 1);
        long failingBefore = failingCount();

        node.software(url, "building", null);
        Installations.Installation building = installation(computer.id(), url);
        assertThat(building.status().label()).isEqualTo("building");
        assertThat(building.buildingSince()).isNotNull();
        node.software(url, "error", FAILED_BUILD);
        Installations.Installation first = installation(computer.id(), url);
        clock.advance(Duration.ofMinutes(5));
        node.software(url, "building", null);
        Installations.Installation retrying = installation(computer.id(), url);
        node.software(url, "error", FAILED_BUILD);
        node.software(url, "building", null);
        node.software(url, "error", FAILED_BUILD);
        Installations.Installation third = installation(computer.id(), url);

        assertThat(first.buildAttempts()).isEqualTo(1);
        assertThat(first.failingSince()).isNotNull();
        assertThat(first.status().label()).isEqualTo("build failed (1 attempt): configure: error: libfoo.h not found");
        assertThat(retrying.reportedState()).isEqualTo("building");
        assertThat(retrying.status().label()).as("still failing while it builds again")
                .isEqualTo(first.status().label());
        assertThat(retrying.status().tone()).isEqualTo(Tone.DANGER);
        assertThat(retrying.errorLog()).isEqualTo(FAILED_BUILD);
        assertThat(third.buildAttempts()).isEqualTo(3);
        assertThat(third.failingSince()).as("since the first failure of the run").isEqualTo(first.failingSince());
        assertThat(third.status().label()).isEqualTo("build failed (3 attempts): configure: error: libfoo.h not found");
        node.software(url, "building", null);
        assertThat(installations.failures()).filteredOn(f -> f.url().equals(url)).singleElement()
                .satisfies(f -> assertThat(f.attempts()).isEqualTo(3));
        assertThat(failingCount()).isEqualTo(failingBefore + 1);

        node.software(url, "available", null);
        Installations.Installation built = installation(computer.id(), url);

        assertThat(built.buildAttempts()).isZero();
        assertThat(built.failingSince()).isNull();
        assertThat(built.buildingSince()).isNull();
        assertThat(built.errorLog()).isNull();
        assertThat(built.status().label()).isEqualTo("available");
        assertThat(installations.failures()).extracting(Installations.Failure::url).doesNotContain(url);
        assertThat(failingCount()).isEqualTo(failingBefore);

        node.software(url, "error", FAILED_BUILD);
        assertThat(installation(computer.id(), url).buildAttempts()).as("a new run of failures counts from one")
                .isEqualTo(1);
    }

    private Installations.Installation installation(long computerId, String url) {
        return installations.onComputer(computerId).stream().filter(i -> i.url().equals(url)).findFirst().orElseThrow();
    }

    private long failingCount() {
        return attention.itemsFor(Fixtures.OPERATOR).stream().filter(i -> i.id().equals("installations-error"))
                .findFirst().map(Attention.Item::count).orElseThrow();
    }
}

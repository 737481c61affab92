package org.edgewise.testing;

import static org.edgewise.Fixtures.OPERATOR;
import static org.edgewise.jooq.Tables.COMPUTER_CONTACT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.edgewise.Fixtures;
import org.edgewise.catalog.Catalog;
import org.edgewise.computer.Computers;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.jooq.DSLContext;

/**
 * Runs of a release's tests ended by a report, for the tests of the pages that show them: a release whose
 * release.json declares tests, published; a test computer in contact that takes the run; the node's report of its
 * lines, made through {@link TestResults#report} (the tests of the node API's path use {@link org.edgewise.TestRuns}).
 */
public class ReportedRuns {

    private final Catalog catalog;
    private final DocumentEngine engine;
    private final TestResults results;
    private final Computers computers;
    private final Fixtures fixtures;
    private final DSLContext db;
    private final Clock clock;

    ReportedRuns(Catalog catalog, DocumentEngine engine, TestResults results, Computers computers, Fixtures fixtures,
            DSLContext db, Clock clock) {
        this.catalog = catalog;
        this.engine = engine;
        this.results = results;
        this.computers = computers;
        this.fixtures = fixtures;
        this.db = db;
        this.clock = clock;
    }

    /** A product with a unique name. */
    public Document product() {
        return catalog.createProduct("tested " + UUID.randomUUID().toString().substring(0, 8), null, OPERATOR);
    }

    /** A draft release of the product whose release.json declares one test command, {@code suite}. */
    public Document releaseWithTests(Document product, String version) {
        try {
            Path dir = Files.createTempDirectory("tested-release");
            Files.writeString(dir.resolve("release.json"), """
                    {"format": 1, "name": "tested", "version": "%s",
                     "types": {"default": {"services": {"web": "sleep 600"}}},
                     "tests": {"timeout": "PT3M", "commands": {"suite": "true"}}}
                    """.formatted(version));
            return catalog.createRelease(new Catalog.NewRelease(product.id(), dir.toUri().toString(), version,
                    List.of("default"), null), OPERATOR);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A published release of the product that declares no test, at a URL where nothing is. */
    public Document releaseWithoutTests(Document product, String version) {
        Document release = catalog.createRelease(new Catalog.NewRelease(product.id(), "file:/releases/untested-"
                + UUID.randomUUID().toString().substring(0, 8), version, List.of("default"), null), OPERATOR);
        return engine.apply(release.id(), "publish", OPERATOR, null);
    }

    public String url(Document release) {
        return catalog.release(release.reference(), OPERATOR).url();
    }

    /** Publishes the release, which queues a run of its tests; answers that run. */
    public TestResults.Result publish(Document release) {
        engine.apply(release.id(), "publish", OPERATOR, null);
        return results.history(release.reference(), null, 1, OPERATOR).get(0);
    }

    /**
     * Gives the queued run a test computer and ends it with these lines, as its node reports them. Runs queued before
     * it (by other tests) take computers of their own first.
     */
    public TestResults.Result finish(TestResults.Result queued, List<TestResults.Line> lines) {
        TestResults.Result running = queued;
        for (int computersAdded = 0; running.computer() == null; computersAdded++) {
            if (computersAdded == 100) {
                throw new IllegalStateException(queued.reference() + " took none of 100 test computers");
            }
            Document computer = fixtures.openComputer("tests-" + UUID.randomUUID().toString().substring(0, 6), 1, 1,
                    List.of());
            computers.useForTests(computer.id(), true, OPERATOR);
            db.insertInto(COMPUTER_CONTACT).set(COMPUTER_CONTACT.COMPUTER_ID, computer.id())
                    .set(COMPUTER_CONTACT.LAST_CONTACT_AT, OffsetDateTime.now(clock)).execute();
            results.runOnce();
            running = results.get(queued.reference(), OPERATOR);
        }
        Document computer = engine.get(running.computer(), OPERATOR);
        return results.report(computer.id(), queued.reference(), new TestResults.Report(false, lines),
                Fixtures.node(computer));
    }
}

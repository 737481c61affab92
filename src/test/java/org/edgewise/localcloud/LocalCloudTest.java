package org.edgewise.localcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.edgewise.MasterTest;
import org.edgewise.TestClock;
import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.catalog.Catalog;
import org.edgewise.catalog.Installations;
import org.edgewise.computer.Computers;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.PageRequest;
import org.edgewise.nodeapi.Enrolment;
import org.edgewise.party.Organisations;
import org.edgewise.party.Users;
import org.edgewise.pricing.PriceLists;
import org.edgewise.security.ApiTokens;
import org.edgewise.security.SignedInUser;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the local cloud prepares on the shared Master, through the real services: the computers and the demo
 * customer it makes have fixed names, so this one test prepares it once and checks a second start against it.
 */
class LocalCloudTest extends MasterTest {

    private static final String DEMO_PASSWORD = "demo-password-for-tests";

    @Autowired
    Catalog catalog;

    @Autowired
    Computers computers;

    @Autowired
    Installations installations;

    @Autowired
    Enrolment enrolment;

    @Autowired
    Organisations organisations;

    @Autowired
    Users users;

    @Autowired
    ApiTokens tokens;

    @Autowired
    DocumentEngine engine;

    @Autowired
    PriceLists priceLists;

    @Autowired
    TestClock clock;

    @Autowired
    DSLContext db;

    @Autowired
    TransactionTemplate tx;

    @TempDir
    Path releases;

    @TempDir
    Path dataDir;

    @Autowired
    ObjectMapper json;

    private LocalCloud localCloud(int nodes) {
        return localCloud(nodes, 0);
    }

    private LocalCloud localCloud(int nodes, int testNodes) {
        return new LocalCloud(nodes, testNodes, releases, dataDir, DEMO_PASSWORD, 1, catalog, computers, installations,
                enrolment, organisations, users, tokens, engine, priceLists, db, tx, clock, json);
    }

    @Test
    void preparesPublishedReleasesOpenSuppliedComputersEnrolmentTokensADemoCustomerAndPricesOnceOnly()
            throws IOException {
        String kv = "kv-" + UUID.randomUUID();
        List<String> urls = List.of(release(kv), release("web-" + UUID.randomUUID()), release("web"));
        Files.createDirectories(releases.resolve("notes"));
        Path handOver = dataDir.resolve("local-cloud");
        Instant firstStart = clock.instant();
        String kvNext = release(kv + "-next", "{\"name\": \"" + kv + "\", \"version\": \"2\"}");

        LocalCloud cloud = localCloud(2, 1);
        cloud.prepare();

        Catalog.Release later = catalog.releaseByUrl(kvNext).orElseThrow();
        assertThat(later.state()).as("a later version waits as a draft").isEqualTo("draft");
        assertThat(later.version()).isEqualTo("2");
        assertThat(later.productId()).as("of the same product").isEqualTo(catalog.releaseByUrl(urls.get(0)).orElseThrow()
                .productId());
        Computers.Row testNode = computer("local-node-3");
        assertThat(testNode.forTests()).isTrue();
        assertThat(testNode.state()).isEqualTo("open");
        assertThat(installations.onComputer(testNode.id())).as("a test run supplies what it tests").isEmpty();
        assertThat(read(handOver.resolve("local-node-3/address-prefix"))).isEqualTo("127.3.0.");

        for (String url : urls) {
            assertThat(catalog.releaseByUrl(url)).hasValueSatisfying(r -> assertThat(r.state()).isEqualTo("published"));
        }
        assertThat(catalog.releaseByUrl(releases.resolve("notes").toUri().toString().replaceAll("/$", ""))).isEmpty();
        for (int n = 1; n <= 2; n++) {
            Computers.Row computer = computer("local-node-" + n);
            assertThat(computer.state()).isEqualTo("open");
            assertThat(installations.onComputer(computer.id())).extracting(Installations.Installation::url)
                    .containsExactlyInAnyOrderElementsOf(urls);
            Path nodeDir = handOver.resolve("local-node-" + n);
            assertThat(read(nodeDir.resolve("address-prefix"))).isEqualTo("127." + n + ".0.");
            assertThat(Files.getPosixFilePermissions(nodeDir.resolve("enrolment-token")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
        Enrolment.Credential enrolled = enrolment.enrol(read(handOver.resolve("local-node-1/enrolment-token")));
        assertThat(enrolled.computer()).isEqualTo(computer("local-node-1").reference());
        assertThat(read(handOver.resolve("demo-password"))).isEqualTo(DEMO_PASSWORD);
        SignedInUser demo = tokens.authenticate(read(handOver.resolve("demo-api-token"))).orElseThrow();
        assertThat(demo.username()).isEqualTo(LocalCloud.DEMO_USER);
        assertThat(demo.roles()).containsExactly(Role.CUSTOMER);
        assertThat(demo.organisationId()).isNotNull();
        assertThat(read(handOver.resolve(LocalCloud.READY_FILE)).strip())
                .isEqualTo(Long.toString(ProcessHandle.current().pid()));
        PriceLists.Row prices = standardPrices();
        assertThat(prices.state()).isEqualTo("active");
        assertThat(prices.customerId()).as("the general list").isNull();
        assertThat(prices.currency()).isEqualTo("EUR");
        assertThat(prices.validFrom()).isBetween(firstStart, clock.instant().plusSeconds(61));
        long web = catalog.releaseByUrl(urls.get(2)).orElseThrow().productId();
        assertThat(priceLists.price(null, web, "default", PriceLists.MONTH, prices.validFrom())).get()
                .isEqualTo(new PriceLists.Price(prices.id(), "EUR", new BigDecimal("9.900000"), new BigDecimal("20.00")));
        assertThat(priceLists.items(prices.id(), Actor.system()))
                .extracting(PriceLists.Item::productId, PriceLists.Item::charge, i -> i.unitPrice().toPlainString())
                .containsExactlyInAnyOrder(tuple(web, "month", "9.900000"), tuple(web, "cpu_hour", "0.050000"),
                        tuple(web, "disk_gb_month", "0.100000"), tuple(web, "counter:requests", "0.000010"));

        String usedToken = read(handOver.resolve("local-node-1/enrolment-token"));
        String unusedToken = read(handOver.resolve("local-node-2/enrolment-token"));
        String demoToken = read(handOver.resolve("demo-api-token"));
        long kvRelease = catalog.releaseByUrl(urls.get(0)).orElseThrow().id();
        localCloud(2, 1).prepare();

        assertThat(catalog.releaseByUrl(urls.get(0)).orElseThrow().id()).isEqualTo(kvRelease);
        assertThat(catalog.productCount(new PageRequest(kv, null, List.of(), 0, 10), Actor.system())).isEqualTo(1);
        assertThat(computers.page(new PageRequest("local-node-", null, List.of(), 0, 10), Actor.system()))
                .extracting(Computers.Row::name).containsExactlyInAnyOrder("local-node-1", "local-node-2", "local-node-3");
        assertThat(read(handOver.resolve("local-node-1/enrolment-token"))).as("enrolled: no new token")
                .isEqualTo(usedToken);
        String newToken = read(handOver.resolve("local-node-2/enrolment-token"));
        assertThat(newToken).as("not enrolled yet: a new token").isNotEqualTo(unusedToken);
        assertThat(enrolment.enrol(newToken).computer()).isEqualTo(computer("local-node-2").reference());
        assertThat(read(handOver.resolve("demo-api-token"))).as("the demo customer exists already")
                .isEqualTo(demoToken);
        assertThat(standardPrices().id()).as("the prices exist already").isEqualTo(prices.id());

        cloud.stopped();
        assertThat(handOver.resolve(LocalCloud.READY_FILE)).doesNotExist();
    }

    @Test
    void aStoppingMasterLeavesTheReadyFileOfAnotherMasterAlone() throws IOException {
        Path ready = Files.createDirectories(dataDir.resolve("local-cloud")).resolve(LocalCloud.READY_FILE);
        Files.writeString(ready, (ProcessHandle.current().pid() + 1) + "\n", StandardCharsets.US_ASCII);

        localCloud(1).stopped();

        assertThat(ready).exists();
    }

    private String release(String name) throws IOException {
        return release(name, "{}");
    }

    private String release(String name, String descriptor) throws IOException {
        Path dir = Files.createDirectories(releases.resolve(name));
        Files.writeString(dir.resolve("release.json"), descriptor, StandardCharsets.UTF_8);
        return dir.toUri().toString().replaceAll("/$", "");
    }

    private PriceLists.Row standardPrices() {
        List<PriceLists.Row> found = priceLists.page(new PageRequest(LocalCloud.PRICE_LIST, null, List.of(), 0, 10),
                Actor.system()).stream().filter(l -> l.title().equals(LocalCloud.PRICE_LIST)).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private Computers.Row computer(String name) {
        return computers.page(new PageRequest(name, null, List.of(), 0, 10), Actor.system()).stream()
                .filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}

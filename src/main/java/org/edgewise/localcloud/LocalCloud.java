package org.edgewise.localcloud;

import static org.edgewise.jooq.Tables.APP_USER;
import static org.edgewise.jooq.Tables.COMPUTER;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.edgewise.access.Actor;
import org.edgewise.access.Role;
import org.edgewise.catalog.Catalog;
import org.edgewise.catalog.Installations;
import org.edgewise.computer.ComputerWorkflows;
import org.edgewise.computer.Computers;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.PageRequest;
import org.edgewise.nodeapi.Enrolment;
import org.edgewise.party.Organisations;
import org.edgewise.party.Users;
import org.edgewise.pricing.PriceLists;
import org.edgewise.pricing.PricingWorkflows;
import org.edgewise.security.ApiTokens;
import org.edgewise.upgrade.Versions;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import jakarta.annotation.PreDestroy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The local cloud: with {@code edgewise.local-cloud.nodes} above zero, the Master prepares a whole
 * infrastructure on this machine at start: the example releases of {@code edgewise.local-cloud.releases}
 * published in the catalogue, that many open computers with the releases supplied and an enrolment
 * token for each node that is not enrolled yet, a demo customer with an API token, and the general price
 * list {@value #PRICE_LIST} for the example products. Everything it hands over is written under
 * {@code <data dir>/local-cloud/}. Starting again changes nothing that exists.
 *
 * <p>Once all that is done it writes {@value #READY_FILE} there, holding this process's id, and removes it
 * when the Master stops: {@code ./edgewise run} starts the nodes when its own Master says so, never because
 * some other Master answers on the port.
 */
@Component
class LocalCloud {

    private static final Logger log = LoggerFactory.getLogger(LocalCloud.class);
    static final String DEMO_USER = "demo";
    static final String READY_FILE = "ready";
    static final String PRICE_LIST = "Standard prices";
    private static final BigDecimal TAX_RATE = new BigDecimal("20.00");
    /** The example products' monthly prices; every product also pays its CPU time and disk space. */
    private static final Map<String, String> MONTHLY = Map.of("web", "9.90", "kv", "4.90", "app", "19.00",
            "frontend", "2.00");
    private static final Map<String, String> USAGE = Map.of(PriceLists.CPU_HOUR, "0.05", PriceLists.DISK_GB_MONTH,
            "0.10");

    private final int nodes;
    /** Local nodes after the {@code nodes} ordinary ones that are test computers. */
    private final int testNodes;
    private final ObjectMapper json;
    private final Path releases;
    private final Path dir;
    private final String demoPassword;
    private final Catalog catalog;
    private final Computers computers;
    private final Installations installations;
    private final Enrolment enrolment;
    private final Organisations organisations;
    private final Users users;
    private final ApiTokens tokens;
    private final DocumentEngine engine;
    private final PriceLists priceLists;
    private final DSLContext db;
    private final TransactionTemplate tx;
    private final Clock clock;
    /** Node n's partitions take the addresses 127.(this + n - 1).0.x. */
    private final int firstAddressBlock;

    LocalCloud(@Value("${edgewise.local-cloud.nodes:0}") int nodes,
            @Value("${edgewise.local-cloud.test-nodes:0}") int testNodes,
            @Value("${edgewise.local-cloud.releases:releases}") Path releases,
            @Value("${edgewise.data-dir}") Path dataDir,
            @Value("${edgewise.local-cloud.demo-password:}") String demoPassword,
            @Value("${edgewise.local-cloud.first-address-block:1}") int firstAddressBlock,
            Catalog catalog, Computers computers, Installations installations, Enrolment enrolment,
            Organisations organisations, Users users, ApiTokens tokens, DocumentEngine engine, PriceLists priceLists,
            DSLContext db, TransactionTemplate tx, Clock clock, ObjectMapper json) {
        this.nodes = nodes;
        this.testNodes = Math.max(0, testNodes);
        this.json = json;
        this.releases = releases.toAbsolutePath().normalize();
        this.dir = dataDir.toAbsolutePath().resolve("local-cloud");
        this.demoPassword = demoPassword;
        int all = Math.max(nodes, 1) + Math.max(0, testNodes);
        if (firstAddressBlock < 1 || firstAddressBlock + all - 1 > 254) {
            throw new IllegalArgumentException("edgewise.local-cloud.first-address-block is from 1 to "
                    + (255 - all) + " with " + all + " nodes, not " + firstAddressBlock);
        }
        this.firstAddressBlock = firstAddressBlock;
        this.catalog = catalog;
        this.computers = computers;
        this.installations = installations;
        this.enrolment = enrolment;
        this.organisations = organisations;
        this.users = users;
        this.tokens = tokens;
        this.engine = engine;
        this.priceLists = priceLists;
        this.db = db;
        this.tx = tx;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(10)
    void prepare() throws IOException {
        if (nodes <= 0) {
            return;
        }
        Files.createDirectories(dir);
        tx.executeWithoutResult(status -> {
            try {
                prepare(Actor.system());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        log.info("Local cloud ready: {} nodes and {} test nodes, releases from {}, hand-over files in {}", nodes, testNodes,
                releases, dir);
        Files.writeString(dir.resolve(READY_FILE), ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
    }

    /** A Master that stops is no longer ready; a file another Master wrote is left alone. */
    @PreDestroy
    void stopped() throws IOException {
        Path ready = dir.resolve(READY_FILE);
        String self = Long.toString(ProcessHandle.current().pid());
        if (nodes > 0 && Files.exists(ready) && Files.readString(ready, StandardCharsets.US_ASCII).strip().equals(self)) {
            Files.delete(ready);
        }
    }

    private void prepare(Actor system) throws IOException {
        List<String> published = new ArrayList<>();
        Map<String, Long> products = new LinkedHashMap<>();
        for (Example example : examples()) {
            long product = products.computeIfAbsent(example.name(), name -> product(name, system));
            String url = add(example, product, system);
            if (example.first()) {
                published.add(url);
            }
        }
        standardPrices(products, system);
        for (int n = 1; n <= nodes + testNodes; n++) {
            String name = "local-node-" + n;
            boolean forTests = n > nodes;
            Document computer = computer(name, n, forTests, system);
            if (!forTests) {
                for (String url : published) {
                    installations.supply(computer.id(), url, system);
                }
            }
            Path nodeDir = dir.resolve(name);
            Files.createDirectories(nodeDir);
            boolean enrolled = db.fetchExists(COMPUTER,
                    COMPUTER.ID.eq(computer.id())
                            .and(COMPUTER.NODE_SECRET_HASH.isNotNull()));
            if (!enrolled) {
                secret(nodeDir.resolve("enrolment-token"), enrolment.createToken(computer.id(), system));
            }
            Files.writeString(nodeDir.resolve("address-prefix"), addressPrefix(n), StandardCharsets.UTF_8);
        }
        demoCustomer(system);
    }

    /** An example release: its directory, the product and version its descriptor names, and whether it is its product's first. */
    private record Example(Path dir, String name, String version, boolean first) { }

    /**
     * The example releases, grouped by the product their descriptor names ({@code name}, else the directory's
     * name), oldest version first: the first of each product is published, the later ones wait as drafts for an
     * operator to publish them, which runs their tests and proposes upgrades.
     */
    private List<Example> examples() throws IOException {
        Map<String, List<Example>> byProduct = new java.util.TreeMap<>();
        try (Stream<Path> entries = Files.list(releases)) {
            for (Path release : entries.filter(p -> Files.exists(p.resolve("release.json"))).sorted().toList()) {
                JsonNode descriptor = json.readTree(release.resolve("release.json").toFile());
                String name = descriptor.path("name").asText(release.getFileName().toString());
                String version = descriptor.path("version").asText("1.0");
                byProduct.computeIfAbsent(name, k -> new ArrayList<>()).add(new Example(release, name, version, false));
            }
        }
        List<Example> all = new ArrayList<>();
        for (List<Example> versions : byProduct.values()) {
            versions.sort(java.util.Comparator.comparing(Example::version, Versions.ORDER));
            for (int i = 0; i < versions.size(); i++) {
                Example e = versions.get(i);
                all.add(new Example(e.dir(), e.name(), e.version(), i == 0));
            }
        }
        return all;
    }

    private long product(String name, Actor system) {
        return catalog.productPage(new PageRequest(name, null, List.of(), 0, 100), system).stream()
                .filter(p -> p.name().equals(name)).findFirst().map(Catalog.Product::id)
                .orElseGet(() -> catalog.createProduct(name, "Example release shipped with Edgewise", system).id());
    }

    /** Adds the example release to the catalogue once: its product's first version published, later ones as drafts. */
    private String add(Example example, long product, Actor system) {
        String url = example.dir().toUri().toString().replaceAll("/$", "");
        Optional<Catalog.Release> existing = catalog.releaseByUrl(url);
        if (existing.isPresent()) {
            return url;
        }
        Document doc = catalog.createRelease(new Catalog.NewRelease(product, url, example.version(), List.of("default"),
                "From " + example.dir()), system);
        if (example.first()) {
            engine.apply(doc.id(), "publish", system, "published by the local cloud");
        }
        return url;
    }

    /**
     * The general list of the example products, made once: monthly prices, CPU time and disk space for
     * each, and the web server's requests. A list is activated only from a moment still to come, so it
     * starts ten seconds after the first start, time enough to write it on a busy machine, and before the
     * nodes have built the releases customers order.
     */
    private void standardPrices(Map<String, Long> products, Actor system) {
        boolean made = priceLists.page(new PageRequest(PRICE_LIST, null, List.of(), 0, 100), system).stream()
                .anyMatch(l -> l.title().equals(PRICE_LIST) && l.customerId() == null);
        List<String> priced = products.keySet().stream().filter(MONTHLY::containsKey).sorted().toList();
        if (made || priced.isEmpty()) {
            return;
        }
        Instant from = clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(10);
        Document list = priceLists.create(new PriceLists.Details(PRICE_LIST, null, "EUR", from, null), system);
        for (String name : priced) {
            long product = products.get(name);
            price(list, product, PriceLists.MONTH, MONTHLY.get(name), system);
            for (Map.Entry<String, String> usage : USAGE.entrySet()) {
                price(list, product, usage.getKey(), usage.getValue(), system);
            }
            if (name.equals("web")) {
                price(list, product, PriceLists.COUNTER + "requests", "0.000010", system);
            }
        }
        engine.apply(list.id(), PricingWorkflows.ACTIVATE, system, "the prices of the local cloud");
    }

    private void price(Document list, long product, String charge, String unitPrice, Actor system) {
        priceLists.addItem(list.id(), new PriceLists.ItemDetails(product, "", charge, new BigDecimal(unitPrice),
                TAX_RATE), system);
    }

    private Document computer(String name, int n, boolean forTests, Actor system) {
        var existing = computers.page(new PageRequest(name, null, List.of(), 0, 10), system).stream()
                .filter(r -> r.name().equals(name)).findFirst();
        if (existing.isPresent()) {
            if (existing.get().forTests() != forTests) {
                computers.useForTests(existing.get().id(), forTests, system);
            }
            return engine.get(existing.get().id(), system);
        }
        Document created = computers.create(new Computers.Details(name, name, "local", 10, (forTests
                ? "A test node of the local cloud on this machine: it runs the tests of releases"
                : "A node of the local cloud on this machine") + " (addresses " + addressPrefix(n) + "x)"), system);
        if (forTests) {
            computers.useForTests(created.id(), true, system);
        }
        return engine.apply(created.id(), ComputerWorkflows.OPEN_ACTION, system, "opened by the local cloud");
    }

    private void demoCustomer(Actor system) throws IOException {
        if (accountExists()) {
            return;
        }
        Document organisation = organisations.create(new Organisations.Details("Demo Customer", "demo@example.com", null, null),
                system);
        String password = demoPassword.isBlank() ? org.edgewise.security.Secrets.newSecret().substring(0, 16) : demoPassword;
        Document user = users.create(new Users.NewUser(DEMO_USER, "Demo Customer", password, EnumSet.of(Role.CUSTOMER),
                organisation.id()), system);
        secret(dir.resolve("demo-password"), password);
        secret(dir.resolve("demo-api-token"), tokens.create(user.id(), "local cloud", system));
    }

    private boolean accountExists() {
        return db.fetchExists(APP_USER, APP_USER.USERNAME.eq(DEMO_USER));
    }

    /** Written to a file that is readable by its owner only from the moment it exists, then moved into place. */
    private static void secret(Path file, String value) throws IOException {
        Path fresh = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".new",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(fresh, value, StandardCharsets.UTF_8);
        Files.move(fresh, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Node n's addresses: 127.1.0.x for the first by default, 127.2.0.x for the second… */
    private String addressPrefix(int n) {
        return "127." + (firstAddressBlock + n - 1) + ".0.";
    }
}

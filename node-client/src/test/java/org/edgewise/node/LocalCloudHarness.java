package org.edgewise.node;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A whole local cloud for end-to-end tests: the packaged Master on its embedded PostgreSQL, as a
 * process, preparing two nodes; and two real node-client processes polling it every second and reporting
 * usage every five seconds. A test may give the Master more properties (an adjustable clock, dunning
 * delays), as command-line arguments such as {@code --edgewise.clock.adjustable=true}; the administrator
 * has an API token of its own for the requester API.
 */
final class LocalCloudHarness implements AutoCloseable {

    static final Duration DEADLINE = Duration.ofSeconds(90);
    /** A Master start on a loaded 2-core machine can take a minute or more. */
    static final Duration MASTER_START = Duration.ofSeconds(240);
    /** The local cloud's "Standard prices" start this long after its first start (LocalCloud). */
    static final Duration PRICES_START_AFTER = Duration.ofSeconds(10);
    static final String ADMIN_API_TOKEN = "ew-e2e-administrator-token-" + UUID.randomUUID().toString().replace("-", "");

    final Path data;
    final int port;
    final String url;
    private final Path masterJar = Path.of(System.getProperty("edgewise.master.jar", "../target/edgewise-master.jar"));
    private final Path nodeJar = Path.of(System.getProperty("edgewise.node.jar", "target/edgewise-node.jar"));
    private final Path releases = Path.of(System.getProperty("edgewise.releases", "../releases")).toAbsolutePath().normalize();
    private Process master;
    private final List<Process> nodes = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> masterArguments;
    /** Nodes after the two ordinary ones that are test computers (node 3…). */
    private final int testNodes;

    LocalCloudHarness() throws IOException {
        this(List.of());
    }

    /** A local cloud whose Master also gets these arguments, e.g. {@code --edgewise.dunning.interval=PT1S}. */
    LocalCloudHarness(List<String> masterArguments) throws IOException {
        this(masterArguments, 0);
    }

    /** A local cloud with this many test nodes beside its two ordinary ones. */
    LocalCloudHarness(List<String> masterArguments, int testNodes) throws IOException {
        this.masterArguments = List.copyOf(masterArguments);
        this.testNodes = testNodes;
        data = Path.of("target", "e2e", UUID.randomUUID().toString()).toAbsolutePath();
        Files.createDirectories(data);
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        url = "http://localhost:" + port;
    }

    Path releases() {
        return releases;
    }

    String releaseUrl(String name) {
        return releases.resolve(name).toUri().toString().replaceAll("/$", "");
    }

    void start() throws IOException {
        startMaster();
        for (int n = 1; n <= 2 + testNodes; n++) {
            Path dir = cloud().resolve("local-node-" + n);
            Path config = dir.resolve("node.properties");
            Process enrol = new ProcessBuilder(java(), "-jar", nodeJar.toString(), "enrol", "--config", config.toString(),
                    "--master", url, "--token", Files.readString(dir.resolve("enrolment-token")).strip(),
                    "--address-prefix", Files.readString(dir.resolve("address-prefix")).strip(), "--partitions", "6",
                    "--usage-interval", "5")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("enrol.log").toFile()).start();
            try {
                if (!enrol.waitFor(60, TimeUnit.SECONDS) || enrol.exitValue() != 0) {
                    throw new IllegalStateException("enrolment failed: " + Files.readString(dir.resolve("enrol.log")));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            nodes.add(runNode(n));
        }
    }

    private Process runNode(int n) throws IOException {
        Path dir = cloud().resolve("local-node-" + n);
        return new ProcessBuilder(java(), "-jar", nodeJar.toString(), "run", "--config",
                dir.resolve("node.properties").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("node.log").toFile()))
                .start();
    }

    /** Stops node {@code n} (1 or 2) as its machine going down would: it stops its services and exits. */
    void stopNode(int n) throws InterruptedException {
        Process node = nodes.get(n - 1);
        node.destroy();
        if (!node.waitFor(60, TimeUnit.SECONDS)) {
            node.destroyForcibly();
        }
    }

    /** Starts node {@code n} again, with the credential it enrolled with. */
    void restartNode(int n) throws IOException {
        nodes.set(n - 1, runNode(n));
    }

    void startMaster() throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", masterJar.toString()));
        command.addAll(masterArguments);
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("master.log").toFile()));
        pb.environment().put("PORT", Integer.toString(port));
        pb.environment().put("EDGEWISE_DATA_DIR", data.toString());
        pb.environment().put("EDGEWISE_ADMIN_PASSWORD", "e2e-admin-password");
        pb.environment().put("EDGEWISE_ADMIN_API_TOKEN", ADMIN_API_TOKEN);
        pb.environment().put("EDGEWISE_LOCAL_NODES", "2");
        pb.environment().put("EDGEWISE_LOCAL_TEST_NODES", Integer.toString(testNodes));
        pb.environment().put("EDGEWISE_RELEASES", releases.toString());
        pb.environment().put("EDGEWISE_POLL_INTERVAL", "PT1S");
        pb.environment().put("SPRING_APPLICATION_JSON", "{\"edgewise\":{\"allocation\":{\"interval\":\"PT1S\"}}}");
        master = pb.start();
        await().atMost(MASTER_START).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!master.isAlive()) {
                throw new IllegalStateException("the Master exited; see " + data.resolve("master.log"));
            }
            return Files.exists(cloud().resolve("local-node-" + (2 + testNodes) + "/address-prefix")) && healthy();
        });
    }

    void stopMaster() throws InterruptedException {
        master.destroy();
        if (!master.waitFor(60, TimeUnit.SECONDS)) {
            master.destroyForcibly();
        }
    }

    boolean healthy() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    Path cloud() {
        return data.resolve("local-cloud");
    }

    /** The demo customer's view of the requester API. */
    Master customer() throws IOException {
        return new Master(url, Files.readString(cloud().resolve("demo-api-token")).strip());
    }

    /** The administrator's view of the requester API (billing staff, and every other team). */
    Master admin() {
        return new Master(url, ADMIN_API_TOKEN);
    }

    /**
     * Waits until the local cloud's "Standard prices" are in force: they start ten seconds after the moment the
     * Master first prepared the local cloud, which it did before writing its ready file.
     */
    void awaitStandardPrices() throws IOException {
        Path ready = cloud().resolve("ready");
        await("the local cloud is ready").atMost(DEADLINE).pollInterval(Duration.ofMillis(250))
                .until(() -> Files.exists(ready));
        Instant prepared = Files.getLastModifiedTime(ready).toInstant();
        Instant inForce = prepared.plus(PRICES_START_AFTER).plusSeconds(1);
        await("the standard prices are in force").atMost(PRICES_START_AFTER.plus(DEADLINE))
                .pollInterval(Duration.ofMillis(500)).until(() -> Instant.now().isAfter(inForce));
    }

    /** The directory of a node: its settings, partitions and usage spool. */
    Path node(int node) {
        return cloud().resolve("local-node-" + node);
    }

    /** What the Master wrote to its output so far. */
    String masterLog() throws IOException {
        return Files.readString(data.resolve("master.log"));
    }

    /** The partition directory of a node, e.g. node 1 part0. */
    Path partition(int node, String name) {
        return cloud().resolve("local-node-" + node).resolve("instances").resolve(name);
    }

    /** GET a URL; the body, or null when it does not answer 200. */
    String fetch(String target) {
        return fetch(http, target);
    }

    static String fetch(HttpClient http, String target) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public void close() throws InterruptedException {
        for (Process node : nodes) {
            node.destroy();
        }
        for (Process node : nodes) {
            if (!node.waitFor(30, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        }
        if (master != null) {
            stopMaster();
        }
    }
}

package org.edgewise.uitests;

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
import java.util.List;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

/**
 * The local cloud as the README's run command starts it: the packaged Master as its own process on a
 * fresh embedded database, preparing two local nodes and a test node, and three node-client processes running them. One
 * per test JVM; stopped when the JVM ends. Its clock is adjustable, so that a story can live through the
 * end of a billing month, and the administrator has the API token {@link #ADMIN_API_TOKEN} to move it.
 * It sends its mails to a real SMTP server living as long as it does, {@link #mailServer()}, with links to itself.
 * Set {@code edgewise.master.url} to test a Master that is already running instead (started the same way).
 */
public final class RunningMaster {

    public static final String ADMIN_PASSWORD = "browser-tests-admin";
    public static final String ADMIN_API_TOKEN = "ew-browser-tests-admin-api-token-0123456789";
    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final int NODES = 2;
    /** Nodes that take only test runs, numbered after the others. */
    private static final int TEST_NODES = 1;

    private static RunningMaster instance;

    private final String url;
    private final Path dataDir;
    private final GreenMail mailServer;

    private RunningMaster(String url, Path dataDir, GreenMail mailServer) {
        this.url = url;
        this.dataDir = dataDir;
        this.mailServer = mailServer;
    }

    public static synchronized RunningMaster get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    public String url() {
        return url;
    }

    /** The SMTP server the Master sends its mails to, holding every mail it received. */
    public GreenMail mailServer() {
        if (mailServer == null) {
            throw new IllegalStateException("The mails are only received here for a Master started here");
        }
        return mailServer;
    }

    /** The password of the local cloud's demo customer, {@code demo}. */
    public String demoPassword() {
        return localCloudSecret("demo-password");
    }

    /** The API token of the demo customer, for the requester API. */
    public String demoApiToken() {
        return localCloudSecret("demo-api-token");
    }

    private String localCloudSecret(String name) {
        if (dataDir == null) {
            throw new IllegalStateException("The local cloud's " + name + " is only known for a Master started here");
        }
        try {
            return Files.readString(dataDir.resolve("local-cloud").resolve(name)).strip();
        } catch (IOException e) {
            throw new IllegalStateException("No " + name + " in this cloud", e);
        }
    }

    private static RunningMaster start() {
        String external = System.getProperty("edgewise.master.url");
        if (external != null && !external.isBlank()) {
            return new RunningMaster(external.replaceAll("/$", ""), null, null);
        }
        try {
            Path jar = Path.of(System.getProperty("edgewise.master.jar", "../target/edgewise-master.jar"));
            if (!Files.exists(jar)) {
                throw new IllegalStateException("No Master jar at " + jar.toAbsolutePath()
                        + ": build it first (mvn package in the repository root).");
            }
            int port = freePort();
            String url = "http://localhost:" + port;
            GreenMail mailServer = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
            mailServer.start();
            Path dataDir = Path.of("target", "master-data", UUID.randomUUID().toString()).toAbsolutePath();
            Files.createDirectories(dataDir);
            Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
            ProcessBuilder pb = new ProcessBuilder(List.of(javaBinary(), "-jar", jar.toAbsolutePath().toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().put("PORT", Integer.toString(port));
            pb.environment().put("EDGEWISE_DATA_DIR", dataDir.toString());
            pb.environment().put("EDGEWISE_ADMIN_PASSWORD", ADMIN_PASSWORD);
            pb.environment().put("EDGEWISE_ADMIN_API_TOKEN", ADMIN_API_TOKEN);
            pb.environment().put("EDGEWISE_CLOCK_ADJUSTABLE", "true");
            pb.environment().put("EDGEWISE_LOCAL_NODES", Integer.toString(NODES));
            pb.environment().put("EDGEWISE_LOCAL_TEST_NODES", Integer.toString(TEST_NODES));
            pb.environment().put("EDGEWISE_RELEASES", Path.of(System.getProperty("edgewise.releases", "../releases"))
                    .toAbsolutePath().normalize().toString());
            pb.environment().put("EDGEWISE_POLL_INTERVAL", "PT1S");
            // addresses of their own (127.11.0.x to 127.13.0.x), so that the node client's end-to-end tests can run beside;
            // another block when the environment names one, so that two runs of these tests can run beside too
            pb.environment().putIfAbsent("EDGEWISE_LOCAL_ADDRESS_BLOCK", "11");
            pb.environment().put("SPRING_MAIL_HOST", mailServer.getSmtp().getBindTo());
            pb.environment().put("SPRING_MAIL_PORT", Integer.toString(mailServer.getSmtp().getPort()));
            pb.environment().put("EDGEWISE_PUBLIC_URL", url);
            pb.environment().remove("SPRING_DATASOURCE_URL");
            Process process = pb.start();
            List<Process> started = new java.util.concurrent.CopyOnWriteArrayList<>(List.of(process));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                for (int i = started.size() - 1; i >= 0; i--) {
                    stop(started.get(i));
                }
                mailServer.stop();
            }));
            awaitHealthy(url, process, log, dataDir.resolve("local-cloud/local-node-" + (NODES + TEST_NODES)
                    + "/address-prefix"));
            for (int n = 1; n <= NODES + TEST_NODES; n++) {
                started.add(startNode(url, dataDir.resolve("local-cloud/local-node-" + n)));
            }
            return new RunningMaster(url, dataDir, mailServer);
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the Master", e);
        }
    }

    /** Enrols the node with the token the Master left for it, then runs it. */
    private static Process startNode(String url, Path dir) throws IOException {
        Path jar = Path.of(System.getProperty("edgewise.node.jar", "../node-client/target/edgewise-node.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException("No node client at " + jar.toAbsolutePath()
                    + ": build it first (mvn package in node-client/).");
        }
        Path config = dir.resolve("node.properties");
        Process enrol = new ProcessBuilder(javaBinary(), "-jar", jar.toString(), "enrol", "--config", config.toString(),
                "--master", url, "--token", Files.readString(dir.resolve("enrolment-token")).strip(),
                "--address-prefix", Files.readString(dir.resolve("address-prefix")).strip(), "--partitions", "10")
                .redirectErrorStream(true).redirectOutput(dir.resolve("enrol.log").toFile()).start();
        try {
            if (!enrol.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || enrol.exitValue() != 0) {
                throw new IllegalStateException("Enrolment failed: " + Files.readString(dir.resolve("enrol.log")));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new ProcessBuilder(javaBinary(), "-jar", jar.toString(), "run", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("node.log").toFile()).start();
    }

    private static void awaitHealthy(String url, Process process, Path log, Path ready) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(url + "/actuator/health")).timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The Master exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200
                        && Files.exists(ready)) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                process.waitFor(250, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        stop(process);
        throw new IllegalStateException("The Master did not become healthy within " + STARTUP + "; see " + log);
    }

    private static void stop(Process process) {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

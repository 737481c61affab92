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

/**
 * The packaged Master started as its own process, on a fresh embedded database, exactly as the
 * README's run command starts it. One per test JVM; stopped when the JVM ends. Set
 * {@code edgewise.master.url} to test a Master that is already running instead.
 */
public final class RunningMaster {

    public static final String ADMIN_PASSWORD = "browser-tests-admin";
    private static final Duration STARTUP = Duration.ofSeconds(120);

    private static RunningMaster instance;

    private final String url;
    private final Process process;

    private RunningMaster(String url, Process process) {
        this.url = url;
        this.process = process;
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

    private static RunningMaster start() {
        String external = System.getProperty("edgewise.master.url");
        if (external != null && !external.isBlank()) {
            return new RunningMaster(external.replaceAll("/$", ""), null);
        }
        try {
            Path jar = Path.of(System.getProperty("edgewise.master.jar", "../target/edgewise-master.jar"));
            if (!Files.exists(jar)) {
                throw new IllegalStateException("No Master jar at " + jar.toAbsolutePath()
                        + ": build it first (mvn package in the repository root).");
            }
            int port = freePort();
            Path dataDir = Path.of("target", "master-data", UUID.randomUUID().toString()).toAbsolutePath();
            Files.createDirectories(dataDir);
            Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
            ProcessBuilder pb = new ProcessBuilder(List.of(javaBinary(), "-jar", jar.toAbsolutePath().toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().put("PORT", Integer.toString(port));
            pb.environment().put("EDGEWISE_DATA_DIR", dataDir.toString());
            pb.environment().put("EDGEWISE_ADMIN_PASSWORD", ADMIN_PASSWORD);
            pb.environment().remove("SPRING_DATASOURCE_URL");
            Process process = pb.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process)));
            String url = "http://localhost:" + port;
            awaitHealthy(url, process, log);
            return new RunningMaster(url, process);
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the Master", e);
        }
    }

    private static void awaitHealthy(String url, Process process, Path log) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(url + "/actuator/health")).timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The Master exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
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

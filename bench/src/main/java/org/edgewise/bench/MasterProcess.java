package org.edgewise.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged Master started as its own process on a fresh data directory and a free port, as the
 * README's run command starts it, with an admin API token given through EDGEWISE_ADMIN_API_TOKEN.
 */
final class MasterProcess implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(180);
    /** What a --keep-data run seeded, beside its data directory. */
    static final String STATE = "bench-state.json";

    final String url;
    final int port;
    final String apiToken;
    final Path root;
    final Path dataDir;
    final Path log;
    Duration startup;
    private final ProcessBuilder builder;
    private final List<String> command;
    private Process process;
    private final boolean keepData;

    private MasterProcess(String url, int port, String apiToken, Path root, Path dataDir, Path log,
            ProcessBuilder builder, boolean keepData) {
        this.root = root;
        this.url = url;
        this.port = port;
        this.apiToken = apiToken;
        this.dataDir = dataDir;
        this.log = log;
        this.builder = builder;
        this.command = List.copyOf(builder.command());
        this.keepData = keepData;
    }

    /** Starts the Master with these extra arguments (Spring properties such as --edgewise.allocation.interval=…). */
    static MasterProcess start(Options o, List<String> arguments) throws IOException, InterruptedException {
        if (!Files.isRegularFile(o.masterJar)) {
            throw new IllegalStateException("No Master jar at " + o.masterJar + ": build it first (mvn package -DskipTests).");
        }
        int port = freePort();
        // the Master runs from a copy of its jar, so rebuilding it meanwhile cannot disturb the run
        Path root = Files.createTempDirectory("edgewise-bench-");
        Path jar = Files.copy(o.masterJar, root.resolve("edgewise-master.jar"));
        Path dataDir = root.resolve("data");
        String token;
        if (o.reuse != null) {
            copyTree(o.reuse.resolve("data"), dataDir);
            token = Api.JSON.readTree(o.reuse.resolve(STATE).toFile()).get("apiToken").asText();
        } else {
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            token = "ew-bench" + HexFormat.of().formatHex(secret);
        }
        Files.createDirectories(o.workDir);
        Path log = o.workDir.resolve("master.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String opt : o.masterJavaOpts.trim().split("\\s+")) {
            if (!opt.isEmpty()) {
                command.add(opt);
            }
        }
        command.add("-jar");
        command.add(jar.toString());
        Files.deleteIfExists(log);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("PORT", Integer.toString(port));
        pb.environment().put("EDGEWISE_DATA_DIR", dataDir.toString());
        pb.environment().put("EDGEWISE_ADMIN_PASSWORD", "bench-" + token.substring(8, 24));
        pb.environment().put("EDGEWISE_ADMIN_API_TOKEN", token);
        pb.environment().remove("SPRING_DATASOURCE_URL");
        pb.environment().remove("SPRING_APPLICATION_JSON");
        String url = "http://127.0.0.1:" + port;
        MasterProcess master = new MasterProcess(url, port, token, root, dataDir, log, pb, o.keepData);
        Runtime.getRuntime().addShutdownHook(new Thread(master::stopQuietly));
        master.launch(arguments);
        return master;
    }

    /**
     * Stops the Master gracefully and starts it again on the same data, port and token with other extra
     * arguments; returns the log's size before the new start, to read only what the new process writes.
     */
    long restart(List<String> arguments) throws IOException, InterruptedException {
        stop();
        long logSize = Files.size(log);
        launch(arguments);
        return logSize;
    }

    private void launch(List<String> arguments) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(command);
        full.addAll(arguments);
        builder.command(full);
        long started = System.nanoTime();
        process = builder.start();
        awaitHealthy();
        startup = Duration.ofNanos(System.nanoTime() - started);
    }

    long pid() {
        return process.pid();
    }

    /** The processes whose CPU time the report shows: the Master's JVM and its embedded PostgreSQL. */
    Cpu.Watched watched() {
        return new Cpu.Watched(process.pid(), dataDir.resolve("postgres").resolve("postmaster.pid"));
    }

    private void awaitHealthy() throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(url + "/actuator/health")).timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The Master exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            process.waitFor(250, TimeUnit.MILLISECONDS);
        }
        stopQuietly();
        throw new IllegalStateException("The Master did not become healthy within " + STARTUP + "; see " + log);
    }

    @Override
    public void close() {
        stopQuietly();
    }

    /** SIGTERM: a graceful shutdown, which also stops the embedded PostgreSQL; forcibly after a minute. */
    private synchronized void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private synchronized void stopQuietly() {
        try {
            stop();
            if (!keepData && Files.exists(root)) {
                try (Stream<Path> files = Files.walk(root)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        } catch (IOException e) {
            System.err.println("Could not remove " + root + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            throw new IllegalStateException("No data directory " + from + " to reuse");
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(p)); // PostgreSQL wants 0700
                } else if (!p.getFileName().toString().equals("postmaster.pid")) {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

package org.edgewise.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Keeps an instance's long-running services up: each runs as a child process with its log in the
 * partition and its pid in {@code var/run}; one that exits on its own is started again after a backoff
 * that doubles up to 30 s (and starts over once a run lasted a minute).
 */
final class Supervisor {

    private static final Logger log = Logger.getLogger(Supervisor.class.getName());
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration STABLE = Duration.ofMinutes(1);

    private final Map<String, Service> services = new ConcurrentHashMap<>();
    private boolean shutDown;

    /**
     * Starts the service unless it runs already with the same command; a changed command restarts it.
     * Once the supervisor is shut down it starts nothing: the node's loop may still be applying a plan
     * while the node stops, and a service started then would outlive the node.
     */
    synchronized void ensure(String key, String command, Path workDir, Map<String, String> env, Path logFile,
            Path pidFile) {
        if (shutDown) {
            return;
        }
        Service existing = services.get(key);
        if (existing != null && existing.command.equals(command) && !existing.stopped) {
            return;
        }
        if (existing != null) {
            existing.stop();
        }
        Service service = new Service(key, command, workDir, env, logFile, pidFile);
        services.put(key, service);
        service.start();
    }

    void stop(String key) {
        Service s = services.remove(key);
        if (s != null) {
            s.stop();
            log.info("service " + key + " stopped");
        }
    }

    /** Stops every service whose key starts with the prefix (all services of a partition). */
    void stopAll(String prefix) {
        List<String> keys = services.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
        keys.forEach(this::stop);
    }

    boolean isRunning(String key) {
        Service s = services.get(key);
        return s != null && s.process != null && s.process.isAlive();
    }

    List<String> keys(String prefix) {
        return services.keySet().stream().filter(k -> k.startsWith(prefix)).sorted().toList();
    }

    /** Stops every service, for good: {@link #ensure} starts nothing afterwards. */
    synchronized void shutdown() {
        shutDown = true;
        List.copyOf(services.keySet()).forEach(this::stop);
    }

    private static final class Service {
        final String key;
        final String command;
        final Path workDir;
        final Map<String, String> env;
        final Path logFile;
        final Path pidFile;
        volatile Process process;
        volatile boolean stopped;
        Thread watcher;

        Service(String key, String command, Path workDir, Map<String, String> env, Path logFile, Path pidFile) {
            this.key = key;
            this.command = command;
            this.workDir = workDir;
            this.env = env;
            this.logFile = logFile;
            this.pidFile = pidFile;
        }

        void start() {
            watcher = new Thread(this::watch, "service " + key);
            watcher.setDaemon(true);
            watcher.start();
        }

        private void watch() {
            long backoff = 1000;
            while (!stopped) {
                long started = System.nanoTime();
                try {
                    Files.createDirectories(logFile.getParent());
                    Files.createDirectories(pidFile.getParent());
                    ProcessBuilder pb = new ProcessBuilder("sh", "-c", "exec " + command).directory(workDir.toFile())
                            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
                    pb.environment().putAll(env);
                    synchronized (this) {
                        if (stopped) {
                            return;
                        }
                        process = pb.start();
                    }
                    Files.writeString(pidFile, Long.toString(process.pid()), StandardCharsets.US_ASCII);
                    log.info("service " + key + " started (pid " + process.pid() + ", log in " + logFile + ")");
                    int exit = process.waitFor();
                    if (stopped) {
                        return;
                    }
                    log.warning("service " + key + " exited with " + exit + "; restarting in " + backoff + " ms");
                } catch (IOException e) {
                    log.warning("service " + key + " could not start: " + e.getMessage());
                } catch (InterruptedException e) {
                    return;
                }
                if (Duration.ofNanos(System.nanoTime() - started).compareTo(STABLE) > 0) {
                    backoff = 1000;
                }
                try {
                    Thread.sleep(backoff); // the restart backoff itself, not a wait for a condition
                } catch (InterruptedException e) {
                    return;
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
            }
        }

        void stop() {
            Process p;
            synchronized (this) {
                stopped = true;
                p = process;
            }
            if (watcher != null) {
                watcher.interrupt();
            }
            if (p != null) {
                Processes.kill(p.toHandle());
            }
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException e) {
                log.fine("pid file: " + e.getMessage());
            }
        }
    }
}

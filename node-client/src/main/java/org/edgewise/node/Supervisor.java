package org.edgewise.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Keeps an instance's long-running services up: each runs as a child process with its log in the
 * partition and its pid in {@code var/run}; one that exits on its own is started again after a backoff
 * that doubles up to 30 s (and starts over once a run lasted a minute). It also says, for usage, which
 * process runs each service now and how long each has run in all.
 */
final class Supervisor {

    private static final Logger log = Logger.getLogger(Supervisor.class.getName());
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration STABLE = Duration.ofMinutes(1);

    private final Map<String, Service> services = new ConcurrentHashMap<>();
    /** Running time of the services of each key that were stopped or replaced, so that none is forgotten. */
    private final Map<String, Long> pastRunningNanos = new ConcurrentHashMap<>();
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
            retire(key, existing);
        }
        Service service = new Service(key, command, workDir, env, logFile, pidFile);
        services.put(key, service);
        service.start();
    }

    void stop(String key) {
        Service s = services.remove(key);
        if (s != null) {
            retire(key, s);
            log.info("service " + key + " stopped");
        }
    }

    private void retire(String key, Service service) {
        service.stop();
        pastRunningNanos.merge(key, service.runningNanos(), Long::sum);
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

    /** The process running the service now, if it runs. */
    Optional<ProcessHandle> process(String key) {
        Service s = services.get(key);
        Process p = s == null ? null : s.process;
        return p != null && p.isAlive() ? Optional.of(p.toHandle()) : Optional.empty();
    }

    /** How long the services of this key have run in all since this supervisor began, the one running now included. */
    Duration runningTime(String key) {
        Service s = services.get(key);
        return Duration.ofNanos(pastRunningNanos.getOrDefault(key, 0L) + (s == null ? 0 : s.runningNanos()));
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
        /** Running time of this service's earlier processes, and when the current one started (or -1). */
        private long endedRunsNanos;
        private long runningSince = -1;

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
                        runningSince = System.nanoTime();
                    }
                    Files.writeString(pidFile, Long.toString(process.pid()), StandardCharsets.US_ASCII);
                    log.info("service " + key + " started (pid " + process.pid() + ", log in " + logFile + ")");
                    int exit = process.waitFor();
                    ended();
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

        synchronized long runningNanos() {
            return endedRunsNanos + (runningSince < 0 ? 0 : System.nanoTime() - runningSince);
        }

        private synchronized void ended() {
            if (runningSince >= 0) {
                endedRunsNanos += System.nanoTime() - runningSince;
                runningSince = -1;
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
            ended();
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException e) {
                log.fine("pid file: " + e.getMessage());
            }
        }
    }
}

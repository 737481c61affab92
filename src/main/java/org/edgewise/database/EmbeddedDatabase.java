package org.edgewise.database;

import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server owned by this Master, with its data in a directory that survives restarts.
 *
 * <p>The directory is locked for as long as the server runs, so a second Master pointed at the same
 * directory stops before touching anything. A server left behind by a Master that died without
 * shutting down is stopped before the new one starts.
 */
public final class EmbeddedDatabase implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final String LOCK_FILE = "edgewise.lock";
    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(30);

    private final Path directory;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(Path directory, FileChannel lockChannel, FileLock lock, EmbeddedPostgres postgres) {
        this.directory = directory;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.postgres = postgres;
    }

    /** Starts the server on {@code directory} (created if missing), on the given port or a free one when 0. */
    public static EmbeddedDatabase start(Path directory, int port) {
        Path dir = directory.toAbsolutePath().normalize();
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            channel = new RandomAccessFile(dir.resolve(LOCK_FILE).toFile(), "rw").getChannel();
            FileLock lock = tryLock(channel);
            if (lock == null) {
                throw new DataDirectoryInUseException(dir);
            }
            Path pgData = dir.resolve("postgres");
            stopOrphanedServer(pgData);
            long started = System.nanoTime();
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // stopped by close(), after the beans using it: the library's own shutdown hook would
                    // stop it while they still write (the last contacts of nodes, say)
                    .setRegisterShutdownHook(false)
                    // the library's defaults favour throw-away test databases; a Master keeps its data
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .start();
            log.info("Embedded PostgreSQL ready on port {} with data in {} ({} ms)", postgres.getPort(), pgData,
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
            return new EmbeddedDatabase(dir, channel, lock, postgres);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new IllegalStateException("Could not start the embedded PostgreSQL in " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this very process
        }
    }

    /**
     * A Master killed without a clean shutdown leaves its postgres running on the data directory; we
     * hold the lock now, so that server is nobody's and is stopped (fast shutdown) before ours starts.
     */
    private static void stopOrphanedServer(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> orphan = lines.isEmpty() ? Optional.empty()
                : ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                        .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (orphan.isEmpty()) {
            return; // a stale pid file; postgres itself handles that
        }
        log.warn("Stopping PostgreSQL (pid {}) left running on {} by a previous Master", orphan.get().pid(), pgData);
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(orphan.get().pid())).inheritIO().start().waitFor();
            orphan.get().onExit().get(ORPHAN_STOP_WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("the PostgreSQL server left running on " + pgData + " did not stop", e);
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public int port() {
        return postgres.getPort();
    }

    public Path directory() {
        return directory;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            log.error("Could not stop the embedded PostgreSQL", e);
        }
        try {
            lock.release();
        } catch (IOException e) {
            log.warn("Could not release {}", directory.resolve(LOCK_FILE), e);
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException e) {
            log.debug("close failed", e);
        }
    }
}

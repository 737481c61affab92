package org.edgewise.database;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server owned by this Master, with its data in a directory that survives restarts.
 *
 * <p>The directory is locked for as long as the server runs, so a second Master pointed at the same
 * directory stops before touching anything. A server left behind by a Master that died without
 * shutting down is stopped before the new one starts.
 *
 * <p>The server listens on 127.0.0.1 only, has no unix socket, and asks every connection for a
 * password; the superuser {@code postgres}'s is kept in {@code postgres-password} beside the data,
 * readable by its owner only. A directory without that file, one made before there was a password
 * or one whose file was deleted, gets a new password on its next start.
 */
public final class EmbeddedDatabase implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final String LOCK_FILE = "edgewise.lock";
    private static final String PASSWORD_FILE = "postgres-password";
    private static final String SUPERUSER = "postgres";
    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(30);
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final String PASSWORD_HBA = """
            # Written by the Edgewise Master on every start: loopback TCP with the password, nothing else
            host all all 127.0.0.1/32 scram-sha-256
            """;
    private static final String SETTING_PASSWORD_HBA = """
            # Written by the Edgewise Master while it sets a new password, replaced as soon as that is done
            host postgres postgres 127.0.0.1/32 trust
            """;

    private final Path directory;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final EmbeddedPostgres postgres;
    private final String password;

    private EmbeddedDatabase(Path directory, FileChannel lockChannel, FileLock lock, EmbeddedPostgres postgres,
            String password) {
        this.directory = directory;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.postgres = postgres;
        this.password = password;
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
            Path passwordFile = dir.resolve(PASSWORD_FILE);
            stopOrphanedServer(pgData);
            long started = System.nanoTime();
            Optional<String> stored = storedPassword(passwordFile);
            String password;
            if (stored.isPresent()) {
                password = stored.get();
            } else if (isInitialised(pgData)) {
                password = setNewPassword(pgData, port, passwordFile);
            } else {
                password = storePassword(passwordFile, newPassword());
            }
            EmbeddedPostgres postgres = startServer(pgData, port, passwordFile, password, PASSWORD_HBA);
            log.info("Embedded PostgreSQL ready on 127.0.0.1 port {} with data in {} and the password in {} ({} ms)",
                    postgres.getPort(), pgData, passwordFile, Duration.ofNanos(System.nanoTime() - started).toMillis());
            return new EmbeddedDatabase(dir, channel, lock, postgres, password);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new IllegalStateException("Could not start the embedded PostgreSQL in " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static EmbeddedPostgres startServer(Path pgData, int port, Path passwordFile, String password, String hba)
            throws IOException {
        return EmbeddedPostgres.builder()
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
                // the default socket in /tmp would be a second way in, one pg_hba.conf has to be right about too
                .setServerConfig("unix_socket_directories", "''")
                // the library runs initdb with "-A trust" and passes its locale settings on as --name=value:
                // the one way to have the superuser's password set from the very first start
                .setLocaleConfig("pwfile", passwordFile.toString())
                // runs after initdb and before every start
                .setDataDirectoryCustomizer(data -> writeHba(data, hba))
                // for the library's own check that the server is up
                .setConnectConfig("password", password)
                .start();
    }

    /**
     * A directory made before the server had a password trusts every local connection; so does none
     * here but the one that sets the password, and the server is restarted rather than reloaded so
     * that the one handed out has read the new pg_hba.conf for certain.
     */
    private static String setNewPassword(Path pgData, int port, Path passwordFile) throws IOException {
        String password = newPassword();
        try (EmbeddedPostgres trusting = startServer(pgData, port, passwordFile, password, SETTING_PASSWORD_HBA);
                Connection connection = trusting.getPostgresDatabase().getConnection()) {
            // hashed here, so the password itself reaches neither the server nor its log
            connection.unwrap(PGConnection.class).alterUserPassword(SUPERUSER, password.toCharArray(), "scram-sha-256");
        } catch (SQLException e) {
            throw new IOException("could not set the password of " + SUPERUSER + ": " + e.getMessage(), e);
        }
        log.info("Set a new password for the embedded PostgreSQL in {}; it is in {}", pgData, passwordFile);
        return storePassword(passwordFile, password);
    }

    /** The library's own test of whether initdb is still to run. */
    private static boolean isInitialised(Path pgData) {
        return Files.exists(pgData.resolve("postgresql.conf"));
    }

    private static String newPassword() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Optional<String> storedPassword(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String password = Files.readString(file, StandardCharsets.UTF_8).strip();
        return password.isEmpty() ? Optional.empty() : Optional.of(password);
    }

    /** Owner-only from its creation on, and never half written: a new file, synced, then moved in place. */
    private static String storePassword(Path file, String password) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        try (FileChannel out = FileChannel.open(temporary, Set.of(CREATE_NEW, WRITE), OWNER_ONLY)) {
            out.write(ByteBuffer.wrap((password + "\n").getBytes(StandardCharsets.UTF_8)));
            out.force(true);
        }
        Files.move(temporary, file, ATOMIC_MOVE, REPLACE_EXISTING);
        return password;
    }

    private static void writeHba(File pgData, String hba) {
        try {
            Files.writeString(pgData.toPath().resolve("pg_hba.conf"), hba, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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

    /** The server's address, without the password: give {@link #user()} and {@link #password()} beside it. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
    }

    public String user() {
        return SUPERUSER;
    }

    public String password() {
        return password;
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

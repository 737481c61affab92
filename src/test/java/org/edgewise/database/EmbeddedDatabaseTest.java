package org.edgewise.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

class EmbeddedDatabaseTest {

    @TempDir
    Path dataDir;

    @Test
    void dataAndPasswordSurviveARestartOnTheSameDirectory() throws Exception {
        String password;
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, 0)) {
            password = storedPassword();
            execute(db, "CREATE TABLE kept (id INT PRIMARY KEY, what TEXT)");
            execute(db, "INSERT INTO kept VALUES (1, 'survives')");
        }

        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, 0)) {
            assertThat(storedPassword()).isEqualTo(password);
            assertThat(queryText(connect(db.port(), password), "SELECT what FROM kept WHERE id = 1")).isEqualTo("survives");
            assertRefusedWithoutPassword(db.port());
        }
        assertThat(Files.exists(dataDir.resolve("postgres").resolve("PG_VERSION"))).isTrue();
    }

    @Test
    void aSecondStartOnADirectoryInUseIsRefusedAndHarmsNothing() throws Exception {
        try (EmbeddedDatabase first = EmbeddedDatabase.start(dataDir, 0)) {
            execute(first, "CREATE TABLE kept (id INT PRIMARY KEY)");
            execute(first, "INSERT INTO kept VALUES (7)");

            assertThatThrownBy(() -> EmbeddedDatabase.start(dataDir, 0))
                    .isInstanceOf(DataDirectoryInUseException.class)
                    .hasMessageContaining("is in use by another running Edgewise Master");

            assertThat(queryText(first, "SELECT id::text FROM kept")).isEqualTo("7");
        }
    }

    @Test
    void aConnectionWithoutThePasswordOrWithAWrongOneIsRefused() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, 0)) {
            assertRefusedWithoutPassword(db.port());
            assertThatThrownBy(() -> connect(db.port(), "not-" + storedPassword()).close())
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed for user \"postgres\"");

            assertThat(queryText(connect(db.port(), storedPassword()), "SELECT current_user")).isEqualTo("postgres");
            assertThat(db.password()).isEqualTo(storedPassword());
        }
    }

    @Test
    void thePasswordIsKeptInAFileOnlyItsOwnerCanRead() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, 0)) {
            Path file = dataDir.resolve("postgres-password");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(storedPassword()).hasSizeGreaterThanOrEqualTo(32);
        }
    }

    @Test
    void theServerListensOnLoopbackTcpAndNowhereElse() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, 0)) {
            assertThat(tcpListeners(db.port())).containsExactly("127.0.0.1");
            assertThat(Files.readAllLines(Path.of("/proc/net/unix")))
                    .noneMatch(socket -> socket.endsWith("/.s.PGSQL." + db.port()));
            for (InetAddress address : nonLoopbackAddresses()) {
                assertThatThrownBy(() -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress(address, db.port()), 2000);
                    }
                }).as("connecting to %s", address).isInstanceOf(IOException.class);
            }
        }
    }

    @Test
    void aDirectoryThatTrustedEveryLocalConnectionGetsAPasswordAndKeepsItsData() throws Exception {
        Path pgData = dataDir.resolve("postgres");
        try (EmbeddedPostgres trusting = EmbeddedPostgres.builder().setDataDirectory(pgData)
                .setCleanDataDirectory(false).setRegisterShutdownHook(false).start();
                Connection c = trusting.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (id INT PRIMARY KEY, what TEXT)");
            s.execute("INSERT INTO kept VALUES (1, 'survives')");
        }
        assertThat(hbaMethods(pgData)).contains("trust");

        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, 0)) {
            assertRefusedWithoutPassword(db.port());
            assertThat(queryText(connect(db.port(), storedPassword()), "SELECT what FROM kept")).isEqualTo("survives");
            assertThat(hbaMethods(pgData)).containsOnly("scram-sha-256");
        }
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, 0)) {
            assertThat(queryText(connect(db.port(), storedPassword()), "SELECT what FROM kept")).isEqualTo("survives");
        }
    }

    @Test
    void aDeletedPasswordFileIsReplacedByANewPassword() throws Exception {
        String lost;
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, 0)) {
            lost = storedPassword();
            execute(db, "CREATE TABLE kept (id INT PRIMARY KEY)");
        }
        Files.delete(dataDir.resolve("postgres-password"));

        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, 0)) {
            assertThat(storedPassword()).isNotEqualTo(lost);
            assertThatThrownBy(() -> connect(db.port(), lost).close())
                    .hasMessageContaining("password authentication failed");
            assertThat(queryText(connect(db.port(), storedPassword()), "SELECT count(*)::text FROM kept")).isEqualTo("0");
        }
    }

    @Test
    void thePasswordAppearsInNoLogLine() throws Exception {
        List<ILoggingEvent> events;
        List<String> passwords = new ArrayList<>();
        try (LogCapture capture = new LogCapture("org.edgewise.database", "io.zonky", "com.zaxxer", "org.postgresql")) {
            try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, 0)) {
                passwords.add(storedPassword());
                assertThatThrownBy(() -> connect(db.port(), "not-" + storedPassword()).close())
                        .isInstanceOf(SQLException.class);
            }
            Files.delete(dataDir.resolve("postgres-password"));
            try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, 0)) {
                passwords.add(storedPassword());
            }
            events = capture.events();
        }

        assertThat(events).isNotEmpty();
        for (ILoggingEvent event : events) {
            String logged = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            assertThat(logged).doesNotContain(passwords.get(0)).doesNotContain(passwords.get(1));
        }
    }

    /** Every event of the named loggers, at every level, and kept off the console while it lasts. */
    private static final class LogCapture implements AutoCloseable {
        private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
        private final List<Logger> loggers = new ArrayList<>();
        private final List<Level> levels = new ArrayList<>();

        LogCapture(String... names) {
            appender.start();
            for (String name : names) {
                Logger logger = (Logger) LoggerFactory.getLogger(name);
                loggers.add(logger);
                levels.add(logger.getLevel());
                logger.setLevel(Level.ALL);
                logger.setAdditive(false);
                logger.addAppender(appender);
            }
        }

        List<ILoggingEvent> events() {
            return List.copyOf(appender.list);
        }

        @Override
        public void close() {
            for (int i = 0; i < loggers.size(); i++) {
                loggers.get(i).detachAppender(appender);
                loggers.get(i).setAdditive(true);
                loggers.get(i).setLevel(levels.get(i));
            }
            appender.stop();
        }
    }

    private String storedPassword() throws IOException {
        return Files.readString(dataDir.resolve("postgres-password"), StandardCharsets.UTF_8).strip();
    }

    private static Connection connect(int port, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", properties);
    }

    private static void assertRefusedWithoutPassword(int port) {
        assertThatThrownBy(() -> connect(port, null).close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("no password was provided");
    }

    /** The authentication methods pg_hba.conf names, one per line that is not a comment. */
    private static List<String> hbaMethods(Path pgData) throws IOException {
        return Files.readAllLines(pgData.resolve("pg_hba.conf")).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.split("\\s+"))
                .map(fields -> fields[fields.length - 1])
                .toList();
    }

    /** The addresses of the TCP sockets listening on {@code port}, as the kernel lists them (IPv4 and IPv6). */
    private static List<String> tcpListeners(int port) throws IOException {
        List<String> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table)).stream().skip(1).toList()) {
                String[] fields = line.strip().split("\\s+");
                String[] local = fields[1].split(":");
                boolean listening = "0A".equals(fields[3]);
                if (listening && Integer.parseInt(local[1], 16) == port) {
                    addresses.add(kernelAddress(local[0]));
                }
            }
        }
        return addresses;
    }

    /** The kernel writes each 32-bit word of the address in the machine's (little-endian) byte order. */
    private static String kernelAddress(String hex) throws UnknownHostException {
        byte[] raw = HexFormat.of().parseHex(hex);
        for (int word = 0; word < raw.length; word += 4) {
            for (int i = 0; i < 2; i++) {
                byte b = raw[word + i];
                raw[word + i] = raw[word + 3 - i];
                raw[word + 3 - i] = b;
            }
        }
        return InetAddress.getByAddress(raw).getHostAddress();
    }

    private static List<InetAddress> nonLoopbackAddresses() throws IOException {
        return NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> !address.isLoopbackAddress())
                .toList();
    }

    private static void execute(EmbeddedDatabase db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String queryText(EmbeddedDatabase db, String sql) throws SQLException {
        return queryText(DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()), sql);
    }

    /** Runs the query on {@code connection}, then closes it. */
    private static String queryText(Connection connection, String sql) throws SQLException {
        try (Connection c = connection; Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}

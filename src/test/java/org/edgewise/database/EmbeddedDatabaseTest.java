package org.edgewise.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseTest {

    @TempDir
    Path dataDir;

    @Test
    void dataSurviveARestartOnTheSameDirectory() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, 0)) {
            execute(db, "CREATE TABLE kept (id INT PRIMARY KEY, what TEXT)");
            execute(db, "INSERT INTO kept VALUES (1, 'survives')");
        }

        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, 0)) {
            assertThat(queryText(db, "SELECT what FROM kept WHERE id = 1")).isEqualTo("survives");
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

    private static void execute(EmbeddedDatabase db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String queryText(EmbeddedDatabase db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl()); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}

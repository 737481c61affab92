package org.edgewise.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.edgewise.MasterTest;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.zaxxer.hikari.HikariDataSource;

/** Migrating a running setup: instances that host shared instances keep hosting them, as offered. */
class SharingOffersMigrationTest extends MasterTest {

    @Autowired
    DataSource dataSource;

    @Test
    void theHostsOfSharedInstancesAreOfferedAndNoOtherInstance() throws SQLException {
        HikariDataSource master = (HikariDataSource) dataSource;
        String database = "before_offers_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        String url = master.getJdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
        Flyway.configure().dataSource(url, master.getUsername(), master.getPassword())
                .locations("classpath:db/migration").target("7").load().migrate();
        try (Connection c = DriverManager.getConnection(url, master.getUsername(), master.getPassword());
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO document (id, doc_type, reference, title, state, created_at, updated_at) "
                    + "OVERRIDING SYSTEM VALUE VALUES "
                    + "(1, 'tree', 'TREE-1', 't', 'started', now(), now()), "
                    + "(2, 'instance', 'INST-2', 'host', 'started', now(), now()), "
                    + "(3, 'instance', 'INST-3', 'site', 'started', now(), now()), "
                    + "(4, 'instance', 'INST-4', 'former host', 'started', now(), now()), "
                    + "(5, 'instance', 'INST-5', 'gone site', 'destroyed', now(), now()), "
                    + "(6, 'instance', 'INST-6', 'alone', 'started', now(), now())");
            s.execute("INSERT INTO instance_tree (id) VALUES (1)");
            s.execute("INSERT INTO instance (id, tree_id, title, release_url, software_type, shared, host_instance_id, "
                    + "reported_state, changed_at) VALUES "
                    + "(2, 1, 'host', 'file:/f', 'default', false, null, 'started', now()), "
                    + "(3, 1, 'site', 'file:/f', 'default', true, 2, 'started', now()), "
                    + "(4, 1, 'former host', 'file:/f', 'default', false, null, 'started', now()), "
                    + "(5, 1, 'gone site', 'file:/f', 'default', true, 4, 'destroyed', now()), "
                    + "(6, 1, 'alone', 'file:/f', 'default', false, null, 'started', now())");
        }

        Flyway.configure().dataSource(url, master.getUsername(), master.getPassword())
                .locations("classpath:db/migration").load().migrate();

        List<Long> offered = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, master.getUsername(), master.getPassword());
                Statement s = c.createStatement();
                var rows = s.executeQuery("SELECT id FROM instance WHERE offered_for_sharing ORDER BY id")) {
            while (rows.next()) {
                offered.add(rows.getLong(1));
            }
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE " + database);
        }
        assertThat(offered).containsExactly(2L);
    }
}

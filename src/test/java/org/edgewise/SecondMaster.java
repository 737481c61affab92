package org.edgewise;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

import com.zaxxer.hikari.HikariDataSource;

/**
 * A second Master on the test JVM's database, as a replica behind the same load balancer would be: started once,
 * on first use, and shared by the tests of what several Masters must do only once. Its own periodic jobs are off,
 * so that only what a test starts on it runs there. A test class that uses it extends with it, so that it stops
 * when the tests end, before the database it shares does.
 */
public final class SecondMaster implements BeforeAllCallback {

    private static ConfigurableApplicationContext context;

    @Override
    public void beforeAll(ExtensionContext extension) {
        extension.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(SecondMaster.class,
                key -> (ExtensionContext.Store.CloseableResource) SecondMaster::stop);
    }

    private static synchronized void stop() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    public static synchronized <T> T bean(DataSource firstMasters, Class<T> type) throws Exception {
        if (context == null) {
            context = start(firstMasters.unwrap(HikariDataSource.class));
        }
        return context.getBean(type);
    }

    private static ConfigurableApplicationContext start(HikariDataSource database) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0",
                "--spring.datasource.url=" + database.getJdbcUrl(),
                "--spring.datasource.username=" + database.getUsername(),
                "--spring.mail.host=" + MasterTest.MAIL_SERVER.getSmtp().getBindTo(),
                "--spring.mail.port=" + MasterTest.MAIL_SERVER.getSmtp().getPort(),
                "--edgewise.allocation.sweep.enabled=false", "--edgewise.dunning.enabled=false",
                "--edgewise.monitoring.alarms.enabled=false", "--edgewise.testing.enabled=false",
                "--edgewise.upgrades.enabled=false"));
        if (database.getPassword() != null) {
            arguments.add("--spring.datasource.password=" + database.getPassword());
        }
        SecurityContextHolderStrategy firstMasters = SecurityContextHolder.getContextHolderStrategy();
        ConfigurableApplicationContext started = new SpringApplicationBuilder(EdgewiseApplication.class)
                .run(arguments.toArray(String[]::new));
        SecurityContextHolder.setContextHolderStrategy(firstMasters);
        return started;
    }
}

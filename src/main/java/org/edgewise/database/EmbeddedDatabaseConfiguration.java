package org.edgewise.database;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

import com.zaxxer.hikari.HikariDataSource;

/**
 * With no {@code spring.datasource.url}, the Master runs its own PostgreSQL in {@code edgewise.data-dir};
 * given one, Spring Boot's usual data source is used and this configuration stays out of the way.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoDataSourceUrl.class)
class EmbeddedDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(@Value("${edgewise.data-dir}") Path dataDir,
            @Value("${edgewise.database.port:0}") int port) {
        return EmbeddedDatabase.start(dataDir, port);
    }

    @Bean
    DataSource dataSource(EmbeddedDatabase database,
            @Value("${edgewise.database.pool-size:10}") int poolSize) {
        HikariDataSource ds = DataSourceBuilder.create().type(HikariDataSource.class)
                .url(database.jdbcUrl()).username(database.user()).password(database.password()).build();
        ds.setMaximumPoolSize(poolSize);
        ds.setPoolName("edgewise-embedded");
        return ds;
    }

    static class NoDataSourceUrl implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("spring.datasource.url");
            return url == null || url.isBlank();
        }
    }
}

package io.shardkit.spring.boot.autoconfigure;

import io.shardkit.ShardRegistry;
import io.shardkit.routing.ShardRoutingDataSource;
import io.shardkit.spring.schema.DeferredMigrations;
import io.shardkit.spring.schema.ShardScriptDatabaseInitializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration;
import org.springframework.boot.sql.autoconfigure.init.ApplicationScriptDatabaseInitializer;
import org.springframework.boot.sql.autoconfigure.init.ConditionalOnSqlInitialization;
import org.springframework.boot.sql.autoconfigure.init.SqlInitializationProperties;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.datasource.init.DatabasePopulator;

/**
 * {@code spring.sql.init} on every shard: Boot's schema and data scripts ({@code schema.sql}, {@code data.sql}, or
 * the locations configured) run on each shard in shard order ({@link ShardScriptDatabaseInitializer}), in place of
 * Boot's single run on the routing DataSource, which could not run them. Beans that depend on database
 * initialization (JPA, JdbcTemplate users marked so) wait for all shards, as they would for one database.
 */
@AutoConfiguration(after = ShardkitAutoConfiguration.class, before = DataSourceInitializationAutoConfiguration.class)
@ConditionalOnClass({DatabasePopulator.class, ApplicationScriptDatabaseInitializer.class})
@ConditionalOnBean({ShardRegistry.class, ShardRoutingDataSource.class})
@ConditionalOnSqlInitialization
@EnableConfigurationProperties(SqlInitializationProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public final class ShardkitSqlInitAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(ApplicationScriptDatabaseInitializer.class)
    ShardScriptDatabaseInitializer shardScriptDatabaseInitializer(ShardRoutingDataSource routing,
                                                                  ShardRegistry registry,
                                                                  SqlInitializationProperties properties,
                                                                  ObjectProvider<DeferredMigrations> deferred) {
        return new ShardScriptDatabaseInitializer(routing, registry,
                ApplicationScriptDatabaseInitializer.getSettings(properties), deferred.getIfAvailable());
    }
}

package io.shardkit.spring.boot.autoconfigure;

import io.shardkit.ShardRegistry;
import io.shardkit.layout.LayoutFence;
import io.shardkit.routing.ShardRoutingDataSource;
import io.shardkit.spring.schema.DeferredMigrations;
import io.shardkit.spring.schema.ShardFlywayMigrationInitializer;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;

/**
 * Flyway on every shard: Boot still builds its {@link Flyway} bean from {@code spring.flyway.*} (locations with
 * {@code {vendor}} resolve from the shards' own database), and shardkit's initializer runs it on each shard in
 * shard order, each shard with its own history table ({@link ShardFlywayMigrationInitializer}). A shard whose
 * migration fails, or that cannot be reached, fails the start naming it.
 */
@AutoConfiguration(after = ShardkitAutoConfiguration.class, before = FlywayAutoConfiguration.class)
@ConditionalOnClass({Flyway.class, FlywayMigrationInitializer.class})
@ConditionalOnBean({ShardRegistry.class, ShardRoutingDataSource.class})
@ConditionalOnBooleanProperty(name = "spring.flyway.enabled", matchIfMissing = true)
public final class ShardkitFlywayAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(FlywayMigrationInitializer.class)
    ShardFlywayMigrationInitializer flywayInitializer(Flyway flyway, ObjectProvider<FlywayMigrationStrategy> strategy,
                                                      ShardRegistry registry, ObjectProvider<LayoutFence> layout,
                                                      ObjectProvider<DeferredMigrations> deferred) {
        LayoutFence fence = layout.getIfAvailable();
        return new ShardFlywayMigrationInitializer(flyway, strategy.getIfAvailable(), registry,
                fence == null ? Set.of() : Set.of(fence.tableName()), deferred.getIfAvailable());
    }
}

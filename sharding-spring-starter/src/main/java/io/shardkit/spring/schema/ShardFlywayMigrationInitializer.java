package io.shardkit.spring.schema;

import io.shardkit.ShardRegistry;
import io.shardkit.routing.ShardRoutingDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;

/**
 * Boot's Flyway initializer, once per shard: Boot's {@link Flyway} bean (every {@code spring.flyway.*} setting,
 * callbacks, Java migrations, customizers) is copied onto each shard's DataSource in shard order, so each shard keeps
 * its own {@code flyway_schema_history}; a {@link FlywayMigrationStrategy} bean, when there is one, is applied to
 * each shard's copy. A Flyway bean on a DataSource of its own ({@code spring.flyway.url}, {@code @FlywayDataSource})
 * migrates that one DataSource, as Boot would.
 *
 * <p>Thread-safe; runs once, when Spring initialises it.
 */
public final class ShardFlywayMigrationInitializer extends FlywayMigrationInitializer {

    private final Flyway flyway;
    private final @Nullable FlywayMigrationStrategy strategy;
    private final ShardRegistry registry;

    public ShardFlywayMigrationInitializer(Flyway flyway, @Nullable FlywayMigrationStrategy strategy,
                                           ShardRegistry registry) {
        super(flyway, strategy);
        this.flyway = flyway;
        this.strategy = strategy;
        this.registry = registry;
    }

    @Override
    public void afterPropertiesSet() throws Exception {
        Configuration base = flyway.getConfiguration();
        if (!(base.getDataSource() instanceof ShardRoutingDataSource)) {
            super.afterPropertiesSet();
            return;
        }
        ShardMigrations.run(registry, "Flyway", shard -> {
            Flyway onShard = Flyway.configure(base.getClassLoader()).configuration(base)
                    .dataSource(shard.dataSource()).load();
            if (strategy != null) {
                strategy.migrate(onShard);
            } else {
                onShard.migrate();
            }
        });
    }
}

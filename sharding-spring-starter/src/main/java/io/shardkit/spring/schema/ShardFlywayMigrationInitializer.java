package io.shardkit.spring.schema;

import io.shardkit.Shard;
import io.shardkit.ShardRegistry;
import io.shardkit.routing.ShardRoutingDataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.configuration.FluentConfiguration;
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
 * <p>A schema that holds nothing but shardkit's own tables (the layout identity, which the layout check writes before
 * anything else touches a shard) is a new schema to Flyway: it is baselined at version 0, so that every versioned
 * migration still runs, where Flyway would refuse a "non-empty schema without a history table". Any other table
 * in a schema without a history table is left to Flyway's own rules ({@code spring.flyway.baseline-on-migrate}).
 *
 * <p>Thread-safe; runs once, when Spring initialises it.
 */
public final class ShardFlywayMigrationInitializer extends FlywayMigrationInitializer {

    private final Flyway flyway;
    private final @Nullable FlywayMigrationStrategy strategy;
    private final ShardRegistry registry;
    private final Set<String> ownTables;
    private final @Nullable DeferredMigrations deferred;

    /**
     * @param ownTables the tables shardkit itself creates before migrations run (the layout identity table), which
     *                  do not make a schema "non-empty" to Flyway
     */
    public ShardFlywayMigrationInitializer(Flyway flyway, @Nullable FlywayMigrationStrategy strategy,
                                           ShardRegistry registry, Set<String> ownTables) {
        this(flyway, strategy, registry, ownTables, null);
    }

    /**
     * @param ownTables the tables shardkit itself creates before migrations run (the layout identity table), which
     *                  do not make a schema "non-empty" to Flyway
     * @param deferred  where a shard unreachable at start-up waits for its migration; {@code null}: it fails the start
     */
    public ShardFlywayMigrationInitializer(Flyway flyway, @Nullable FlywayMigrationStrategy strategy,
                                           ShardRegistry registry, Set<String> ownTables,
                                           @Nullable DeferredMigrations deferred) {
        super(flyway, strategy);
        this.deferred = deferred;
        this.flyway = flyway;
        this.strategy = strategy;
        this.registry = registry;
        this.ownTables = ownTables.stream().map(t -> t.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    @Override
    public void afterPropertiesSet() throws Exception {
        Configuration base = flyway.getConfiguration();
        if (!(base.getDataSource() instanceof ShardRoutingDataSource)) {
            super.afterPropertiesSet();
            return;
        }
        ShardMigrations.run(registry, "Flyway", shard -> {
            Flyway onShard = onShard(base, shard);
            if (strategy != null) {
                strategy.migrate(onShard);
            } else {
                onShard.migrate();
            }
        }, deferred);
    }

    private Flyway onShard(Configuration base, Shard shard) throws SQLException {
        FluentConfiguration config = Flyway.configure(base.getClassLoader()).configuration(base)
                .dataSource(shard.dataSource());
        if (!base.isBaselineOnMigrate() && holdsOnlyOwnTables(shard, base)) {
            config.baselineOnMigrate(true).baselineVersion("0")
                    .baselineDescription("shardkit: the schema held only shardkit tables");
        }
        return config.load();
    }

    /** Whether the shard's default schema holds at least one table and only tables of {@link #ownTables}. */
    private boolean holdsOnlyOwnTables(Shard shard, Configuration base) throws SQLException {
        if (ownTables.isEmpty()) {
            return false;
        }
        try (Connection c = shard.dataSource().getConnection()) {
            String schema = base.getDefaultSchema() != null ? base.getDefaultSchema()
                    : base.getSchemas().length > 0 ? base.getSchemas()[0] : c.getSchema();
            DatabaseMetaData meta = c.getMetaData();
            boolean any = false;
            try (ResultSet tables = meta.getTables(c.getCatalog(), schema, "%", new String[] {"TABLE"})) {
                while (tables.next()) {
                    if (!ownTables.contains(tables.getString("TABLE_NAME").toLowerCase(Locale.ROOT))) {
                        return false;
                    }
                    any = true;
                }
            }
            return any;
        }
    }
}

package io.shardkit.spring.schema;

import io.shardkit.Shard;
import io.shardkit.ShardRegistry;
import io.shardkit.routing.ShardRoutingDataSource;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.jdbc.EmbeddedDatabaseConnection;
import org.springframework.boot.jdbc.autoconfigure.ApplicationDataSourceScriptDatabaseInitializer;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;

/**
 * Boot's {@code spring.sql.init} (schema and data scripts) on every shard: the scripts Boot would run once on the
 * primary DataSource run on each shard in shard order, schema scripts on all shards, then data scripts. In the
 * default mode ({@code embedded}) they run when every shard is an embedded database (e.g. in-memory H2), with
 * {@code always} on any; a shard that fails stops the start naming it.
 *
 * <p>Data scripts write the same rows to every shard: keep them to reference data that belongs on each one.
 *
 * <p>Runs once, when Spring initialises it.
 */
public final class ShardScriptDatabaseInitializer extends ApplicationDataSourceScriptDatabaseInitializer {

    private final ShardRegistry registry;
    private final DatabaseInitializationSettings settings;
    private final @Nullable DeferredMigrations deferred;

    public ShardScriptDatabaseInitializer(ShardRoutingDataSource routing, ShardRegistry registry,
                                          DatabaseInitializationSettings settings) {
        this(routing, registry, settings, null);
    }

    /** @param deferred where a shard unreachable at start-up waits for its scripts; {@code null}: it fails the start */
    public ShardScriptDatabaseInitializer(ShardRoutingDataSource routing, ShardRegistry registry,
                                          DatabaseInitializationSettings settings,
                                          @Nullable DeferredMigrations deferred) {
        super(routing, settings);
        this.deferred = deferred;
        this.registry = registry;
        this.settings = settings;
    }

    @Override
    protected boolean isEmbeddedDatabase() {
        for (Shard shard : registry.shards()) {
            if (!EmbeddedDatabaseConnection.isEmbedded(shard.dataSource())) {
                return false;
            }
        }
        return true;
    }

    @Override
    protected void runScripts(Scripts scripts) {
        ShardMigrations.run(registry, "spring.sql.init scripts", shard ->
                new OnShard(shard.dataSource(), settings).apply(scripts), deferred);
    }

    /** Boot's script runner on one shard's DataSource. */
    private static final class OnShard extends DataSourceScriptDatabaseInitializer {

        OnShard(DataSource dataSource, DatabaseInitializationSettings settings) {
            super(dataSource, settings);
        }

        void apply(Scripts scripts) {
            runScripts(scripts);
        }
    }
}

package io.shardkit.spring.schema;

import io.shardkit.Shard;
import io.shardkit.ShardMigrationException;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardingException;
import java.sql.Connection;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one migration tool on every shard in shard order, each on the shard's own DataSource (so each shard keeps its
 * own history table), and stops at the first shard that fails: a shard that cannot be reached, or whose migration
 * throws, fails the start with {@link ShardMigrationException} naming it.
 *
 * <p>Stateless and thread-safe.
 */
public final class ShardMigrations {

    private static final Logger LOG = LoggerFactory.getLogger(ShardMigrations.class);

    private ShardMigrations() {
    }

    /** One tool's run on one shard. */
    @FunctionalInterface
    public interface Step {
        void migrate(Shard shard) throws Exception;
    }

    /** Runs {@code step} on every shard of {@code registry}, in shard order. */
    public static void run(ShardRegistry registry, String tool, Step step) {
        run(registry, tool, step, null);
    }

    /**
     * Runs {@code step} on every shard of {@code registry}, in shard order; with {@code deferred}, a shard that cannot
     * be reached does not fail the start: its step waits there and runs before the shard serves.
     */
    public static void run(ShardRegistry registry, String tool, Step step, @Nullable DeferredMigrations deferred) {
        for (Shard shard : registry.shards()) {
            if (deferred != null && !deferred.waitingOn(shard.name()).isEmpty()) {
                // Its earlier tools wait too: this one runs after them, in the order they ran on the other shards.
                deferred.defer(shard, tool, step, new IllegalStateException("earlier migrations wait on it"));
                continue;
            }
            try {
                requireReachable(shard, tool);
            } catch (ShardMigrationException ex) {
                if (deferred == null) {
                    throw ex;
                }
                deferred.defer(shard, tool, step, ex.getCause() == null ? ex : ex.getCause());
                continue;
            }
            try {
                step.migrate(shard);
            } catch (ShardMigrationException ex) {
                throw ex;
            } catch (Exception ex) {
                throw ShardMigrationException.failed(shard.name(), tool, ex);
            }
            LOG.info("shardkit: shard '{}': {} done", shard.name(), tool);
        }
    }

    private static void requireReachable(Shard shard, String tool) {
        try (Connection ignored = shard.dataSource().getConnection()) {
            // Reachable: the tool takes its own connections.
        } catch (SQLException | ShardingException ex) {
            throw ShardMigrationException.unavailable(shard.name(), tool, ex);
        }
    }
}

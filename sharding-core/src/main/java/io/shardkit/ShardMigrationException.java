package io.shardkit;

/**
 * A shard's schema could not be brought up to date at start-up (its {@code spring.sql.init} scripts, Flyway or
 * Liquibase migration failed, or the shard could not be reached to run it). The start fails naming the shard; the
 * shards before it in shard order are migrated, those after it are not touched.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class ShardMigrationException extends ShardingException {

    private static final long serialVersionUID = 1L;

    private final String tool;

    private ShardMigrationException(String message, String shard, String tool, Throwable cause) {
        super(message, null, null, shard, cause);
        this.tool = tool;
    }

    /** {@code tool} (e.g. "Flyway") failed on {@code shard}. */
    public static ShardMigrationException failed(String shard, String tool, Throwable cause) {
        return new ShardMigrationException("Shard '" + shard + "': " + tool + " failed: " + cause.getMessage()
                + "; the shards before it are migrated, it and those after it are not", shard, tool, cause);
    }

    /** {@code shard} could not be reached to run {@code tool} on it. */
    public static ShardMigrationException unavailable(String shard, String tool, Throwable cause) {
        return new ShardMigrationException("Shard '" + shard + "' is unavailable, so " + tool + " could not run on it: "
                + cause.getMessage() + "; start again once it is reachable", shard, tool, cause);
    }

    /** What was migrating: {@code spring.sql.init}, {@code Flyway} or {@code Liquibase}. */
    public String getTool() {
        return tool;
    }
}

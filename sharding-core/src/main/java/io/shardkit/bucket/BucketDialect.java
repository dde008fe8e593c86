package io.shardkit.bucket;

import io.shardkit.ShardingConfigurationException;
import io.shardkit.internal.SqlScripts;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * The databases whose bucket tables shardkit ships ({@code io/shardkit/bucket/schema-<dialect>.sql}) and the one
 * clause that differs at run time: how a writer takes its bucket's row lock in shared mode.
 *
 * <p>Immutable and thread-safe.
 */
public enum BucketDialect {
    /** H2 2.x: no shared row locks, so writers of one bucket on one shard take turns ({@code FOR UPDATE}). */
    H2(" FOR UPDATE"),
    /** PostgreSQL 12 and later: {@code FOR SHARE}. */
    POSTGRESQL(" FOR SHARE"),
    /** MariaDB 10.6+ and MySQL 8 (InnoDB): {@code LOCK IN SHARE MODE}. */
    MARIADB(" LOCK IN SHARE MODE");

    private final String sharedLock;

    BucketDialect(String sharedLock) {
        this.sharedLock = sharedLock;
    }

    /** The clause appended to a writer's {@code SELECT} of its bucket row. */
    public String sharedLock() {
        return sharedLock;
    }

    /** The DDL's classpath resource, e.g. {@code io/shardkit/bucket/schema-h2.sql}. */
    public String resource() {
        return "io/shardkit/bucket/schema-" + name().toLowerCase(Locale.ROOT) + ".sql";
    }

    /** The DDL statements (idempotent), ready for {@link Statement#execute(String)}. */
    public List<String> statements() {
        return SqlScripts.statements(resource(), "shardkit_bucket_map", "shardkit_bucket_map");
    }

    /** The dialect of a database product name as JDBC metadata reports it. */
    public static BucketDialect of(String databaseProductName) {
        String name = databaseProductName.toLowerCase(Locale.ROOT);
        if (name.equals("h2")) {
            return H2;
        }
        if (name.contains("postgresql")) {
            return POSTGRESQL;
        }
        if (name.contains("mariadb") || name.contains("mysql")) {
            return MARIADB;
        }
        throw new ShardingConfigurationException("no bucket-map DDL ships for database [" + databaseProductName
                + "]; shipped are H2, PostgreSQL and MariaDB/MySQL; write the tables after their example");
    }

    /** The dialect of {@code connection}'s database. */
    public static BucketDialect of(Connection connection) throws SQLException {
        return of(connection.getMetaData().getDatabaseProductName());
    }

    /** Creates the bucket tables (if missing) on {@code connection}'s database; commits if not in auto-commit. */
    public static void createTables(Connection connection) throws SQLException {
        BucketDialect dialect = of(connection);
        try (Statement statement = connection.createStatement()) {
            for (String sql : dialect.statements()) {
                statement.execute(sql);
            }
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }
}

package io.shardkit.layout;

import io.shardkit.ShardingConfigurationException;
import io.shardkit.internal.SqlNames;
import io.shardkit.internal.SqlScripts;
import java.util.List;
import java.util.Locale;

/**
 * The databases whose layout-table DDL shardkit ships, as class path resources under {@code io/shardkit/layout/}:
 * for your migrations when {@link LayoutFenceBuilder#createTable(boolean)} is off, and what the fence runs when it
 * is on. The fence itself reads and writes the table with portable SQL.
 *
 * <p>Immutable and thread-safe.
 */
public enum LayoutDialect {
    /** H2 2.x. */
    H2,
    /** PostgreSQL 12 and later. */
    POSTGRESQL,
    /** MariaDB 10.5+ and MySQL 8 (InnoDB). */
    MARIADB;

    /** The DDL's class path resource, e.g. {@code io/shardkit/layout/schema-postgresql.sql}. */
    public String resource() {
        return "io/shardkit/layout/schema-" + name().toLowerCase(Locale.ROOT) + ".sql";
    }

    /** The statements creating table {@code tableName} if absent, ready for {@code Statement.execute}. */
    public List<String> statements(String tableName) {
        requireTableName(tableName);
        String simpleName = tableName.substring(tableName.indexOf('.') + 1);
        return SqlScripts.statements(resource(), LayoutFence.DEFAULT_TABLE, tableName).stream()
                .map(s -> s.replace("pk_" + tableName, "pk_" + simpleName)).toList();
    }

    /**
     * The dialect of a database, from its JDBC product name ({@code DatabaseMetaData.getDatabaseProductName()});
     * any other database gets the H2 script, which is plain SQL.
     */
    public static LayoutDialect of(String productName) {
        String name = productName.toLowerCase(Locale.ROOT);
        if (name.contains("postgres")) {
            return POSTGRESQL;
        }
        if (name.contains("mariadb") || name.contains("mysql")) {
            return MARIADB;
        }
        return H2;
    }

    static void requireTableName(String tableName) {
        if (!SqlNames.isTableName(tableName)) {
            throw new ShardingConfigurationException("the layout table must be an unquoted SQL identifier (letters, "
                    + "digits, underscores, optionally schema.table) but was [" + tableName + "]");
        }
    }
}

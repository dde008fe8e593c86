package io.shardkit.directory;

import io.shardkit.internal.SqlScripts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The databases whose directory DDL shardkit ships, as classpath resources under {@code io/shardkit/directory/}.
 * The directory itself speaks portable SQL at run time; the dialect only chooses the DDL.
 *
 * <p>Immutable and thread-safe.
 */
public enum DirectoryDialect {
    /** H2 2.x. */
    H2,
    /** PostgreSQL 12 and later. */
    POSTGRESQL,
    /** MariaDB 10.5+ and MySQL 8 (InnoDB). */
    MARIADB;

    /** The DDL's classpath resource, e.g. {@code io/shardkit/directory/schema-h2.sql}. */
    public String resource() {
        return "io/shardkit/directory/schema-" + name().toLowerCase(Locale.ROOT) + ".sql";
    }

    /**
     * The DDL statements creating the directory table {@code tableName} (if absent), without comments or
     * terminators, ready for {@link java.sql.Statement#execute(String)}.
     *
     * @param tableName a table name as {@link DirectoryConfig.Builder#tableName} accepts it
     */
    public List<String> statements(String tableName) {
        // Validates the name the same way the config does: it is written into SQL.
        String table = DirectoryConfig.custom().tableName(tableName).build().tableName();
        String simpleName = table.substring(table.indexOf('.') + 1);
        List<String> statements = new ArrayList<>();
        for (String statement : SqlScripts.statements(resource(), DirectoryConfig.DEFAULT_TABLE_NAME, table)) {
            // The constraint keeps the simple name: a schema-qualified one is no constraint name.
            statements.add(statement.replace("pk_" + table, "pk_" + simpleName));
        }
        return statements;
    }
}

package io.shardkit.directory;

import org.jspecify.annotations.Nullable;

/**
 * The directory table does not exist on the shard that should host it. The message names the table and the
 * DDL to run: the classpath resources {@code io/shardkit/directory/schema-h2.sql}, {@code -postgresql.sql} and
 * {@code -mariadb.sql}, or {@link DirectoryDialect#statements(String)}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class DirectoryTableMissingException extends DirectoryException {

    private static final long serialVersionUID = 1L;

    public DirectoryTableMissingException(@Nullable String rule, @Nullable Object key, String table, String shard,
                                          @Nullable Throwable cause) {
        super(rule, key, table, shard, "the table does not exist; create it with the DDL in classpath resource "
                + DirectoryDialect.H2.resource() + " (or " + DirectoryDialect.POSTGRESQL.resource() + ", "
                + DirectoryDialect.MARIADB.resource() + "), substituting '" + table + "' for '"
                + DirectoryConfig.DEFAULT_TABLE_NAME + "', or DirectoryDialect.statements(\"" + table + "\")", cause);
    }
}

package io.shardkit.directory;

import io.shardkit.ShardingConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
        String script = stripComments(read())
                .replace("pk_" + DirectoryConfig.DEFAULT_TABLE_NAME, "pk_" + simpleName)
                .replace(DirectoryConfig.DEFAULT_TABLE_NAME, table);
        List<String> statements = new ArrayList<>();
        for (String part : script.split(";")) {
            if (!part.isBlank()) {
                statements.add(part.strip());
            }
        }
        return statements;
    }

    private String read() {
        try (InputStream in = DirectoryDialect.class.getClassLoader().getResourceAsStream(resource())) {
            if (in == null) {
                throw new ShardingConfigurationException("Directory DDL resource " + resource() + " is missing from"
                        + " the class path; is sharding-core's jar complete?");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot read " + resource(), ex);
        }
    }

    private static String stripComments(String script) {
        StringBuilder out = new StringBuilder(script.length());
        for (String line : script.split("\n")) {
            if (!line.strip().startsWith("--")) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }
}

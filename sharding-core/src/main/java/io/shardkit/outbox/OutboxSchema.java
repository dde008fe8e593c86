package io.shardkit.outbox;

import io.shardkit.ShardingConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The outbox table's DDL, shipped for H2, PostgreSQL and MariaDB as class path resources
 * ({@code io/shardkit/outbox/schema-h2.sql}, {@code schema-postgresql.sql}, {@code schema-mariadb.sql}; for the
 * {@link OutboxLayout#DEBEZIUM} layout {@code schema-debezium-<dialect>.sql}), and a way to run it. Every script
 * is idempotent ({@code IF NOT EXISTS}) and creates its layout's {@link OutboxLayout#defaultTable()}; to use
 * another table name, copy the script, rename the table, and configure the writer (and relay) with it.
 *
 * <p>Stateless and thread-safe.
 */
public final class OutboxSchema {

    private OutboxSchema() {
    }

    /** Creates the outbox table (if missing) on the database behind {@code dataSource}, e.g. one shard's. */
    public static void create(DataSource dataSource) {
        create(dataSource, OutboxLayout.SHARDKIT);
    }

    /** Creates the outbox table of {@code layout} (if missing) on the database behind {@code dataSource}. */
    public static void create(DataSource dataSource, OutboxLayout layout) {
        Objects.requireNonNull(dataSource, "dataSource");
        try (Connection connection = dataSource.getConnection()) {
            create(connection, layout);
        } catch (SQLException ex) {
            throw new OutboxException(null, "could not create the outbox table: " + ex.getMessage(), ex);
        }
    }

    /** Creates the outbox table (if missing) on {@code connection}'s database; commits if not in auto-commit. */
    public static void create(Connection connection) throws SQLException {
        create(connection, OutboxLayout.SHARDKIT);
    }

    /** Creates the outbox table of {@code layout} (if missing) on {@code connection}'s database. */
    public static void create(Connection connection, OutboxLayout layout) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(resourceFor(product, layout))) {
                statement.execute(sql);
            }
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    /** The class path resource holding the DDL for a database product name as JDBC metadata reports it. */
    public static String resourceFor(String databaseProductName) {
        return resourceFor(databaseProductName, OutboxLayout.SHARDKIT);
    }

    /**
     * The class path resource holding the DDL of {@code layout} for a database product name:
     * {@code io/shardkit/outbox/schema-<dialect>.sql}, or {@code schema-debezium-<dialect>.sql}.
     */
    public static String resourceFor(String databaseProductName, OutboxLayout layout) {
        Objects.requireNonNull(layout, "layout");
        String name = databaseProductName.toLowerCase(Locale.ROOT);
        String dialect = name.equals("h2") ? "h2"
                : name.contains("postgresql") ? "postgresql"
                : name.contains("mariadb") ? "mariadb"
                : null;
        if (dialect == null) {
            throw new ShardingConfigurationException("no outbox DDL ships for database [" + databaseProductName
                    + "]; shipped are H2, PostgreSQL and MariaDB; write the table after their example");
        }
        return "io/shardkit/outbox/schema-" + (layout == OutboxLayout.DEBEZIUM ? "debezium-" : "") + dialect + ".sql";
    }

    /** The SQL statements of a DDL resource, comments removed, in order. */
    public static List<String> statements(String resource) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : read(resource).split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(current.length() == 0 ? "" : "\n").append(line);
            if (trimmed.endsWith(";")) {
                statements.add(current.substring(0, current.length() - 1).strip());
                current.setLength(0);
            }
        }
        return statements;
    }

    private static String read(String resource) {
        try (InputStream in = OutboxSchema.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new ShardingConfigurationException("outbox DDL resource [" + resource + "] not found");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException("reading " + resource, ex);
        }
    }
}

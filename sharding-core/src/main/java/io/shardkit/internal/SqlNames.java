package io.shardkit.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * SQL facts several parts of shardkit rely on: which table names may be written into SQL, and which SQLStates mean
 * "no such table" and "duplicate key" on H2, PostgreSQL and MariaDB / MySQL.
 *
 * <p>Stateless and thread-safe.
 */
public final class SqlNames {

    /** A plain or schema-qualified SQL identifier; names are written into SQL, so nothing else passes. */
    private static final Pattern IDENTIFIER =
            Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");

    private SqlNames() {
    }

    /** Whether {@code name} is an unquoted identifier, optionally {@code schema.table}. */
    public static boolean isTableName(String name) {
        return IDENTIFIER.matcher(name).matches();
    }

    /** Whether {@code ex} says the table does not exist. */
    public static boolean isMissingTable(SQLException ex) {
        String state = ex.getSQLState();
        // 42S02: H2, MariaDB, MySQL; 42S04: H2 with an empty schema; 42P01: PostgreSQL.
        return state != null && (state.equals("42S02") || state.equals("42S04") || state.equals("42P01"));
    }

    /**
     * Whether the table {@code name} (as {@link #isTableName} takes it) exists where the connection would find it
     * unqualified (its current catalog and schema), asked through the JDBC metadata: reading a missing table to find
     * out would make some drivers log the failed statement (MariaDB's logs a WARN for every one). Unquoted names are
     * matched as the database folds them: as written, upper case (H2) or lower case (PostgreSQL).
     */
    public static boolean tableExists(Connection connection, String name) throws SQLException {
        int dot = name.indexOf('.');
        String schema = dot < 0 ? connection.getSchema() : name.substring(0, dot);
        String table = dot < 0 ? name : name.substring(dot + 1);
        return tableExists(connection, schema, table)
                || tableExists(connection, upper(schema), table.toUpperCase(Locale.ROOT))
                || tableExists(connection, lower(schema), table.toLowerCase(Locale.ROOT));
    }

    private static boolean tableExists(Connection connection, @Nullable String schema, String table)
            throws SQLException {
        try (ResultSet rs = connection.getMetaData().getTables(connection.getCatalog(), schema, table, null)) {
            while (rs.next()) {
                if (table.equals(rs.getString("TABLE_NAME"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static @Nullable String upper(@Nullable String name) {
        return name == null ? null : name.toUpperCase(Locale.ROOT);
    }

    private static @Nullable String lower(@Nullable String name) {
        return name == null ? null : name.toLowerCase(Locale.ROOT);
    }

    /** Whether {@code ex} is an integrity violation (SQLState class 23), such as a duplicate primary key. */
    public static boolean isIntegrityViolation(SQLException ex) {
        String state = ex.getSQLState();
        return state != null && state.startsWith("23");
    }
}

package io.shardkit.internal;

import java.sql.SQLException;
import java.util.regex.Pattern;

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

    /** Whether {@code ex} is an integrity violation (SQLState class 23), such as a duplicate primary key. */
    public static boolean isIntegrityViolation(SQLException ex) {
        String state = ex.getSQLState();
        return state != null && state.startsWith("23");
    }
}

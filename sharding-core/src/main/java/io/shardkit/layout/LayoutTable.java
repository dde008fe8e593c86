package io.shardkit.layout;

import io.shardkit.internal.SqlNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The identity table on one shard's database: one read of every row, insert-if-absent and update of one entry,
 * and its creation with the shipped DDL. Writes use the caller's (auto-commit) connection.
 *
 * <p>Immutable and thread-safe.
 */
final class LayoutTable {

    private final String table;
    private final String selectSql;
    private final String insertSql;
    private final String updateSql;

    LayoutTable(String table) {
        this.table = table;
        this.selectSql = "SELECT layout_name, entry, entry_value, detail FROM " + table;
        this.insertSql = "INSERT INTO " + table + " (layout_name, entry, entry_value, detail) VALUES (?, ?, ?, ?)";
        this.updateSql = "UPDATE " + table + " SET entry_value = ?, detail = ? WHERE layout_name = ? AND entry = ?";
    }

    String name() {
        return table;
    }

    /** Every row of the table; {@code null} when the table does not exist. */
    @Nullable List<Row> read(Connection connection) throws SQLException {
        if (!SqlNames.tableExists(connection, table)) {
            return null;
        }
        List<Row> rows = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(selectSql)) {
            while (rs.next()) {
                rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
        } catch (SQLException ex) {
            if (SqlNames.isMissingTable(ex)) {
                return null;
            }
            throw ex;
        }
        return rows;
    }

    void create(Connection connection) throws SQLException {
        LayoutDialect dialect = LayoutDialect.of(connection.getMetaData().getDatabaseProductName());
        try (Statement s = connection.createStatement()) {
            for (String statement : dialect.statements(table)) {
                s.execute(statement);
            }
        }
    }

    /** Writes the entry unless it exists; whether this call wrote it. */
    boolean insertIfAbsent(Connection connection, String layout, String entry, String value, String detail)
            throws SQLException {
        try {
            execute(connection, insertSql, layout, entry, value, detail);
            return true;
        } catch (SQLException ex) {
            if (SqlNames.isIntegrityViolation(ex)) {
                return false;
            }
            throw ex;
        }
    }

    void update(Connection connection, String layout, String entry, String value, String detail)
            throws SQLException {
        execute(connection, updateSql, value, detail, layout, entry);
    }

    private static void execute(Connection connection, String sql, String... parameters) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setString(i + 1, parameters[i]);
            }
            ps.executeUpdate();
        }
    }

    /** One row as stored. */
    record Row(String layout, String entry, String value, String detail) {
    }
}

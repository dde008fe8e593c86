package io.shardkit.directory;

import io.shardkit.ShardUnavailableException;
import io.shardkit.ShardingException;
import io.shardkit.internal.SqlNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The directory table's three statements in portable SQL, and the translation of database errors into
 * shardkit's exceptions. Insert-if-absent is a plain {@code INSERT} whose duplicate-key failure (SQLState class
 * 23, as H2, PostgreSQL and MariaDB all report it) means another node placed the key first; the caller then
 * re-reads the row. Each unit of work runs on its own short connection in auto-commit mode, so a failed insert
 * never poisons a surrounding transaction (PostgreSQL aborts a transaction after any error).
 *
 * <p>Immutable and thread-safe.
 */
final class DirectoryTable {

    /** A unit of work on one connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final String shard;
    private final DataSource dataSource;
    private final String table;
    private final String selectSql;
    private final String insertSql;
    private final String updateSql;

    DirectoryTable(String shard, DataSource dataSource, String table) {
        this.shard = shard;
        this.dataSource = dataSource;
        this.table = table;
        this.selectSql = "SELECT shard_name FROM " + table + " WHERE key_type = ? AND shard_key = ?";
        this.insertSql = "INSERT INTO " + table + " (key_type, shard_key, shard_name, updated_at)"
                + " VALUES (?, ?, ?, CURRENT_TIMESTAMP)";
        this.updateSql = "UPDATE " + table + " SET shard_name = ?, updated_at = CURRENT_TIMESTAMP"
                + " WHERE key_type = ? AND shard_key = ?";
    }

    String table() {
        return table;
    }

    String shard() {
        return shard;
    }

    /** Runs {@code work} on a fresh auto-commit connection, translating database errors. */
    <T> T execute(@Nullable String rule, Object key, Work<T> work) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException ex) {
            throw unavailable(rule, key, ex);
        }
        try (connection) {
            boolean autoCommit = connection.getAutoCommit();
            if (!autoCommit) {
                connection.setAutoCommit(true);
            }
            try {
                return work.run(connection);
            } finally {
                if (!autoCommit) {
                    connection.setAutoCommit(false);
                }
            }
        } catch (SQLException ex) {
            throw translate(rule, key, ex);
        }
    }

    /** The shard name stored for the canonical key, or {@code null} when there is no row. */
    @Nullable String select(Connection connection, Object key) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(selectSql)) {
            ps.setString(1, DirectoryKeys.type(key));
            ps.setString(2, DirectoryKeys.text(key));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Inserts the row unless one exists; {@code false} when another writer's row was already there. */
    boolean insertIfAbsent(Connection connection, Object key, String shardName) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(insertSql)) {
            ps.setString(1, DirectoryKeys.type(key));
            ps.setString(2, DirectoryKeys.text(key));
            ps.setString(3, shardName);
            ps.executeUpdate();
            return true;
        } catch (SQLException ex) {
            if (SqlNames.isIntegrityViolation(ex)) {
                return false;
            }
            throw ex;
        }
    }

    /** Points an existing row at {@code shardName}; the number of rows changed (0 or 1). */
    int update(Connection connection, Object key, String shardName) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(updateSql)) {
            ps.setString(1, shardName);
            ps.setString(2, DirectoryKeys.type(key));
            ps.setString(3, DirectoryKeys.text(key));
            return ps.executeUpdate();
        }
    }

    private ShardingException translate(@Nullable String rule, Object key, SQLException ex) {
        String state = ex.getSQLState();
        if (SqlNames.isMissingTable(ex)) {
            return new DirectoryTableMissingException(rule, key, table, shard, ex);
        }
        if ((state != null && state.startsWith("08")) || ex instanceof SQLTransientConnectionException
                || ex instanceof SQLNonTransientConnectionException) {
            return unavailable(rule, key, ex);
        }
        return new DirectoryException(rule, key, table, shard, "[SQLState " + state + "] " + ex.getMessage(), ex);
    }

    private ShardUnavailableException unavailable(@Nullable String rule, Object key, SQLException ex) {
        return new ShardUnavailableException(shard, "cannot reach directory table '" + table + "'"
                + (rule == null ? "" : " for rule '" + rule + "'") + " to look up key "
                + ShardingException.describeKey(key) + ": " + ex.getMessage(), ex);
    }
}

package io.shardkit.audit;

import io.shardkit.Shard;
import io.shardkit.ShardUnavailableException;
import io.shardkit.ShardingConfigurationException;
import io.shardkit.ShardingRule;
import io.shardkit.bucket.BucketedStrategy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads one table on every shard of a rule, straight from each shard's DataSource, and reports what the rule
 * says should not be there: rows whose key routes to another shard (misplaced), rows whose key the rule cannot
 * place at all (unroutable), ids that occur more than once across the shards (duplicates), and how many rows
 * each shard holds. Use it after a migration, a resharding, a manual fix or a load test. Immutable and
 * thread-safe; each {@link #run()} is independent.
 *
 * <pre>{@code
 * AuditReport report = ShardAudit.of(ordersRule)
 *         .table("orders").keyColumn("customer_id").idColumn("id")
 *         .build()
 *         .run();
 * System.out.println(report);            // a short, CLI-friendly summary
 * if (!report.isClean()) { ... }
 * }</pre>
 *
 * <p>Shards are read one after another, each with a single forward-only query streamed in batches of
 * {@link Builder#fetchSize(int)} rows inside a transaction that is rolled back (PostgreSQL streams
 * only inside a transaction). The audit sees each shard as of its own query, not one snapshot across shards,
 * so run it when writes are quiet for exact figures. Memory: counts are exact whatever the table size, at most
 * {@link Builder#maxReported(int)} problems of each kind are kept for the report, and duplicate detection keeps
 * every id seen (one map entry per row), so leave the id column out for very large tables.
 *
 * <p>Keys are placed with the rule's own {@link ShardingRule#shardOf(Object)}, exactly as a routed call would be;
 * with a directory rule that means a key the directory has never seen is placed (and its row written) by the
 * audit, and then the row holding it is judged against that placement. A bucketed rule's map is re-read from the
 * shards first, so rows are judged by the owners the shards record; run it after a move's cleanup, because before
 * it a moved bucket's rows are still on the old owner too (and reported there as misplaced).
 *
 * <p>Table and column names are plain SQL identifiers (letters, digits, {@code _}, {@code $}, optionally
 * qualified by a schema); they are checked when set because they are placed into the query text.
 */
public final class ShardAudit {

    public static final int DEFAULT_FETCH_SIZE = 1_000;
    public static final int DEFAULT_MAX_REPORTED = 100;

    private static final Pattern IDENTIFIER =
            Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*)?");

    private final ShardingRule rule;
    private final String table;
    private final String keyColumn;
    private final @Nullable String idColumn;
    private final @Nullable Class<?> keyType;
    private final int fetchSize;
    private final int maxReported;
    private final String sql;

    private ShardAudit(Builder b, String table, String keyColumn) {
        this.rule = b.rule;
        this.table = table;
        this.keyColumn = keyColumn;
        this.idColumn = b.idColumn;
        this.keyType = b.keyType;
        this.fetchSize = b.fetchSize;
        this.maxReported = b.maxReported;
        this.sql = "SELECT " + keyColumn + (idColumn == null ? "" : ", " + idColumn) + " FROM " + table;
    }

    /** Starts an audit of a table placed by {@code rule}. */
    public static Builder of(ShardingRule rule) {
        return new Builder(Objects.requireNonNull(rule, "rule"));
    }

    /**
     * Reads every shard of the rule and reports.
     *
     * @throws ShardUnavailableException naming the shard when one cannot hand out a connection: an audit that
     *                                   skipped a shard would report a clean table that is not
     * @throws ShardAuditException       naming the shard and table when the query fails there
     */
    public AuditReport run() {
        if (rule.strategy() instanceof BucketedStrategy bucketed) {
            // Judge rows by the map as the shards hold it now, not by this instance's cache.
            bucketed.refresh();
        }
        AuditCollector collector = new AuditCollector(rule, table, maxReported);
        for (Shard shard : rule.shards()) {
            scan(shard, collector);
        }
        return collector.report();
    }

    private void scan(Shard shard, AuditCollector collector) {
        Connection c;
        try {
            c = shard.dataSource().getConnection();
        } catch (SQLException ex) {
            throw new ShardUnavailableException(shard.name(), "the audit of table [" + table
                    + "] could not get a connection: " + ex.getMessage(), ex);
        }
        try (c) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                collector.startShard(shard);
                read(c, shard, collector);
            } finally {
                // Nothing was written; ending the transaction this way also closes the server-side cursor.
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException ex) {
            throw new ShardAuditException(rule.name(), shard.name(), table, "[" + sql + "]: " + ex.getMessage(),
                    ex);
        }
    }

    private void read(Connection c, Shard shard, AuditCollector collector) throws SQLException {
        try (Statement st = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            st.setFetchSize(fetchSize);
            try (ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    Object key = keyType == null ? rs.getObject(1) : rs.getObject(1, keyType);
                    Object id = idColumn == null ? null : rs.getObject(2);
                    collector.row(shard, key, id);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "ShardAudit[rule=" + rule.name() + ", table=" + table + ", key=" + keyColumn
                + (idColumn == null ? "" : ", id=" + idColumn) + "]";
    }

    /** Builder for {@link ShardAudit}; setters check their value at once. Not thread-safe. */
    public static final class Builder {
        private final ShardingRule rule;
        private @Nullable String table;
        private @Nullable String keyColumn;
        private @Nullable String idColumn;
        private @Nullable Class<?> keyType;
        private int fetchSize = DEFAULT_FETCH_SIZE;
        private int maxReported = DEFAULT_MAX_REPORTED;

        private Builder(ShardingRule rule) {
            this.rule = rule;
        }

        /** The table to read, optionally schema-qualified ({@code sales.orders}); required. */
        public Builder table(String table) {
            this.table = identifier("table", table);
            return this;
        }

        /** The column holding the shard key the rule places rows by; required. */
        public Builder keyColumn(String keyColumn) {
            this.keyColumn = identifier("keyColumn", keyColumn);
            return this;
        }

        /** The column identifying a row, checked for duplicates across shards; {@code null} (default) for none. */
        public Builder idColumn(@Nullable String idColumn) {
            this.idColumn = idColumn == null ? null : identifier("idColumn", idColumn);
            return this;
        }

        /**
         * The Java type to read keys as ({@code ResultSet.getObject(column, type)}), for when the driver's default
         * type is not one the rule's strategy takes (e.g. {@code Long.class} for a {@code NUMERIC} column);
         * {@code null} (default) reads the driver's default type.
         */
        public Builder keyType(@Nullable Class<?> keyType) {
            this.keyType = keyType;
            return this;
        }

        /** Rows fetched per round trip; default {@value #DEFAULT_FETCH_SIZE}. */
        public Builder fetchSize(int fetchSize) {
            if (fetchSize < 1) {
                throw new ShardingConfigurationException("fetchSize must be >= 1 but was " + fetchSize);
            }
            this.fetchSize = fetchSize;
            return this;
        }

        /** Problems of each kind kept for the report (counts stay exact); default {@value #DEFAULT_MAX_REPORTED}. */
        public Builder maxReported(int maxReported) {
            if (maxReported < 0) {
                throw new ShardingConfigurationException("maxReported must be >= 0 but was " + maxReported);
            }
            this.maxReported = maxReported;
            return this;
        }

        public ShardAudit build() {
            if (table == null) {
                throw new ShardingConfigurationException("Rule '" + rule.name() + "': the audit needs a table");
            }
            if (keyColumn == null) {
                throw new ShardingConfigurationException("Rule '" + rule.name() + "': the audit of table [" + table
                        + "] needs a key column");
            }
            return new ShardAudit(this, table, keyColumn);
        }

        private String identifier(String what, String value) {
            Objects.requireNonNull(value, what);
            if (!IDENTIFIER.matcher(value).matches()) {
                throw new ShardingConfigurationException("Rule '" + rule.name() + "': " + what + " must be a plain "
                        + "SQL identifier (letters, digits, _ or $, optionally schema-qualified) but was [" + value
                        + "]");
            }
            return value;
        }
    }
}

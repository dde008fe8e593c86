package io.shardkit.spring.boot.autoconfigure;

import io.shardkit.reshard.ReshardConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Online resharding ({@code shardkit.reshard.*}): the mover's settings, and per bucketed rule the tables whose rows
 * move with their bucket and how the rule's outbox events find their bucket. Each rule named under {@code rules}
 * gets a {@link io.shardkit.reshard.Resharder} through the {@code Resharders} bean.
 *
 * <pre>{@code
 * shardkit:
 *   reshard:
 *     max-rows-per-second: 20000
 *     rules:
 *       orders:
 *         tables:
 *           - { table: orders, key-column: customer_id, id-column: id }
 *           - { table: order_items, parent-column: order_id, parent-table: orders }
 *         outbox: by-shard-key
 * }</pre>
 *
 * <p>Mutable while Spring binds it, read-only afterwards; not thread-safe during binding.
 */
public class ReshardProperties {

    /** Rows per copy batch (one source query, one target transaction), 1 to 100000. */
    private int batchSize = ReshardConfig.DEFAULT_BATCH_SIZE;

    /** Most rows copied per second per moving (source, target) group; 0 for no limit. */
    private long maxRowsPerSecond = ReshardConfig.DEFAULT_MAX_ROWS_PER_SECOND;

    /** How many (source, target) groups of a plan move at once, 1 to 64. */
    private int concurrency = ReshardConfig.DEFAULT_CONCURRENCY;

    /**
     * How long after its flip a bucket's rows stay on the old owner before the cleanup deletes them: longer than
     * instances take to refresh their bucket maps, so that their reads still find the rows.
     */
    private Duration cleanupDelay = ReshardConfig.DEFAULT_CLEANUP_DELAY;

    /** The bucketed rules that can be resharded, by rule name: their moved tables and outbox events. */
    private Map<String, Rule> rules = new LinkedHashMap<>();

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public long getMaxRowsPerSecond() {
        return maxRowsPerSecond;
    }

    public void setMaxRowsPerSecond(long maxRowsPerSecond) {
        this.maxRowsPerSecond = maxRowsPerSecond;
    }

    public int getConcurrency() {
        return concurrency;
    }

    public void setConcurrency(int concurrency) {
        this.concurrency = concurrency;
    }

    public Duration getCleanupDelay() {
        return cleanupDelay;
    }

    public void setCleanupDelay(Duration cleanupDelay) {
        this.cleanupDelay = cleanupDelay;
    }

    public Map<String, Rule> getRules() {
        return rules;
    }

    public void setRules(Map<String, Rule> rules) {
        this.rules = rules;
    }

    /** One bucketed rule's moves ({@code shardkit.reshard.rules.<name>.*}). */
    public static class Rule {

        /**
         * The tables whose rows move with their bucket, roots first: a root names key-column (the shard key) and
         * id-column (its single-column primary key); a child names parent-column (referencing its root's primary
         * key) and parent-table (that root).
         */
        private List<Table> tables = new ArrayList<>();

        /**
         * How the rule's pending outbox events find their bucket, so that they move with it and keep their order:
         * by-shard-key (the aggregate id is the shard key, read as the rule's key-type), by-bucketed-id (the
         * aggregate id is an id minted for the rule) or none. By default by-shard-key when the outbox is enabled
         * with the shardkit layout, else none.
         */
        private @Nullable OutboxBuckets outbox;

        /**
         * The aggregate types of the rule's outbox events. By default every event whose aggregate id reads as one of
         * the rule's keys counts as the rule's; list the types when other aggregates with ids of the same type share
         * the outbox, so that their events stay where they are.
         */
        private List<String> outboxAggregateTypes = new ArrayList<>();

        public List<Table> getTables() {
            return tables;
        }

        public void setTables(List<Table> tables) {
            this.tables = tables;
        }

        public @Nullable OutboxBuckets getOutbox() {
            return outbox;
        }

        public void setOutbox(@Nullable OutboxBuckets outbox) {
            this.outbox = outbox;
        }

        public List<String> getOutboxAggregateTypes() {
            return outboxAggregateTypes;
        }

        public void setOutboxAggregateTypes(List<String> outboxAggregateTypes) {
            this.outboxAggregateTypes = outboxAggregateTypes;
        }
    }

    /** One moved table: a root (table, key-column, id-column) or a child (table, parent-column, parent-table). */
    public static class Table {

        /** The table, optionally schema-qualified. */
        private @Nullable String table;

        /** Root tables: the shard-key column. */
        private @Nullable String keyColumn;

        /** Root tables: the single-column primary key the copy walks in keyset order. */
        private @Nullable String idColumn;

        /** Child tables: the column that references the parent row's primary key. */
        private @Nullable String parentColumn;

        /** Child tables: the root table the parent rows are in, declared before this one. */
        private @Nullable String parentTable;

        public @Nullable String getTable() {
            return table;
        }

        public void setTable(@Nullable String table) {
            this.table = table;
        }

        public @Nullable String getKeyColumn() {
            return keyColumn;
        }

        public void setKeyColumn(@Nullable String keyColumn) {
            this.keyColumn = keyColumn;
        }

        public @Nullable String getIdColumn() {
            return idColumn;
        }

        public void setIdColumn(@Nullable String idColumn) {
            this.idColumn = idColumn;
        }

        public @Nullable String getParentColumn() {
            return parentColumn;
        }

        public void setParentColumn(@Nullable String parentColumn) {
            this.parentColumn = parentColumn;
        }

        public @Nullable String getParentTable() {
            return parentTable;
        }

        public void setParentTable(@Nullable String parentTable) {
            this.parentTable = parentTable;
        }
    }

    /** How a resharded rule's outbox events find their bucket. */
    public enum OutboxBuckets {
        /** The aggregate id is the shard key, read as the rule's key-type. */
        BY_SHARD_KEY,
        /** The aggregate id is an id minted for the rule (ShardIdGenerator.nextIdFor): it carries the bucket. */
        BY_BUCKETED_ID,
        /**
         * No event moves: a moving bucket's pending events are published from its old owner, in no order relative
         * to those written on the new owner after the move.
         */
        NONE
    }
}

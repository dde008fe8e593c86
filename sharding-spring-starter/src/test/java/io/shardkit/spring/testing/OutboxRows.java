package io.shardkit.spring.testing;

import io.shardkit.Shard;
import io.shardkit.ShardRegistry;
import io.shardkit.outbox.OutboxEvent;
import io.shardkit.outbox.OutboxWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/** Reads a shard's outbox directly from its DataSource (no routing), and appends to it by hand. */
public final class OutboxRows {

    private OutboxRows() {
    }

    /** Whether {@code table} exists on the shard's database. */
    public static boolean tableExists(Shard shard, String table) {
        return Boolean.TRUE.equals(TestShards.direct(shard).execute((Connection c) -> {
            try (ResultSet rs = c.getMetaData().getTables(null, null, table.toUpperCase(Locale.ROOT),
                    null)) {
                return rs.next();
            }
        }));
    }

    /** Aggregate ids of the shard's outbox rows for {@code aggregateType}, in id order. */
    public static List<String> aggregateIds(Shard shard, String aggregateType) {
        return TestShards.direct(shard).queryForList("select aggregate_id from outbox where aggregate_type = ? "
                + "order by id", String.class, aggregateType);
    }

    /** How many shards of {@code registry} hold an outbox row for that aggregate. */
    public static long shardsHolding(ShardRegistry registry, String aggregateType, String aggregateId) {
        return registry.shards().stream().filter(s -> aggregateIds(s, aggregateType).contains(aggregateId)).count();
    }

    /** Appends {@code event} on the shard in a transaction of its own, as a business transaction would. */
    public static void append(Shard shard, OutboxEvent event) {
        try (Connection c = shard.dataSource().getConnection()) {
            c.setAutoCommit(false);
            OutboxWriter.create().append(c, event);
            c.commit();
        } catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }
}

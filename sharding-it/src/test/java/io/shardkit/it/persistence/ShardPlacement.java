package io.shardkit.it.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardkit.Shard;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardingRule;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Checks rows where they are, on each shard's own DataSource (no routing): every row's customer routes to the shard
 * that holds it, and the counts add up.
 *
 * <p>Stateless and thread-safe.
 */
public final class ShardPlacement {

    private ShardPlacement() {
    }

    /** Asserts that {@code table} holds {@code expectedTotal} rows, each on its customer's shard, on every shard. */
    public static void assertPlaced(ShardRegistry registry, ShardingRule rule, String table, int expectedTotal) {
        int total = 0;
        for (Shard shard : registry.shards()) {
            List<Map<String, Object>> rows = direct(shard).queryForList("SELECT customer_id FROM " + table);
            for (Map<String, Object> row : rows) {
                long customer = ((Number) row.values().iterator().next()).longValue();
                assertThat(rule.shardOf(customer).name()).as("customer %d found on %s", customer, shard.name())
                        .isEqualTo(shard.name());
            }
            assertThat(rows).as("rows on %s", shard.name()).isNotEmpty();
            total += rows.size();
        }
        assertThat(total).isEqualTo(expectedTotal);
    }

    /** How many rows {@code table} holds over all shards. */
    public static long countAll(ShardRegistry registry, String table) {
        long total = 0;
        for (Shard shard : registry.shards()) {
            Long n = direct(shard).queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
            total += n == null ? 0 : n;
        }
        return total;
    }

    /** Empties {@code table} on every shard. */
    public static void clear(ShardRegistry registry, String... tables) {
        for (Shard shard : registry.shards()) {
            for (String table : tables) {
                direct(shard).update("DELETE FROM " + table);
            }
        }
    }

    /** A JdbcTemplate on the shard's own DataSource, bypassing routing. */
    public static JdbcTemplate direct(Shard shard) {
        return new JdbcTemplate(shard.dataSource());
    }

    /** The first {@code count} customers (from 1) whose orders land on {@code shard}. */
    public static long[] customersOn(ShardingRule rule, Shard shard, int count) {
        long[] found = new long[count];
        int n = 0;
        for (long customer = 1; n < count; customer++) {
            if (rule.shardOf(customer).equals(shard)) {
                found[n++] = customer;
            }
        }
        return found;
    }
}

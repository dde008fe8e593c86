package io.shardkit.examples.merchant;

import io.shardkit.annotation.Broadcast;
import io.shardkit.examples.order.OrderService;
import io.shardkit.scatter.ScatterResult;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code merchant_profiles} reference table, the same rows on every shard, written through shardkit's
 * {@code @Broadcast}: the body is plain single-database SQL; the starter runs it on every shard of the
 * {@code orders} rule (which spans every shard), one shard after the other, each in its own transaction.
 *
 * <p>A broadcast is not atomic across shards, so the write is idempotent (absolute values keyed by merchant id):
 * repeating it after a partial failure completes it without doubling anything.
 *
 * <p>Thread-safe (stateless apart from thread-safe collaborators).
 */
@Repository
public class MerchantProfiles {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public MerchantProfiles(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Creates or renames {@code profiles} on every shard. The answer lists the shards written and those that
     * failed; its value is the rows written, summed over the shards.
     */
    @Broadcast(rule = OrderService.ORDERS_RULE)
    @Transactional
    public ScatterResult<Integer> upsert(List<MerchantProfile> profiles) {
        return ScatterResult.ofShard(write(profiles, true));
    }

    /** Creates those of {@code profiles} a shard lacks, on every shard, keeping existing names (start-up seeding). */
    @Broadcast(rule = OrderService.ORDERS_RULE)
    @Transactional
    public ScatterResult<Integer> addMissing(List<MerchantProfile> profiles) {
        return ScatterResult.ofShard(write(profiles, false));
    }

    /** Runs on the shard the broadcast bound, inside its transaction. */
    private int write(List<MerchantProfile> profiles, boolean rename) {
        Timestamp now = Timestamp.from(clock.instant());
        int written = 0;
        for (MerchantProfile p : profiles) {
            // Update, else insert: portable over H2, PostgreSQL and MariaDB, and idempotent.
            int n = rename ? jdbc.update("update merchant_profiles set name = ?, updated_at = ? where id = ?",
                    p.name(), now, p.merchantId()) : exists(p.merchantId());
            if (n == 0) {
                written += jdbc.update("insert into merchant_profiles (id, name, updated_at) values (?, ?, ?)",
                        p.merchantId(), p.name(), now);
            } else if (rename) {
                written += n;
            }
        }
        return written;
    }

    private int exists(long merchantId) {
        Integer n = jdbc.queryForObject("select count(*) from merchant_profiles where id = ?", Integer.class,
                merchantId);
        return n == null ? 0 : n;
    }
}

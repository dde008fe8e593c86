package io.shardkit.examples.merchant;

import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardScope;
import io.shardkit.ShardingRule;
import io.shardkit.UnknownShardException;
import io.shardkit.directory.DirectoryStrategy;
import io.shardkit.scatter.ScatterResult;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Merchants, placed on shards by the {@code merchants} directory rule: a lookup table decides where each lives,
 * so one busy merchant can be moved to a shard of its own by an admin call while orders keep flowing. Each
 * merchant's profile (its reference data) is also copied to every shard by a broadcast ({@link MerchantProfiles}).
 *
 * <p>A move copies the merchant's rows to the target shard in one transaction there, points the directory at
 * the target, then deletes the rows from the source in one transaction there, all under the merchant's write
 * lock, so the sales projection (which holds the read lock while it writes) never writes to the old shard after
 * the copy. Orders themselves live on their customer's shard and are not touched by a move.
 *
 * <p>Thread-safe.
 */
public class MerchantService {

    /** The directory rule placing merchants. */
    public static final String MERCHANTS_RULE = "merchants";

    private static final Logger LOG = LoggerFactory.getLogger(MerchantService.class);

    private final ShardingRule merchants;
    private final DirectoryStrategy directory;
    private final ShardRegistry registry;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final MerchantProfiles profiles;
    private final MerchantLocks locks = new MerchantLocks();
    /** Merchants known to exist; merchants are never deleted, so a hit needs no database read. */
    private final Set<Long> known = ConcurrentHashMap.newKeySet();

    public MerchantService(ShardingRule merchants, ShardRegistry registry, JdbcTemplate jdbc, TransactionTemplate tx,
                           Clock clock, MerchantProfiles profiles) {
        this.merchants = merchants;
        this.directory = (DirectoryStrategy) merchants.strategy();
        this.registry = registry;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.profiles = profiles;
    }

    /**
     * Creates merchants {@code 1..count} where the directory places them, and their profiles on every shard in one
     * broadcast; existing ones are kept.
     */
    public void seed(int count) {
        List<MerchantProfile> seeded = new ArrayList<>(count);
        for (long id = 1; id <= count; id++) {
            seeded.add(new MerchantProfile(id, "Merchant " + id));
            createHome(id, "Merchant " + id, false);
        }
        profiles.addMissing(seeded).requireComplete();
    }

    /**
     * Creates the merchant, or renames it: its row on its home shard (placed by the directory) and its profile on
     * every shard. Retrying after a failure is safe: both writes are idempotent.
     *
     * @throws io.shardkit.scatter.ScatterGatherException when a shard could not take the profile (the others
     *                                                    did; retry)
     */
    public MerchantRegistration register(MerchantProfile merchant) {
        long id = merchant.merchantId();
        Lock write = locks.of(id).writeLock();
        write.lock();
        try {
            // Under the write lock: a concurrent move must not copy the row before the rename reaches it.
            Shard home = createHome(id, merchant.name(), true);
            ScatterResult<Integer> written = profiles.upsert(List.of(merchant));
            List<String> shards = written.succeeded().stream().map(Shard::name).toList();
            written.requireComplete();
            LOG.info("rule '{}': merchant [{}] registered on '{}', profile on {}", MERCHANTS_RULE, id, home.name(),
                    shards);
            return new MerchantRegistration(id, merchant.name(), home.name(), shards);
        } finally {
            write.unlock();
        }
    }

    /** The merchant's row on its home shard, inserted, or renamed if asked; the directory places a new one. */
    private Shard createHome(long merchantId, String name, boolean rename) {
        Shard shard = merchants.shardOf(merchantId);
        try (ShardScope ignored = ShardContext.bind(shard)) {
            tx.executeWithoutResult(status -> {
                boolean found = rename ? jdbc.update("update merchants set name = ? where id = ?", name,
                        merchantId) > 0 : existsOn(shard, merchantId);
                if (!found) {
                    jdbc.update("insert into merchants (id, name, created_at) values (?, ?, ?)", merchantId, name,
                            Timestamp.from(clock.instant()));
                }
            });
        }
        known.add(merchantId);
        return shard;
    }

    /** {@link UnknownMerchantException} unless the merchant exists. */
    public void requireExists(long merchantId) {
        if (known.contains(merchantId)) {
            return;
        }
        // Looked up without placing: an unknown id must not get a directory row as a side effect.
        String shard = merchantId > 0 ? directory.lookup(merchantId).orElse(null) : null;
        if (shard == null || !existsOn(registry.shard(shard), merchantId)) {
            throw new UnknownMerchantException(merchantId);
        }
        known.add(merchantId);
    }

    /** The shard the merchant lives on now. */
    public String shardOf(long merchantId) {
        requireExists(merchantId);
        return merchants.shardOf(merchantId).name();
    }

    /**
     * Moves the merchant's rows to {@code targetShard} and points the directory there.
     *
     * @throws UnknownMerchantException when the merchant does not exist
     * @throws UnknownShardException    when the rule has no shard of that name
     */
    public MoveResult move(long merchantId, String targetShard) {
        requireExists(merchantId);
        if (!directory.shardNames().contains(targetShard)) {
            throw new UnknownShardException(MERCHANTS_RULE, targetShard, directory.shardNames());
        }
        Lock write = locks.of(merchantId).writeLock();
        long start = System.nanoTime();
        write.lock();
        try {
            Shard from = merchants.shardOf(merchantId);
            Shard to = registry.shard(targetShard);
            long rows = from.equals(to) ? 0 : copyThenDelete(merchantId, from, to);
            long millis = (System.nanoTime() - start) / 1_000_000;
            LOG.info("rule '{}': merchant [{}] moved from '{}' to '{}' ({} rows, {} ms)", MERCHANTS_RULE,
                    merchantId, from.name(), to.name(), rows, millis);
            return new MoveResult(merchantId, from.name(), to.name(), rows, millis);
        } finally {
            write.unlock();
        }
    }

    private long copyThenDelete(long merchantId, Shard from, Shard to) {
        List<Map<String, Object>> merchant;
        List<Map<String, Object>> sales;
        try (ShardScope ignored = ShardContext.bind(from)) {
            merchant = jdbc.queryForList("select id, name, created_at from merchants where id = ?", merchantId);
            sales = jdbc.queryForList("select merchant_id, order_id, total_cents from merchant_orders "
                    + "where merchant_id = ?", merchantId);
        }
        try (ShardScope ignored = ShardContext.bind(to)) {
            tx.executeWithoutResult(status -> {
                for (Map<String, Object> m : merchant) {
                    jdbc.update("insert into merchants (id, name, created_at) values (?, ?, ?)", m.get("id"),
                            m.get("name"), m.get("created_at"));
                }
                jdbc.batchUpdate("insert into merchant_orders (merchant_id, order_id, total_cents) values (?, ?, ?)",
                        sales.stream().map(s -> new Object[] {s.get("merchant_id"), s.get("order_id"),
                                s.get("total_cents")}).toList());
            });
        }
        directory.move(merchantId, to.name());
        try (ShardScope ignored = ShardContext.bind(from)) {
            tx.executeWithoutResult(status -> {
                jdbc.update("delete from merchant_orders where merchant_id = ?", merchantId);
                jdbc.update("delete from merchants where id = ?", merchantId);
            });
        }
        return merchant.size() + (long) sales.size();
    }

    /** The merchant's read lock, held by writers of its rows. */
    Lock readLock(long merchantId) {
        return locks.of(merchantId).readLock();
    }

    private boolean existsOn(Shard shard, long merchantId) {
        try (ShardScope ignored = ShardContext.bind(shard)) {
            Integer n = jdbc.queryForObject("select count(*) from merchants where id = ?", Integer.class,
                    merchantId);
            return n != null && n > 0;
        }
    }
}

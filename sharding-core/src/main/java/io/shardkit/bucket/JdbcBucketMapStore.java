package io.shardkit.bucket;

import io.shardkit.Shard;
import io.shardkit.ShardUnavailableException;
import io.shardkit.ShardingConfigurationException;
import io.shardkit.UnknownShardException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a rule's bucket map from every shard's {@code shardkit_bucket_map}: per bucket the row with the highest
 * epoch wins (a move writes its source and target first, the other shards after). Creates the tables when
 * missing, seeds the map when no shard holds one, and copies it to shards that lack rows. Thread-safe.
 */
final class JdbcBucketMapStore {

    static final String TABLE = BucketTables.MAP;
    private static final Logger LOG = LoggerFactory.getLogger(JdbcBucketMapStore.class);

    private final String rule;
    private final List<Shard> shards;
    private final List<String> names;
    private final int buckets;
    private final int seedShards;

    JdbcBucketMapStore(String rule, List<Shard> shards, int buckets, int seedShards) {
        this.rule = rule;
        this.shards = List.copyOf(Objects.requireNonNull(shards, "shards"));
        if (this.shards.isEmpty()) {
            throw new ShardingConfigurationException("Rule '" + rule + "': a bucketed rule needs at least one shard");
        }
        this.names = this.shards.stream().map(Shard::name).toList();
        if (buckets < 1 || buckets > BucketedStrategy.MAX_BUCKETS) {
            throw new ShardingConfigurationException("Rule '" + rule + "': bucket count must be in [1.."
                    + BucketedStrategy.MAX_BUCKETS + "] but was " + buckets);
        }
        this.buckets = buckets;
        this.seedShards = seedShards;
    }

    BucketMap load() {
        List<List<BucketTables.MapRow>> perShard = new ArrayList<>(shards.size());
        for (Shard shard : shards) {
            perShard.add(read(shard));
        }
        int[] owners = new int[buckets];
        long[] epochs = new long[buckets];
        boolean[] seen = new boolean[buckets];
        boolean any = false;
        for (List<BucketTables.MapRow> rows : perShard) {
            for (BucketTables.MapRow row : rows) {
                if (row.bucket() < 0 || row.bucket() >= buckets) {
                    throw new ShardingConfigurationException("Rule '" + rule + "': " + TABLE + " holds bucket "
                            + row.bucket() + " but the rule has " + buckets + " buckets (0.." + (buckets - 1)
                            + "); the bucket count is fixed when the rule is created");
                }
                any = true;
                int b = row.bucket();
                if (!seen[b] || row.epoch() > epochs[b]) {
                    int slot = names.indexOf(row.owner());
                    if (slot < 0) {
                        throw new UnknownShardException(rule, row.owner(), names);
                    }
                    owners[b] = slot;
                    epochs[b] = row.epoch();
                    seen[b] = true;
                }
            }
        }
        BucketMap map;
        if (!any) {
            map = BucketMap.seed(names, buckets, seedShards);
            LOG.info("Rule '{}': no bucket map on any shard; seeded {} buckets over {}", rule, buckets,
                    names.subList(0, seedShards));
        } else {
            for (int b = 0; b < buckets; b++) {
                if (!seen[b]) {
                    throw new ShardingConfigurationException("Rule '" + rule + "': bucket " + b + " has no row in "
                            + TABLE + " on any shard; restore the table from a shard that has all " + buckets);
                }
            }
            map = BucketMap.of(names, owners, epochs);
        }
        for (int i = 0; i < shards.size(); i++) {
            if (perShard.get(i).size() < buckets) {
                fill(shards.get(i), perShard.get(i), map);
            }
        }
        return map;
    }

    private List<BucketTables.MapRow> read(Shard shard) {
        try (Connection c = connect(shard)) {
            BucketDialect.createTables(c);
            return BucketTables.readAll(c, rule);
        } catch (SQLException ex) {
            throw failed(shard, "reading the bucket map", ex);
        }
    }

    /** Writes the rows a shard lacks, as the merged map has them; another instance doing the same is harmless. */
    private void fill(Shard shard, List<BucketTables.MapRow> present, BucketMap map) {
        boolean[] has = new boolean[buckets];
        for (BucketTables.MapRow row : present) {
            has[row.bucket()] = true;
        }
        List<BucketTables.MapRow> missing = new ArrayList<>();
        for (int b = 0; b < buckets; b++) {
            if (!has[b]) {
                missing.add(new BucketTables.MapRow(b, map.ownerName(b), map.epochOf(b), null));
            }
        }
        try (Connection c = connect(shard)) {
            c.setAutoCommit(false);
            try {
                BucketTables.insert(c, rule, missing);
                c.commit();
            } catch (SQLException ex) {
                // Lost a race with another instance filling the same shard: what it wrote is the same map.
                c.rollback();
                LOG.debug("Rule '{}' shard '{}': bucket rows written concurrently: {}", rule, shard.name(),
                        ex.getMessage());
            }
        } catch (SQLException ex) {
            throw failed(shard, "writing the bucket map", ex);
        }
    }

    /**
     * The raw DataSource, past the layout gate: the map is read while rules are being built, before the layout
     * fence (which needs the rules) can admit the shard; like the layout table, these are shardkit's own tables.
     */
    private static Connection connect(Shard shard) {
        try {
            return shard.rawDataSource().getConnection();
        } catch (SQLException ex) {
            throw ShardUnavailableException.noConnection(shard.name(), null, ex);
        }
    }

    private BucketMapException failed(Shard shard, String what, SQLException ex) {
        return BucketMapException.failed(rule, shard.name(), what + " in " + TABLE, ex);
    }
}

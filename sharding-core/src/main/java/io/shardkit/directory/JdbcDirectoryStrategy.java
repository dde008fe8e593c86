package io.shardkit.directory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.shardkit.ShardingConfigurationException;
import io.shardkit.UnknownShardException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link DirectoryStrategy} on a JDBC table ({@link DirectoryTable}) behind a Caffeine cache of canonical key
 * to slot. Loads go through {@code Cache.get(key, loader)}, which is atomic per key: an {@link #invalidate}
 * racing a load waits for it and then removes its result, so a move is never undone by a load that read the
 * row before it.
 *
 * <p>Thread-safe.
 */
final class JdbcDirectoryStrategy implements DirectoryStrategy {

    private static final Logger log = LoggerFactory.getLogger(DirectoryStrategy.class);

    private final DirectoryTable table;
    private final List<String> shardNames;
    private final Map<String, Integer> slots;
    private final PlacementPolicy placement;
    private final Cache<Object, Integer> cache;
    /** Stands in for a rule name in errors of calls made outside routing (move, lookup). */
    private final String label;

    JdbcDirectoryStrategy(String homeShard, DataSource dataSource, List<String> shardNames, DirectoryConfig config) {
        Objects.requireNonNull(homeShard, "homeShard");
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(config, "config");
        this.shardNames = List.copyOf(Objects.requireNonNull(shardNames, "shardNames"));
        this.slots = slots(this.shardNames, config.tableName());
        this.table = new DirectoryTable(homeShard, dataSource, config.tableName());
        this.placement = config.placementPolicy();
        this.cache = Caffeine.newBuilder()
                .maximumSize(config.cacheMaximumSize())
                .expireAfterWrite(config.cacheTtl())
                .build();
        this.label = "directory:" + config.tableName();
        log.info("Directory '{}' on shard '{}': {} shards, placement {}, cache of {} keys for {}", config.tableName(),
                homeShard, this.shardNames.size(), placement, config.cacheMaximumSize(), config.cacheTtl());
    }

    @Override
    public int shardCount() {
        return shardNames.size();
    }

    @Override
    public String describe() {
        return "directory(" + table.table() + " on " + table.shard() + ", " + shardNames.size() + " shards)";
    }

    /** The table, where it lives and the slots; never the rows, which change as keys are placed and moved. */
    @Override
    public String fingerprint() {
        return "directory(table=" + table.table() + ", home=" + table.shard() + ", slots=" + shardNames + ")";
    }

    @Override
    public int shardOf(String rule, @Nullable Object key) {
        Object canonical = DirectoryKeys.normalize(rule, key);
        // Hit first, without the loader lambda: the hot path captures nothing.
        Integer slot = cache.getIfPresent(canonical);
        if (slot != null) {
            return slot;
        }
        return cache.get(canonical, k -> resolve(rule, k));
    }

    @Override
    public List<String> shardNames() {
        return shardNames;
    }

    @Override
    public String tableName() {
        return table.table();
    }

    @Override
    public Optional<String> lookup(Object key) {
        Object canonical = DirectoryKeys.normalize(label, key);
        return table.execute(null, canonical, c -> Optional.ofNullable(table.select(c, canonical)));
    }

    @Override
    public void move(Object key, String targetShard) {
        Object canonical = DirectoryKeys.normalize(label, key);
        Objects.requireNonNull(targetShard, "targetShard");
        if (!slots.containsKey(targetShard)) {
            throw new UnknownShardException(label, targetShard, shardNames);
        }
        try {
            table.execute(null, canonical, c -> {
                // No row yet: insert it; lost that race to a placement: update the row it wrote.
                if (table.update(c, canonical, targetShard) == 0 && !table.insertIfAbsent(c, canonical, targetShard)) {
                    table.update(c, canonical, targetShard);
                }
                return targetShard;
            });
        } finally {
            // Even after a failure: the row may have changed before the error.
            cache.invalidate(canonical);
        }
        log.info("Directory '{}': key {} now on shard '{}'", table.table(), canonical, targetShard);
    }

    @Override
    public void invalidate(Object key) {
        cache.invalidate(DirectoryKeys.normalize(label, key));
    }

    @Override
    public void invalidateAll() {
        cache.invalidateAll();
    }

    @Override
    public String toString() {
        return describe();
    }

    /** The cache loader: the stored row, or a new one written insert-if-absent; then what is stored wins. */
    private Integer resolve(String rule, Object key) {
        return table.execute(rule, key, c -> {
            String stored = table.select(c, key);
            if (stored == null) {
                String proposed = place(rule, key);
                boolean inserted = table.insertIfAbsent(c, key, proposed);
                stored = table.select(c, key);
                if (stored == null) {
                    throw new DirectoryException(rule, key, table.table(), table.shard(), "the row for a new key"
                            + " was neither inserted nor found (deleted concurrently, or a constraint refused it)",
                            null);
                }
                log.debug("Directory '{}': rule '{}' key {} placed on '{}' ({})", table.table(), rule, key, stored,
                        inserted ? "inserted" : "another writer won");
            }
            return slotOf(rule, key, stored);
        });
    }

    private String place(String rule, Object key) {
        String proposed = placement.place(rule, key, shardNames);
        if (proposed == null || !slots.containsKey(proposed)) {
            throw new UnknownShardException(rule, key, String.valueOf(proposed), shardNames);
        }
        return proposed;
    }

    private Integer slotOf(String rule, Object key, String shardName) {
        Integer slot = slots.get(shardName);
        if (slot == null) {
            throw new UnknownShardException(rule, key, shardName, shardNames);
        }
        return slot;
    }

    private static Map<String, Integer> slots(List<String> names, String table) {
        if (names.isEmpty()) {
            throw new ShardingConfigurationException("Directory '" + table + "' has no shards");
        }
        Map<String, Integer> slots = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            if (slots.put(names.get(i), i) != null) {
                throw new ShardingConfigurationException("Directory '" + table + "' lists shard '" + names.get(i)
                        + "' twice: " + names);
            }
        }
        return Map.copyOf(slots);
    }
}

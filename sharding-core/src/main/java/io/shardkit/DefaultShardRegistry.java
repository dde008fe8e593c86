package io.shardkit;

import com.zaxxer.hikari.HikariDataSource;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link ShardRegistry}; immutable after construction, thread-safe. */
final class DefaultShardRegistry implements ShardRegistry {

    private static final Logger log = LoggerFactory.getLogger(DefaultShardRegistry.class);

    private final List<Shard> shards;
    private final Map<String, Shard> byName;
    private final Set<String> names;
    private final List<HikariDataSource> owned;
    private final AtomicBoolean closed = new AtomicBoolean();

    DefaultShardRegistry(List<Shard> shards, List<HikariDataSource> owned) {
        this.shards = List.copyOf(shards);
        this.owned = List.copyOf(owned);
        Map<String, Shard> map = new HashMap<>();
        Set<String> ordered = new LinkedHashSet<>();
        for (Shard s : shards) {
            map.put(s.name(), s);
            ordered.add(s.name());
        }
        this.byName = Map.copyOf(map);
        this.names = java.util.Collections.unmodifiableSet(ordered);
        log.info("shardkit: registry started with {} shards {}", shards.size(), names);
    }

    @Override
    public Shard shard(String name) {
        Shard shard = byName.get(name);
        if (shard == null) {
            throw new UnknownShardException(null, name, names);
        }
        return shard;
    }

    @Override
    public Shard shard(int index) {
        if (index < 0 || index >= shards.size()) {
            throw new UnknownShardException(null, "#" + index, names);
        }
        return shards.get(index);
    }

    @Override
    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    @Override
    public List<Shard> shards() {
        return shards;
    }

    @Override
    public Set<String> names() {
        return names;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            for (HikariDataSource pool : owned) {
                log.info("shardkit: shard '{}' closing its pool", pool.getPoolName());
                pool.close();
            }
        }
    }

    @Override
    public String toString() {
        return "ShardRegistry" + names;
    }
}

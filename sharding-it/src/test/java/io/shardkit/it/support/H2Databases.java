package io.shardkit.it.support;

import io.shardkit.ShardPoolConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * N in-memory H2 databases, one per shard, named uniquely per instance so that test classes never share one; they
 * live while a connection to them is open (the shards' pools keep one) and vanish with the JVM.
 *
 * <p>Immutable and thread-safe.
 */
public final class H2Databases implements ShardDatabaseSet {

    private final List<String> urls;

    private H2Databases(List<String> urls) {
        this.urls = List.copyOf(urls);
    }

    /** {@code count} fresh databases. */
    public static H2Databases create(int count) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            urls.add("jdbc:h2:mem:shardkit-it-" + run + "-" + i + ";DB_CLOSE_DELAY=-1");
        }
        return new H2Databases(urls);
    }

    @Override
    public int size() {
        return urls.size();
    }

    @Override
    public ShardPoolConfig.Builder poolConfig(int i) {
        return ShardPoolConfig.custom().url(urls.get(i)).username("sa").password("").maximumPoolSize(4)
                .minimumIdle(1);
    }

    /** Nothing to drop: the databases go with the JVM. */
    @Override
    public void close() {
    }
}

package io.shardkit.spring.boot.actuate;

import io.shardkit.Shard;
import io.shardkit.ShardRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;

/**
 * The {@code shardkit} health component: one {@link ShardHealthIndicator} per shard, named after the shard
 * ({@code /actuator/health/shardkit/shard-0}). Owns the daemon threads the probes run on and stops them when
 * the context closes.
 *
 * <p>Thread-safe.
 */
public final class ShardHealthContributor implements CompositeHealthContributor, DisposableBean {

    private final ExecutorService executor;
    private final CompositeHealthContributor delegate;

    public ShardHealthContributor(ShardRegistry registry, Duration timeout) {
        this.executor = Executors.newCachedThreadPool(daemonThreads());
        Map<String, ShardHealthIndicator> byShard = new LinkedHashMap<>();
        for (Shard shard : registry.shards()) {
            byShard.put(shard.name(), new ShardHealthIndicator(shard, timeout, executor));
        }
        this.delegate = CompositeHealthContributor.fromMap(byShard);
    }

    @Override
    public @Nullable HealthContributor getContributor(String name) {
        return delegate.getContributor(name);
    }

    @Override
    public Stream<HealthContributors.Entry> stream() {
        return delegate.stream();
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "shardkit-health-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

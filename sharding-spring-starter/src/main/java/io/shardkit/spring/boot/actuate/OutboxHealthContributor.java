package io.shardkit.spring.boot.actuate;

import io.shardkit.outbox.OutboxRelay;
import io.shardkit.outbox.OutboxShardStats;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code outbox} health component: one indicator per relayed shard ({@code /actuator/health/outbox/shard-0}),
 * read from {@link OutboxRelay#stats()} without touching the database. A shard is UP while its last poll
 * succeeded, DOWN with the last failure while it backs off (publisher refusing or database failing), and
 * OUT_OF_SERVICE while the relay is not running. Details: published, pending (as last measured, -1 before the
 * first poll), failed polls, consecutive failures.
 *
 * <p>Thread-safe.
 */
public final class OutboxHealthContributor implements CompositeHealthContributor {

    private final OutboxRelay relay;
    private final CompositeHealthContributor delegate;

    public OutboxHealthContributor(OutboxRelay relay) {
        this.relay = Objects.requireNonNull(relay, "relay");
        Map<String, HealthIndicator> byShard = new LinkedHashMap<>();
        for (String shard : relay.stats().keySet()) {
            byShard.put(shard, () -> health(shard));
        }
        this.delegate = CompositeHealthContributor.fromMap(byShard);
    }

    private Health health(String shard) {
        OutboxShardStats stats = relay.stats().get(shard);
        Health.Builder builder = !relay.isRunning() ? Health.status(Status.OUT_OF_SERVICE)
                .withDetail("relay", "not running")
                : stats.healthy() ? Health.up() : Health.down();
        builder.withDetail("published", stats.published()).withDetail("pending", stats.pending())
                .withDetail("failedPolls", stats.failedPolls())
                .withDetail("consecutiveFailures", stats.consecutiveFailures());
        if (stats.lastFailure() != null) {
            builder.withDetail("lastFailure", stats.lastFailure());
        }
        return builder.build();
    }

    @Override
    public @Nullable HealthContributor getContributor(String name) {
        return delegate.getContributor(name);
    }

    @Override
    public Stream<HealthContributors.Entry> stream() {
        return delegate.stream();
    }
}

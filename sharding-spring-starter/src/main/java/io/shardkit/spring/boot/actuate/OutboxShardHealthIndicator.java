package io.shardkit.spring.boot.actuate;

import io.shardkit.outbox.OutboxRelay;
import io.shardkit.outbox.OutboxShardStats;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of one shard's outbox relaying, read from {@link OutboxRelay#stats()} without touching the database:
 * UP while the shard's last poll succeeded, DOWN with the last failure while it backs off (publisher refusing or
 * database failing), OUT_OF_SERVICE while the relay is not running. Details: published, pending (as last
 * measured, -1 before the first poll), failed polls, consecutive failures and the last failure.
 *
 * <p>The starter groups one per shard under the {@code outbox} health component
 * ({@code /actuator/health/outbox/shard-0}).
 *
 * <p>Thread-safe.
 */
public final class OutboxShardHealthIndicator implements HealthIndicator {

    private final OutboxRelay relay;
    private final String shard;

    /**
     * @param relay the relay whose statistics to report
     * @param shard one of the relay's shards
     */
    public OutboxShardHealthIndicator(OutboxRelay relay, String shard) {
        this.relay = Objects.requireNonNull(relay, "relay");
        this.shard = Objects.requireNonNull(shard, "shard");
        if (!relay.stats().containsKey(shard)) {
            throw new IllegalArgumentException("relay " + relay + " does not relay shard [" + shard + "]");
        }
    }

    @Override
    public Health health() {
        OutboxShardStats stats = Objects.requireNonNull(relay.stats().get(shard), shard);
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
}

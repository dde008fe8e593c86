package io.shardkit.spring.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardkit.ShardRegistry;
import io.shardkit.outbox.OutboxEvent;
import io.shardkit.outbox.OutboxPollResult;
import io.shardkit.outbox.OutboxPublisher;
import io.shardkit.outbox.OutboxRelay;
import io.shardkit.spring.boot.autoconfigure.ShardkitAutoConfiguration;
import io.shardkit.spring.boot.autoconfigure.ShardkitOutboxAutoConfiguration;
import io.shardkit.spring.testing.OutboxRows;
import io.shardkit.spring.testing.TestShards;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The {@code outbox} health component: a shard is DOWN while its batches are refused, UP again once published. */
class OutboxShardHealthIndicatorTest {

    private final AtomicBoolean refusing = new AtomicBoolean(true);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ShardkitAutoConfiguration.class,
                    ShardkitOutboxAutoConfiguration.class))
            .withPropertyValues(TestShards.withOrdersRule("outbox-health"))
            // One background poll per shard at start, then none but the test's own, failed or not.
            .withPropertyValues("shardkit.outbox.enabled=true", "shardkit.outbox.relay.poll-interval=1h",
                    "shardkit.outbox.relay.backoff.initial=1h", "shardkit.outbox.relay.backoff.max=1h")
            .withBean(OutboxPublisher.class, () -> batch -> {
                if (refusing.get()) {
                    throw new IllegalStateException("broker unavailable");
                }
            });

    @Test
    void aShardIsDownWhileItsBatchesAreRefusedAndUpOnceTheyArePublished() {
        CompositeHealthContributor[] outbox = new CompositeHealthContributor[1];
        runner.run(context -> {
            outbox[0] = context.getBean("outboxHealthContributor", CompositeHealthContributor.class);
            assertThat(outbox[0].stream().map(HealthContributors.Entry::name))
                    .containsExactly("shard-0", "shard-1", "shard-2", "shard-3");
            OutboxRelay relay = context.getBean(OutboxRelay.class);
            // Let each shard's one background poll at start finish first (pending is -1 until a poll measured it),
            // so it cannot race the test's own polls below: the next background poll is an hour away.
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> relay.stats().values().stream()
                    .allMatch(stats -> stats.pending() >= 0));
            OutboxRows.append(context.getBean(ShardRegistry.class).shard("shard-1"),
                    OutboxEvent.of("Order", "1", "OrderPlaced", "{}"));

            assertThat(relay.pollShard("shard-1").status()).isEqualTo(OutboxPollResult.Status.FAILED);
            Health down = health(outbox[0], "shard-1");
            assertThat(down.getStatus()).isEqualTo(Status.DOWN);
            assertThat(down.getDetails()).containsEntry("published", 0L)
                    .containsKeys("failedPolls", "consecutiveFailures");
            assertThat((String) down.getDetails().get("lastFailure")).contains("broker unavailable");
            assertThat(health(outbox[0], "shard-0").getStatus()).isEqualTo(Status.UP);

            refusing.set(false);
            assertThat(relay.pollShard("shard-1").published()).isEqualTo(1);
            Health up = health(outbox[0], "shard-1");
            assertThat(up.getStatus()).isEqualTo(Status.UP);
            assertThat(up.getDetails()).containsEntry("published", 1L).containsEntry("pending", 0L)
                    .containsEntry("consecutiveFailures", 0);
        });
        assertThat(health(outbox[0], "shard-0").getStatus()).as("the relay stopped with the context")
                .isEqualTo(Status.OUT_OF_SERVICE);
    }

    @Test
    void itCanBeSwitchedOffLikeAnyHealthIndicator() {
        runner.withPropertyValues("management.health.outbox.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("outboxHealthContributor")
                        .hasSingleBean(OutboxRelay.class));
    }

    private static Health health(CompositeHealthContributor outbox, String shard) {
        Health health = ((HealthIndicator) outbox.getContributor(shard)).health(true);
        assertThat(health).isNotNull();
        return health;
    }
}

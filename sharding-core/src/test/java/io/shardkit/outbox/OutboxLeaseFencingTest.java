package io.shardkit.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * LEASE mode never lets a relay publish a shard while an earlier holder's publish of that shard may still be
 * running, even when the publisher finishes a blocking write after being interrupted (as a socket write does):
 * neither a relay restarted with the same relay id nor one whose turn comes when the lease would have expired.
 */
class OutboxLeaseFencingTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final OutboxShards shards = new OutboxShards(2);

    private static OutboxRelayConfig.Builder lease(String relayId) {
        return OutboxRelayTest.fastConfig(OutboxLocking.LEASE).batchSize(5).relayId(relayId);
    }

    private OutboxRelay relay(OutboxPublisher publisher, OutboxRelayConfig config) {
        return OutboxRelay.builder(publisher).shards(shards.shards()).config(config).build();
    }

    @Test
    void relayRestartedWithTheSameIdWaitsForThePublishItsPredecessorCouldNotInterrupt() throws Exception {
        List<Long> ids = shards.append(0, aggregates(30));
        StubbornPublisher publisher = new StubbornPublisher("shard-0", 2);
        OutboxRelay first = relay(publisher, lease("relay-1").build());
        first.start();
        assertThat(publisher.awaitBlocked()).isTrue();
        first.stop(Duration.ofMillis(50));                      // interrupts the blocked call, which carries on

        try (OutboxRelay restarted = relay(publisher, lease("relay-1").build())) {
            restarted.start();
            awaitPolls(0, 5);
            assertThat(publisher.overlappingCalls()).as("publish calls of shard-0 overlapping the blocked one")
                    .isZero();
            assertThat(publisher.confirmed("shard-0")).as("only the first relay's first batch so far")
                    .containsExactlyElementsOf(ids.subList(0, 5));

            publisher.release();
            await().atMost(PATIENCE).until(() -> shards.pending(0) == 0);
        }
        assertThat(publisher.overlappingCalls()).isZero();
        assertThat(publisher.confirmed("shard-0")).containsExactlyElementsOf(ids);
    }

    @Test
    void leaseOutlivesAPublishLongerThanTheLeaseDuration() throws Exception {
        List<Long> ids = shards.append(0, aggregates(15));
        Duration leaseDuration = Duration.ofMillis(600);
        StubbornPublisher publisher = new StubbornPublisher("shard-0", 1);
        try (OutboxRelay holder = relay(publisher, lease("relay-a").leaseDuration(leaseDuration).build());
             OutboxRelay other = relay(publisher, lease("relay-b").leaseDuration(leaseDuration).build())) {
            holder.start();
            assertThat(publisher.awaitBlocked()).isTrue();
            other.start();
            // The lease must have expired three times over had nobody renewed it: waiting for the clock is the test.
            long blockedAt = System.nanoTime();
            await().atMost(PATIENCE).pollDelay(leaseDuration.multipliedBy(3)).until(() -> true);
            awaitPolls(0, 5);
            assertThat(Duration.ofNanos(System.nanoTime() - blockedAt)).isGreaterThan(leaseDuration.multipliedBy(3));
            assertThat(publisher.overlappingCalls()).as("publish calls of shard-0 overlapping the long one").isZero();
            assertThat(publisher.confirmed("shard-0")).isEmpty();

            publisher.release();
            await().atMost(PATIENCE).until(() -> shards.pending(0) == 0);
        }
        assertThat(publisher.overlappingCalls()).isZero();
        assertThat(publisher.confirmed("shard-0")).containsExactlyElementsOf(ids);
    }

    /** Waits until the relays took {@code polls} more connections of {@code shard}: each poll takes one. */
    private void awaitPolls(int shard, int polls) {
        int before = shards.control(shard).attempts.get();
        await().atMost(PATIENCE).until(() -> shards.control(shard).attempts.get() >= before + polls);
    }

    private static String[] aggregates(int count) {
        String[] ids = new String[count];
        for (int i = 0; i < count; i++) {
            ids[i] = "o-" + i;
        }
        return ids;
    }
}

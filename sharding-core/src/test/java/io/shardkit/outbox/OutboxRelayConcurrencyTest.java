package io.shardkit.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shardkit.outbox.OutboxPollResult.Status;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Several relay instances on the same shards, and what a relay that died leaves behind. */
class OutboxRelayConcurrencyTest {

    private final OutboxShards shards = new OutboxShards(4);

    @ParameterizedTest
    @EnumSource(value = OutboxLocking.class, names = {"SKIP_LOCKED", "LEASE"})
    void twoRelaysNeverPublishTheSameEventAtOnceAndTogetherPublishEveryEventOnceInOrder(OutboxLocking locking)
            throws Exception {
        List<List<Long>> ids = shards.appendEverywhere(100);
        RecordingPublisher publisher = new RecordingPublisher();
        OutboxRelayConfig config = OutboxRelayTest.fastConfig(locking).batchSize(5)
                .pollInterval(Duration.ofMillis(1)).build();

        try (OutboxRelay a = relay(publisher, config, "relay-a"); OutboxRelay b = relay(publisher, config, "relay-b")) {
            a.start();
            b.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> publisher.confirmedCount() == 400);
        }

        assertThat(publisher.overlaps()).as("events in flight at two relays at once").isEmpty();
        for (int s = 0; s < 4; s++) {
            assertThat(publisher.confirmed("shard-" + s)).containsExactlyElementsOf(ids.get(s));
        }
        assertThat(publisher.attempts()).allMatch(RecordingPublisher.Attempt::confirmed);
    }

    private OutboxRelay relay(OutboxPublisher publisher, OutboxRelayConfig config, String id) {
        return OutboxRelay.builder(publisher).shards(shards.shards())
                .config(OutboxRelayConfig.from(config).relayId(id).build()).build();
    }

    @Test
    void leaseOfARelayThatDiedExpiresThenAnotherRelayPublishes() throws Exception {
        List<Long> ids = shards.append(0, "a", "b", "c");
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (Connection c = shards.shard(0).dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "UPDATE outbox_lock SET lease_owner = 'dead-relay', lease_until = ?")) {
            ps.setTimestamp(1, Timestamp.from(clock.instant().plusSeconds(60)));
            ps.executeUpdate();
        }
        RecordingPublisher publisher = new RecordingPublisher();
        OutboxRelay relay = OutboxRelay.builder(publisher).shards(shards.shards()).clock(clock)
                .config(OutboxRelayTest.fastConfig(OutboxLocking.LEASE).build()).build();

        assertThat(relay.pollShard("shard-0").status()).isEqualTo(Status.BUSY);
        clock.advance(Duration.ofSeconds(59));
        assertThat(relay.pollShard("shard-0").status()).isEqualTo(Status.BUSY);
        clock.advance(Duration.ofSeconds(2));
        assertThat(relay.drainOnce()).isEqualTo(3);

        assertThat(publisher.confirmed("shard-0")).containsExactlyElementsOf(ids);
        assertThat(shards.count(0, "SELECT COUNT(*) FROM outbox_lock WHERE lease_owner IS NOT NULL")).isZero();
    }

    @Test
    void relayRestartedWithItsOwnIdWaitsForTheLeaseOfItsPredecessorToExpire() throws Exception {
        List<Long> ids = shards.append(2, "a", "b");
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (Connection c = shards.shard(2).dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE outbox_lock SET lease_owner = 'relay-1', "
                     + "lease_token = 'claim-of-the-predecessor', lease_until = ?")) {
            ps.setTimestamp(1, Timestamp.from(clock.instant().plusSeconds(15)));
            ps.executeUpdate();
        }
        RecordingPublisher publisher = new RecordingPublisher();
        OutboxRelay relay = OutboxRelay.builder(publisher).shards(shards.shards()).clock(clock)
                .config(OutboxRelayTest.fastConfig(OutboxLocking.LEASE).relayId("relay-1").build()).build();

        // Its predecessor's publish may still be running: same relay id, but not the same claim.
        assertThat(relay.pollShard("shard-2").status()).isEqualTo(Status.BUSY);
        clock.advance(Duration.ofSeconds(16));
        assertThat(relay.drainOnce()).isEqualTo(2);
        assertThat(publisher.confirmed("shard-2")).containsExactlyElementsOf(ids);
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

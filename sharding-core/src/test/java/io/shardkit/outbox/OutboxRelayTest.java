package io.shardkit.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shardkit.outbox.OutboxPollResult.Status;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The relay on 4 in-memory H2 shards, once with row locks and once with leases. */
class OutboxRelayTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final OutboxShards shards = new OutboxShards(4);

    static OutboxRelayConfig.Builder fastConfig(OutboxLocking locking) {
        return OutboxRelayConfig.custom().locking(locking).batchSize(7).pollInterval(Duration.ofMillis(5))
                .initialBackoff(Duration.ofMillis(5)).maxBackoff(Duration.ofMillis(50))
                .shutdownTimeout(Duration.ofSeconds(5));
    }

    private OutboxRelay relay(OutboxPublisher publisher, OutboxLocking locking) {
        return OutboxRelay.builder(publisher).shards(shards.shards()).config(fastConfig(locking).build()).build();
    }

    @ParameterizedTest
    @EnumSource(value = OutboxLocking.class, names = {"SKIP_LOCKED", "LEASE"})
    void healthyPublisherGetsEveryEventExactlyOnceInShardOrder(OutboxLocking locking) throws Exception {
        List<List<Long>> ids = shards.appendEverywhere(20);
        RecordingPublisher publisher = new RecordingPublisher();

        int published = relay(publisher, locking).drainOnce();

        assertThat(published).isEqualTo(80);
        for (int s = 0; s < 4; s++) {
            assertThat(publisher.confirmed("shard-" + s)).as("shard-%d", s).containsExactlyElementsOf(ids.get(s));
            assertThat(shards.pending(s)).isZero();
        }
        assertThat(publisher.attempts()).allMatch(RecordingPublisher.Attempt::confirmed)
                .allMatch(a -> a.ids().size() <= 7);
    }

    @ParameterizedTest
    @EnumSource(value = OutboxLocking.class, names = {"SKIP_LOCKED", "LEASE"})
    void eventRolledBackWithItsTransactionIsNeverPublished(OutboxLocking locking) throws Exception {
        OutboxWriter writer = OutboxWriter.create();
        long kept = shards.append(1, "kept").get(0);
        try (Connection c = shards.shard(1).dataSource().getConnection()) {
            c.setAutoCommit(false);
            writer.append(c, OutboxEvent.of("Order", "rolled-back", "OrderPlaced", "{}"));
            c.rollback();
        }
        long after = shards.append(1, "after").get(0);
        RecordingPublisher publisher = new RecordingPublisher();

        OutboxRelay relay = relay(publisher, locking);
        relay.drainOnce();

        assertThat(publisher.confirmed("shard-1")).containsExactly(kept, after);
        assertThat(relay.stats().get("shard-1").published()).isEqualTo(2);
        assertThat(relay.stats().get("shard-1").pending()).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = OutboxLocking.class, names = {"SKIP_LOCKED", "LEASE"})
    void publisherOutageLosesNothingAndRedeliversOnlyRefusedBatches(OutboxLocking locking) throws Exception {
        List<List<Long>> ids = shards.appendEverywhere(20);
        RecordingPublisher publisher = new RecordingPublisher(9);

        try (OutboxRelay relay = relay(publisher, locking)) {
            relay.start();
            await().atMost(PATIENCE).until(() -> publisher.confirmedCount() == 80);
            long failed = relay.stats().values().stream().mapToLong(OutboxShardStats::failedPolls).sum();
            assertThat(failed).isEqualTo(9);
        }
        for (int s = 0; s < 4; s++) {
            assertThat(publisher.confirmed("shard-" + s)).containsExactlyElementsOf(ids.get(s));
            assertAttemptsResumeAtFirstUnconfirmed(publisher.attempts(), "shard-" + s, ids.get(s));
        }
    }

    /**
     * At-least-once, stated exactly: every attempt starts at the oldest event not yet confirmed, so an event is
     * handed out again only after an attempt that did not confirm it, never after a confirmed one.
     */
    static void assertAttemptsResumeAtFirstUnconfirmed(List<RecordingPublisher.Attempt> all, String shard,
                                                       List<Long> appended) {
        int confirmedUpTo = 0;
        for (RecordingPublisher.Attempt attempt : all) {
            if (!attempt.shard().equals(shard)) {
                continue;
            }
            assertThat(attempt.ids()).as("%s attempt %s", shard, attempt)
                    .isEqualTo(appended.subList(confirmedUpTo, confirmedUpTo + attempt.ids().size()));
            if (attempt.confirmed()) {
                confirmedUpTo += attempt.ids().size();
            }
        }
        assertThat(confirmedUpTo).isEqualTo(appended.size());
    }

    @ParameterizedTest
    @EnumSource(value = OutboxLocking.class, names = {"SKIP_LOCKED", "LEASE"})
    void relayRestartedMidBatchResumesWithoutLossOrDuplicates(OutboxLocking locking) throws Exception {
        List<List<Long>> ids = shards.appendEverywhere(15);
        CountDownLatch stuck = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        RecordingPublisher first = new RecordingPublisher() {
            @Override
            void beforeConfirm(List<OutboxRecord> batch) throws InterruptedException {
                if (calls.incrementAndGet() == 3) {
                    stuck.countDown();
                    new CountDownLatch(1).await();   // a broker that never answers, until the relay is stopped
                }
            }
        };
        OutboxRelay relay1 = relay(first, locking);
        relay1.start();
        assertThat(stuck.await(30, TimeUnit.SECONDS)).isTrue();
        relay1.stop(Duration.ofMillis(50));

        RecordingPublisher second = new RecordingPublisher();
        try (OutboxRelay relay2 = relay(second, locking)) {
            relay2.start();
            await().atMost(PATIENCE).until(() -> first.confirmedCount() + second.confirmedCount() == 60);
        }
        for (int s = 0; s < 4; s++) {
            List<Long> both = new ArrayList<>(first.confirmed("shard-" + s));
            both.addAll(second.confirmed("shard-" + s));
            assertThat(both).as("shard-%d, first relay then second", s).containsExactlyElementsOf(ids.get(s));
        }
        assertThat(first.attempts()).anyMatch(a -> !a.confirmed());
    }

    @ParameterizedTest
    @EnumSource(value = OutboxLocking.class, names = {"SKIP_LOCKED", "LEASE"})
    void shardThatIsDownOrHangingDoesNotStallTheOthers(OutboxLocking locking) throws Exception {
        List<List<Long>> ids = shards.appendEverywhere(10);
        shards.control(1).down();
        shards.control(2).hang();
        RecordingPublisher publisher = new RecordingPublisher();

        try (OutboxRelay relay = relay(publisher, locking)) {
            relay.start();
            await().atMost(PATIENCE).untilAsserted(() -> {
                assertThat(publisher.confirmed("shard-0")).containsExactlyElementsOf(ids.get(0));
                assertThat(publisher.confirmed("shard-3")).containsExactlyElementsOf(ids.get(3));
            });
            assertThat(publisher.confirmed("shard-1")).isEmpty();
            assertThat(publisher.confirmed("shard-2")).isEmpty();
            await().atMost(PATIENCE).until(() -> relay.stats().get("shard-1").consecutiveFailures() >= 2);
            OutboxShardStats down = relay.stats().get("shard-1");
            assertThat(down.healthy()).isFalse();
            assertThat(down.lastFailure()).contains("database failed").contains("shard is down");
            assertThat(relay.stats().get("shard-0").healthy()).isTrue();

            shards.control(1).up();
            shards.control(2).up();
            await().atMost(PATIENCE).until(() -> publisher.confirmedCount() == 40);
            await().atMost(PATIENCE).until(() -> relay.stats().get("shard-1").healthy());
        }
        for (int s = 0; s < 4; s++) {
            assertThat(publisher.confirmed("shard-" + s)).containsExactlyElementsOf(ids.get(s));
        }
    }

    @ParameterizedTest
    @EnumSource(value = OutboxLocking.class, names = {"SKIP_LOCKED", "LEASE"})
    void shardHeldByAnotherRelayIsLeftAlone(OutboxLocking locking) throws Exception {
        List<Long> ids = shards.append(0, "a", "b", "c");
        RecordingPublisher publisher = new RecordingPublisher();
        OutboxRelay relay = relay(publisher, locking);
        try (Connection other = shards.shard(0).dataSource().getConnection()) {
            other.setAutoCommit(false);
            holdHead(other, locking);

            assertThat(relay.pollShard("shard-0").status()).isEqualTo(Status.BUSY);
            assertThat(publisher.attempts()).isEmpty();
            releaseHead(other, locking);
        }
        assertThat(relay.drainOnce()).isEqualTo(3);
        assertThat(publisher.confirmed("shard-0")).containsExactlyElementsOf(ids);
    }

    /** Another relay's hold on the shard: its lock row locked, or leased. */
    private static void holdHead(Connection other, OutboxLocking locking) throws SQLException {
        String sql = locking == OutboxLocking.SKIP_LOCKED
                ? "SELECT name FROM outbox_lock FOR UPDATE"
                : "UPDATE outbox_lock SET lease_owner = 'other-relay', lease_until = DATEADD(HOUR, 1, LOCALTIMESTAMP)";
        try (PreparedStatement ps = other.prepareStatement(sql)) {
            if (locking == OutboxLocking.SKIP_LOCKED) {
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                }
            } else {
                ps.executeUpdate();
                other.commit();
            }
        }
    }

    private static void releaseHead(Connection other, OutboxLocking locking) throws SQLException {
        if (locking == OutboxLocking.LEASE) {
            // A lease outlives its relay's connection: give it up as the relay would after publishing.
            try (PreparedStatement ps = other.prepareStatement("UPDATE outbox_lock SET lease_owner = NULL, "
                    + "lease_until = NULL")) {
                ps.executeUpdate();
            }
        }
        other.commit();
    }

    @ParameterizedTest
    @EnumSource(value = OutboxLocking.class, names = {"SKIP_LOCKED", "LEASE"})
    void statsCountPerShard(OutboxLocking locking) throws Exception {
        shards.append(3, "x", "y");
        OutboxRelay relay = relay(new RecordingPublisher(), locking);

        relay.drainOnce();

        Map<String, OutboxShardStats> stats = relay.stats();
        assertThat(stats).containsOnlyKeys("shard-0", "shard-1", "shard-2", "shard-3");
        assertThat(stats.get("shard-3").published()).isEqualTo(2);
        assertThat(stats.get("shard-0").published()).isZero();
        assertThat(stats.values()).allMatch(OutboxShardStats::healthy).allMatch(st -> st.pending() == 0);
    }

    @ParameterizedTest
    @EnumSource(value = OutboxLocking.class, names = {"SKIP_LOCKED", "LEASE"})
    void pendingIsMeasuredAgainWhileThePublisherRefuses(OutboxLocking locking) throws Exception {
        AtomicBoolean refuse = new AtomicBoolean();
        OutboxRelay relay = relay(batch -> {
            if (refuse.get()) {
                throw new IllegalStateException("broker unavailable (test)");
            }
        }, locking);
        shards.append(0, "a", "b", "c");
        assertThat(relay.pollShard("shard-0").status()).isEqualTo(Status.PUBLISHED);
        assertThat(relay.stats().get("shard-0").pending()).isZero();

        refuse.set(true);
        shards.append(0, "d", "e", "f", "g");
        assertThat(relay.pollShard("shard-0").status()).isEqualTo(Status.FAILED);
        assertThat(relay.stats().get("shard-0").pending()).isEqualTo(4);

        shards.append(0, "h", "i");
        relay.pollShard("shard-0");
        OutboxShardStats stats = relay.stats().get("shard-0");
        assertThat(stats.pending()).isEqualTo(6).isEqualTo(shards.pending(0));
        assertThat(stats.healthy()).isFalse();
        assertThat(stats.consecutiveFailures()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(value = OutboxLocking.class, names = {"SKIP_LOCKED", "LEASE"})
    void missingLockRowIsReportedNotMistakenForABusyShard(OutboxLocking locking) throws Exception {
        shards.append(0, "a");
        shards.execute(0, "DELETE FROM outbox_lock");
        OutboxRelay relay = relay(new RecordingPublisher(), locking);

        OutboxPollResult result = relay.pollShard("shard-0");

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.failure()).contains("Outbox of shard 'shard-0': table outbox_lock has no row 'relay'");
        assertThat(relay.stats().get("shard-0").healthy()).isFalse();
    }
}

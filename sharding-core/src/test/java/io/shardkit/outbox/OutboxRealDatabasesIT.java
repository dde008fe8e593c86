package io.shardkit.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shardkit.ShardRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shipped DDL and the relay's SQL on the PostgreSQL and MariaDB servers of the build machine
 * ({@link OutboxServers}): two shards as two fresh databases each, two relays at once, with the locking the
 * metadata picks and with leases. Skipped when the server is not reachable, failed instead under {@code CI=true}.
 */
class OutboxRealDatabasesIT {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"postgresql, AUTO", "postgresql, LEASE", "mariadb, AUTO", "mariadb, LEASE"})
    void twoRelaysPublishEveryEventOnceInShardOrder(String database, OutboxLocking locking) throws Exception {
        OutboxServers server = OutboxServers.require(database);
        try (ShardRegistry registry = server.createShards(2, 4)) {
            OutboxShards.createSchema(registry.shards());
            List<List<Long>> ids = OutboxShards.appendEverywhere(registry.shards(), 40);
            RecordingPublisher publisher = new RecordingPublisher(3);
            OutboxRelayConfig config = OutboxRelayTest.fastConfig(locking).batchSize(4).build();
            try (OutboxRelay a = relay(registry, publisher, config, "a");
                 OutboxRelay b = relay(registry, publisher, config, "b")) {
                a.start();
                b.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> publisher.confirmedCount() == 80);
            }
            assertThat(publisher.overlaps()).isEmpty();
            for (int s = 0; s < 2; s++) {
                assertThat(publisher.confirmed("shard-" + s)).containsExactlyElementsOf(ids.get(s));
                OutboxRelayTest.assertAttemptsResumeAtFirstUnconfirmed(publisher.attempts(), "shard-" + s,
                        ids.get(s));
            }
        } finally {
            server.drop();
        }
    }

    /** A relay over every shard of {@code registry}, named {@code id}. */
    static OutboxRelay relay(ShardRegistry registry, OutboxPublisher publisher, OutboxRelayConfig config, String id) {
        return OutboxRelay.builder(publisher).shards(registry)
                .config(OutboxRelayConfig.from(config).relayId(id).build()).build();
    }
}

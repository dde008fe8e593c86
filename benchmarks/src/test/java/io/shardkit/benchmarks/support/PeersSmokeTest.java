package io.shardkit.benchmarks.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.shardkit.metrics.MeterNames;
import io.shardkit.spring.aop.ShardedAdvisor;
import io.shardkit.spring.aop.TransactionFailuresAdvisor;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.support.AopUtils;
import org.springframework.transaction.interceptor.BeanFactoryTransactionAttributeSourceAdvisor;

/**
 * Proves every peer's set-up before any benchmark relies on it: on the same four seeded shards, all peers read
 * the same rows for the same keys, find nothing for a missing key, and write where the others read; the Spring
 * peer really goes through the starter's advisor and Spring's transaction interceptor.
 */
class PeersSmokeTest {

    private static final int SHARDS = 4;
    private static final int ORDERS = 200;

    private static H2Shards shards;
    private static final Map<Peer, OrderStore> STORES = new EnumMap<>(Peer.class);

    @BeforeAll
    static void startPeers() {
        shards = H2Shards.create(SHARDS).seedOrders(ORDERS);
        for (Peer peer : Peer.values()) {
            STORES.put(peer, peer.open(shards, 2));
        }
    }

    @AfterAll
    static void stopPeers() {
        STORES.values().forEach(OrderStore::close);
        shards.close();
    }

    @Test
    void everyPeerReadsTheSeededRowOfEveryKey() throws SQLException {
        for (long id = 1; id <= ORDERS; id++) {
            for (Peer peer : Peer.values()) {
                assertThat(STORES.get(peer).find(id)).as("%s reading order %d", peer, id)
                        .isEqualTo(H2Shards.seededOrder(id));
            }
        }
    }

    @Test
    void everyPeerFindsNothingForAMissingKey() throws SQLException {
        for (Peer peer : Peer.values()) {
            assertThat(STORES.get(peer).find(ORDERS + 1_000_000L)).as(peer.name()).isNull();
        }
    }

    @Test
    void whatOnePeerWritesEveryOtherPeerReads() throws SQLException {
        long id = 5_000_000L;
        for (Peer writer : Peer.values()) {
            Order written = new Order(++id, 7, 700, "NEW");
            STORES.get(writer).insert(written);
            for (Peer reader : Peer.values()) {
                assertThat(STORES.get(reader).find(id)).as("%s reading what %s wrote", reader, writer)
                        .isEqualTo(written);
            }
        }
    }

    @Test
    void theSpringPeerCallsItsRepositoryThroughTheShardedAdvisorOutsideTheTransactionInterceptor() {
        OrderRepository repository = ((SpringShardedStore) STORES.get(Peer.SHARDKIT_SPRING)).repository();

        assertThat(AopUtils.isJdkDynamicProxy(repository)).isTrue();
        List<Class<?>> advisors = Arrays.stream(((Advised) repository).getAdvisors())
                .<Class<?>>map(Object::getClass).toList();
        assertThat(advisors).hasSize(3).last().isEqualTo(BeanFactoryTransactionAttributeSourceAdvisor.class);
        assertThat(advisors.subList(0, 2)).as("both outside the transaction interceptor")
                .containsExactlyInAnyOrder(ShardedAdvisor.class, TransactionFailuresAdvisor.class);
    }

    @Test
    void theSpringPeerTimesEveryCallInARealRegistry() throws SQLException {
        SpringShardedStore spring = (SpringShardedStore) STORES.get(Peer.SHARDKIT_SPRING);
        long before = routedCalls(spring);

        for (long id = 1; id <= 10; id++) {
            spring.find(id);
        }

        assertThat(routedCalls(spring) - before).isEqualTo(10);
    }

    private static long routedCalls(SpringShardedStore store) {
        return store.registry().find(MeterNames.ROUTED_CALLS).timers().stream().mapToLong(Timer::count).sum();
    }

    @Test
    void theSeedIsSpreadOverEveryShard() {
        int[] perShard = new int[SHARDS];
        for (long id = 1; id <= ORDERS; id++) {
            perShard[shards.shardOf(id)]++;
        }
        for (int count : perShard) {
            assertThat(count).isGreaterThan(ORDERS / SHARDS / 2);
        }
    }
}

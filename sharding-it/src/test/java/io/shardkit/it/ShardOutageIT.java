package io.shardkit.it;

import static io.shardkit.it.support.LoadChecks.assertEveryOrderHasExactlyItsEventPublished;
import static io.shardkit.it.support.LoadChecks.assertNothingLost;
import static io.shardkit.it.support.LoadChecks.describe;
import static io.shardkit.it.support.LoadChecks.pendingOn;
import static io.shardkit.it.support.LoadChecks.ratePerSecond;
import static io.shardkit.it.support.LoadChecks.unavailableSince;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardScope;
import io.shardkit.ShardUnavailableException;
import io.shardkit.ShardingRule;
import io.shardkit.audit.AuditReport;
import io.shardkit.audit.ShardAudit;
import io.shardkit.it.support.OrderOutbox;
import io.shardkit.it.support.Customers;
import io.shardkit.it.support.OrderTable;
import io.shardkit.it.support.OrderTable.Row;
import io.shardkit.it.support.OutboxLedger;
import io.shardkit.it.support.PgClusters;
import io.shardkit.it.support.ShardLoad;
import io.shardkit.it.support.ShardLoad.Failure;
import io.shardkit.outbox.OutboxRelay;
import io.shardkit.outbox.OutboxRelayConfig;
import io.shardkit.routing.ShardRoutingDataSource;
import io.shardkit.scatter.FailurePolicy;
import io.shardkit.scatter.Merges;
import io.shardkit.scatter.ScatterGatherException;
import io.shardkit.scatter.ScatterGatherExecutor;
import io.shardkit.scatter.ScatterResult;
import io.shardkit.scatter.ShardCall;
import io.shardkit.scatter.ShardFailure;
import io.shardkit.strategy.ShardingStrategies;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * A shard's server really goes down under load: four PostgreSQL clusters, one per shard, and one of them is
 * stopped while client threads keep inserting on all four. Its callers must fail fast with a typed error naming
 * it, the other shards must keep serving, a transaction it was running must vanish rather than half-apply, and
 * once it is back its traffic must recover on the same registry.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShardOutageIT {

    private static final int SHARDS = 4;
    private static final int THREADS_PER_SHARD = 2;
    private static final int POOL_SIZE = 4;
    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(1);
    /** Fail-fast bound asserted: the configured timeout plus scheduling slack, far below Hikari's default 30 s. */
    private static final Duration FAIL_FAST_BOUND = Duration.ofSeconds(5);
    /** A relay that polls often and backs off at most a second, so recovery shows within the test. */
    private static final OutboxRelayConfig RELAY = OutboxRelayConfig.custom().pollInterval(Duration.ofMillis(50))
            .initialBackoff(Duration.ofMillis(100)).maxBackoff(Duration.ofSeconds(1)).batchSize(500).build();
    /** Inserts per healthy shard over which a rate is measured. */
    private static final int WINDOW = 200;

    private PgClusters clusters;
    private ShardRegistry registry;
    private ShardingRule orders;
    private final ShardRoutingDataSource routing = ShardRoutingDataSource.create();

    @BeforeAll
    void startClusters() throws SQLException {
        clusters = PgClusters.create(SHARDS);
        registry = clusters.registry(b -> b.connectionTimeout(CONNECTION_TIMEOUT).maximumPoolSize(POOL_SIZE));
        orders = ShardingRule.over("orders", registry, ShardingStrategies.hash(SHARDS));
        OrderTable.createOn(registry);
        OrderOutbox.createOn(registry);
    }

    @AfterEach
    void restartStoppedShards() {
        clusters.startAll();
    }

    @AfterAll
    void dropClusters() {
        if (registry != null) {
            registry.close();
        }
        if (clusters != null) {
            clusters.close();
        }
    }

    @Test
    @Timeout(180)
    void downShardFailsFastOthersKeepServingAndItRecoversWithoutRebuildingTheRegistry() throws SQLException {
        OrderTable.clear(registry);
        OrderOutbox.createOn(registry);
        Shard victim = registry.shard(1);
        List<Shard> others = registry.shards().stream().filter(s -> !s.equals(victim)).toList();
        OutboxLedger ledger = new OutboxLedger();
        OutboxRelay relay = OutboxRelay.builder(ledger).shards(registry).config(RELAY).build();
        relay.start();
        ShardLoad load = ShardLoad.start(orders, routing, new OrderOutbox().orderWithEvent(), THREADS_PER_SHARD,
                Duration.ofSeconds(120), 1);
        try (relay) {
            underLoad(load, victim, others);
            load.close();
            awaitOutboxDrained();
        } finally {
            load.close();
        }
        for (Shard shard : others) {
            assertThat(load.failures(shard)).as("failures on healthy %s: %s", shard,
                    describe(load.failures(shard))).isEmpty();
        }
        for (Shard shard : registry.shards()) {
            assertNothingLost(load, shard);
            assertEveryOrderHasExactlyItsEventPublished(ledger, shard);
        }
        System.out.printf("outbox: %d events delivered, %d of them again (at-least-once)%n", ledger.deliveries(),
                ledger.redeliveries());
        AuditReport report = ShardAudit.of(orders).table("orders").keyColumn("customer_id").idColumn("id")
                .build().run();
        assertThat(report.isClean()).as(report.toString()).isTrue();
    }

    /** Stops the victim's server under load, checks what its callers and the others see, restarts it. */
    private void underLoad(ShardLoad load, Shard victim, List<Shard> others) {
        await("warm-up").atMost(Duration.ofSeconds(30))
                .until(() -> registry.shards().stream().allMatch(s -> load.successes(s) >= 20));
        double normalRate = ratePerSecond(load, others, WINDOW);

        clusters.stop(victim.index());
        long stoppedAt = System.nanoTime();

        await("typed failures on the stopped shard").atMost(Duration.ofSeconds(20))
                .until(() -> unavailableSince(load, victim, stoppedAt).size() >= 3);
        double outageRate = ratePerSecond(load, others, WINDOW);
        assertStillFailingFast(load, victim, stoppedAt);

        clusters.start(victim.index());
        long restartedAt = System.nanoTime();
        long afterRestart = load.successes(victim);
        await("traffic to the restarted shard recovers").atMost(Duration.ofSeconds(30))
                .until(() -> load.successes(victim) >= afterRestart + 20);
        report(load, victim, stoppedAt, normalRate, outageRate, Duration.ofNanos(System.nanoTime() - restartedAt));
        assertOnlyTypedFailuresAndRecovered(load, victim, restartedAt);
        // A shard that stalled the others would drive their rate towards zero; the bound is loose because
        // this machine is shared and both windows last about a second.
        assertThat(outageRate).as("inserts/s on the healthy shards while one is down, vs before")
                .isGreaterThan(normalRate * 0.2);
    }

    private void awaitOutboxDrained() {
        await("the relay publishes every pending event, the restarted shard's included")
                .atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> registry.shards().stream().allMatch(s -> pendingOn(s) == 0));
    }

    private static void report(ShardLoad load, Shard victim, long stoppedAt, double normalRate, double outageRate,
                               Duration recovery) {
        List<Duration> took = unavailableSince(load, victim, stoppedAt).stream().map(Failure::took).sorted()
                .toList();
        System.out.printf("shard outage: %d typed failures on %s, time to fail median %d ms, max %d ms "
                        + "(connection timeout %d ms); healthy shards %.0f inserts/s each before, %.0f while down; "
                        + "recovered %d ms after restart%n", took.size(), victim.name(),
                took.get(took.size() / 2).toMillis(), took.get(took.size() - 1).toMillis(),
                CONNECTION_TIMEOUT.toMillis(), normalRate, outageRate, recovery.toMillis());
    }

    private static void assertStillFailingFast(ShardLoad load, Shard victim, long stoppedAt) {
        List<Failure> typed = unavailableSince(load, victim, stoppedAt);
        for (Failure f : typed) {
            ShardUnavailableException ex = (ShardUnavailableException) f.error();
            assertThat(ex.getShard()).isEqualTo(victim.name());
            assertThat(ex).hasMessageContaining("'" + victim.name() + "'");
            assertThat(f.took()).as("time to fail").isLessThan(FAIL_FAST_BOUND);
        }
    }

    /**
     * Every failure on the victim was the typed one; a call hit a connection the server had closed at most once
     * per pooled connection (that connection then left the pool), and once the pool had reconnected after the
     * restart, at most a call per client thread still failed (one that was already waiting for a connection).
     */
    private static void assertOnlyTypedFailuresAndRecovered(ShardLoad load, Shard victim, long restartedAt) {
        List<Failure> failures = load.failures(victim);
        System.out.printf("shard outage: failures on %s by type %s%n", victim.name(), countByType(failures));
        List<Failure> untyped = failures.stream().filter(f -> !(f.error() instanceof ShardUnavailableException))
                .toList();
        assertThat(untyped).as("untyped failures: %s", describe(untyped)).isEmpty();
        long lost = failures.stream().filter(f -> f.error().getMessage().contains("connection was lost")).count();
        assertThat(lost).as("calls whose pooled connection the server had closed").isLessThanOrEqualTo(POOL_SIZE);
        long reconnected = load.firstSuccessSince(victim, restartedAt);
        long afterRestart = failures.stream().filter(f -> f.atNanos() > restartedAt).count();
        long afterReconnect = failures.stream().filter(f -> f.atNanos() > reconnected).count();
        System.out.printf("shard outage: %d failures after the restart, %d of them once the pool had reconnected "
                + "(%d ms after the restart)%n", afterRestart, afterReconnect,
                Duration.ofNanos(reconnected - restartedAt).toMillis());
        assertThat(afterReconnect).as("failures after the pool reconnected").isLessThanOrEqualTo(THREADS_PER_SHARD);
    }

    private static Map<String, Long> countByType(List<Failure> failures) {
        Map<String, Long> counts = new TreeMap<>();
        for (Failure f : failures) {
            String kind = f.error() instanceof ShardUnavailableException typed && typed.getMessage()
                    .contains("connection was lost") ? "ShardUnavailableException (connection lost)"
                    : f.error().getClass().getSimpleName();
            counts.merge(kind, 1L, Long::sum);
        }
        return counts;
    }

    @Test
    @Timeout(120)
    void transactionInFlightWhenItsShardDiesIsRolledBackNotHalfApplied() throws SQLException {
        OrderTable.clear(registry);
        Shard victim = registry.shard(2);
        long customer = Customers.firstOn(orders, victim);
        try (ShardScope ignored = ShardContext.bind(victim)) {
            Connection c = routing.getConnection();
            c.setAutoCommit(false);
            OrderTable.insert(c, 5_000_001, customer, 1);

            clusters.stop(victim.index());

            assertThatThrownBy(() -> {
                OrderTable.insert(c, 5_000_002, customer, 2);
                c.commit();
            }).isInstanceOfSatisfying(ShardUnavailableException.class, ex -> {
                assertThat(ex.getShard()).isEqualTo(victim.name());
                assertThat(ex.isOutcomeUnknown()).as("the insert broke, the commit never ran").isFalse();
                assertThat(ex.getCause()).isInstanceOf(SQLException.class);
            });
            closeQuietly(c);
        }
        clusters.start(victim.index());

        List<Row> rows = await("the shard answers again").atMost(Duration.ofSeconds(30))
                .ignoreExceptions().until(() -> OrderTable.byCustomer(victim.dataSource(), customer), r -> true);
        assertThat(rows).as("neither statement of the interrupted transaction").isEmpty();
    }

    @Test
    @Timeout(120)
    void scatterGatherUnderPartialReportsTheDownShardAndAnswersFromTheOthers() throws SQLException {
        OrderTable.clear(registry);
        for (long customer = 1; customer <= 200; customer++) {
            OrderTable.insert(orders.shardOf(customer).dataSource(), customer, customer, 1);
        }
        Shard victim = registry.shard(3);
        long othersRows = registry.shards().stream().filter(s -> !s.equals(victim)).mapToLong(this::rowCount).sum();
        ShardCall<Object, Long> countRows = request -> OrderTable.count(routing);
        try (ScatterGatherExecutor partial = ScatterGatherExecutor.builder().failurePolicy(FailurePolicy.PARTIAL)
                .shardTimeout(Duration.ofSeconds(5)).build();
             ScatterGatherExecutor failFast = ScatterGatherExecutor.builder()
                     .shardTimeout(Duration.ofSeconds(5)).build()) {
            assertThat(partial.onEveryShard(orders, countRows, Merges.count()).requireComplete()).isEqualTo(200);

            clusters.stop(victim.index());
            ScatterResult<Long> first = partial.onEveryShard(orders, countRows, Merges.count());
            assertThat(first.isComplete()).isFalse();
            assertThat(first.failures()).singleElement().satisfies(f -> {
                assertThat(f.shard()).isEqualTo(victim);
                // Even on a pooled connection the server had just closed: the typed failure, never the driver's.
                assertThat(f.cause()).isInstanceOf(ShardUnavailableException.class);
            });

            long started = System.nanoTime();
            ScatterResult<Long> result = partial.onEveryShard(orders, countRows, Merges.count());
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(FAIL_FAST_BOUND);
            assertThat(result.failures()).singleElement().satisfies(f -> {
                assertThat(f.shard()).isEqualTo(victim);
                assertThat(f.cause()).isInstanceOf(ShardUnavailableException.class)
                        .hasMessageContaining("'" + victim.name() + "'");
            });
            assertThat(result.value()).as("rows of the shards that answered").isEqualTo(othersRows);
            assertThatThrownBy(() -> failFast.onEveryShard(orders, countRows, Merges.count()))
                    .isInstanceOf(ScatterGatherException.class)
                    .satisfies(ex -> assertThat(((ScatterGatherException) ex).getShard()).isEqualTo(victim.name()));

            clusters.start(victim.index());
            await("the scatter-gather is complete again").atMost(Duration.ofSeconds(30))
                    .until(() -> partial.onEveryShard(orders, countRows, Merges.count()).isComplete());
            assertThat(partial.onEveryShard(orders, countRows, Merges.count()).requireComplete()).isEqualTo(200);
        }
    }

    private long rowCount(Shard shard) {
        try {
            return OrderTable.rowsOn(shard).size();
        } catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException expected) {
            // The server is gone; the pool discards the connection either way.
        }
    }
}

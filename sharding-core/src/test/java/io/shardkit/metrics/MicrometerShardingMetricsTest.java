package io.shardkit.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.shardkit.Shard;
import io.shardkit.routing.ShardRoutingDataSource;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Meters are resolved once per rule, shard and outcome and then only record: the registry holds one timer per
 * tag set however many calls report, each call lands in the timer of its own rule, shard and outcome, and a
 * reported call allocates nothing (the former implementation built and registered its timer per call, some
 * 500 bytes each).
 */
class MicrometerShardingMetricsTest {

    private static final int CALLS = 20_000;

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerShardingMetrics metrics = new MicrometerShardingMetrics(registry);
    private final Shard shard0 = new Shard("shard-0", 0, ShardRoutingDataSource.create());
    private final Shard shard3 = new Shard("shard-3", 3, ShardRoutingDataSource.create());

    @Test
    void eachRoutedCallLandsInTheTimerOfItsRuleShardAndOutcome() {
        RoutedCalls orders = metrics.routedCalls("orders");
        orders.record(shard3, 1_000, true);
        orders.record(shard3, 2_000, true);
        orders.record(shard0, 5_000, false);
        metrics.routed("orders", "shard-3", 4_000, MeterNames.OUTCOME_SUCCESS);
        metrics.routedCalls("prices").record(shard3, 7_000, true);

        assertThat(routed("orders", "shard-3", MeterNames.OUTCOME_SUCCESS).count()).isEqualTo(3);
        assertThat(routed("orders", "shard-3", MeterNames.OUTCOME_SUCCESS).totalTime(
                java.util.concurrent.TimeUnit.NANOSECONDS)).isEqualTo(7_000);
        assertThat(routed("orders", "shard-0", MeterNames.OUTCOME_FAILURE).count()).isEqualTo(1);
        assertThat(routed("prices", "shard-3", MeterNames.OUTCOME_SUCCESS).count()).isEqualTo(1);
        assertThat(registry.find(MeterNames.ROUTED_CALLS).tag(MeterNames.TAG_SHARD, "shard-0")
                .tag(MeterNames.TAG_OUTCOME, MeterNames.OUTCOME_SUCCESS).timer()).as("never reported").isNull();
        assertThat(metrics.routedCalls("orders")).as("one recorder per rule").isSameAs(orders);
    }

    @Test
    void aShardOfTheSameIndexButAnotherNameGetsItsOwnTimer() {
        RoutedCalls orders = metrics.routedCalls("orders");
        orders.record(shard3, 1_000, true);
        orders.record(new Shard("shard-3b", 3, ShardRoutingDataSource.create()), 1_000, true);

        assertThat(routed("orders", "shard-3", MeterNames.OUTCOME_SUCCESS).count()).isEqualTo(1);
        assertThat(routed("orders", "shard-3b", MeterNames.OUTCOME_SUCCESS).count()).isEqualTo(1);
    }

    @Test
    void scatterMetersAreResolvedOncePerRuleShardAndOutcome() {
        for (int i = 0; i < 3; i++) {
            metrics.fanOut("orders", 4);
            metrics.shardCall("orders", "shard-0", 1_000, MeterNames.OUTCOME_SUCCESS);
            metrics.shardCall("orders", "shard-0", 1_000, MeterNames.OUTCOME_TIMEOUT);
            metrics.merge("orders", 500);
        }
        int meters = registry.getMeters().size();
        metrics.shardCall("orders", "shard-0", 1_000, MeterNames.OUTCOME_SUCCESS);

        assertThat(registry.getMeters()).hasSize(meters);
        assertThat(registry.get(MeterNames.SCATTER_SHARD_CALLS).tag(MeterNames.TAG_OUTCOME,
                MeterNames.OUTCOME_SUCCESS).timer().count()).isEqualTo(4);
        assertThat(registry.get(MeterNames.SCATTER_SHARD_CALLS).tag(MeterNames.TAG_OUTCOME,
                MeterNames.OUTCOME_TIMEOUT).timer().count()).isEqualTo(3);
        assertThat(registry.get(MeterNames.FANOUT_WIDTH).summary().totalAmount()).isEqualTo(12);
        assertThat(registry.get(MeterNames.SCATTER_MERGE).timer().count()).isEqualTo(3);
    }

    @Test
    void aRecordedCallAllocatesNothing() {
        RoutedCalls orders = metrics.routedCalls("orders");
        for (int i = 0; i < CALLS; i++) { // resolve the meters, load the classes
            orders.record(shard3, i, (i & 1) == 0);
            metrics.shardCall("orders", "shard-0", i, MeterNames.OUTCOME_SUCCESS);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
                .getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < CALLS; i++) {
            orders.record(shard3, i, (i & 1) == 0);
            metrics.shardCall("orders", "shard-0", i, MeterNames.OUTCOME_SUCCESS);
        }
        long perCall = (threads.getCurrentThreadAllocatedBytes() - before) / (2L * CALLS);

        // Per-call registration allocated hundreds of bytes; the counter itself costs a few hundred in total.
        assertThat(perCall).as("bytes allocated per recorded call").isLessThan(2);
    }

    private Timer routed(String rule, String shard, String outcome) {
        return registry.get(MeterNames.ROUTED_CALLS).tag(MeterNames.TAG_RULE, rule).tag(MeterNames.TAG_SHARD, shard)
                .tag(MeterNames.TAG_OUTCOME, outcome).timer();
    }
}

package io.shardkit.scatter;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.ShardScope;
import io.shardkit.routing.ShardRoutingDataSource;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The per-rule estimate that decides whether a fan-out runs inline: unknown until a call is seen, below the
 * threshold runs inline, one slow call sends the rule back to the pool at once, fast calls bring it back by
 * eighths; never with a shard bound on the caller, the executor's condition false, or a zero threshold.
 */
class InlinePolicyTest {

    private static final long THRESHOLD = 20_000;

    private final AtomicBoolean callerMayRun = new AtomicBoolean(true);
    private final InlinePolicy policy = new InlinePolicy(THRESHOLD, callerMayRun::get);

    @Test
    void aRuleStartsOnThePoolAndRunsInlineOnceItsCallsAreSeenToBeFast() {
        assertThat(policy.inline("orders")).as("no estimate yet").isFalse();

        policy.sample("orders", 5_000);

        assertThat(policy.inline("orders")).isTrue();
        assertThat(policy.inline("prices")).as("estimates are per rule").isFalse();
    }

    @Test
    void oneSlowCallSendsTheRuleBackToThePoolAndFastCallsBringItBackByEighths() {
        policy.sample("orders", 5_000);
        policy.sample("orders", 2_000_000);
        assertThat(policy.inline("orders")).isFalse();
        assertThat(policy.estimateNanos("orders")).isEqualTo(2_000_000);

        policy.sample("orders", 5_000);
        assertThat(policy.estimateNanos("orders")).isEqualTo(2_000_000 - (2_000_000 - 5_000) / 8);
        int fastCalls = 1;
        while (!policy.inline("orders")) {
            policy.sample("orders", 5_000);
            fastCalls++;
        }
        // (7/8)^n of the 1,995 µs gap must fall below the 15 µs between threshold and sample: n = 37.
        assertThat(fastCalls).isEqualTo(37);
    }

    @Test
    void neverWithAShardBoundOnTheCallerOrTheExecutorsConditionFalse() {
        policy.sample("orders", 1_000);
        try (ShardScope ignored = ShardContext.bind(new Shard("s0", 0, ShardRoutingDataSource.create()))) {
            assertThat(policy.inline("orders")).isFalse();
        }
        callerMayRun.set(false);
        assertThat(policy.inline("orders")).isFalse();
        callerMayRun.set(true);
        assertThat(policy.inline("orders")).isTrue();
    }

    @Test
    void aZeroThresholdNeverRunsInline() {
        InlinePolicy never = new InlinePolicy(0, () -> true);
        never.sample("orders", 1);
        assertThat(never.inline("orders")).isFalse();
        assertThat(InlinePolicy.NEVER.inline("orders")).isFalse();
    }
}

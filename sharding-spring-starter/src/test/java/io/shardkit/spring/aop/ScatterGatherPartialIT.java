package io.shardkit.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.shardkit.Shard;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardingRule;
import io.shardkit.ShardingRules;
import io.shardkit.metrics.MeterNames;
import io.shardkit.scatter.IncompleteResultException;
import io.shardkit.scatter.ScatterResult;
import io.shardkit.scatter.ShardCircuitOpenException;
import io.shardkit.scatter.ShardFailure;
import io.shardkit.spring.aop.ScatterTestApplication.Call;
import io.shardkit.spring.aop.ScatterTestApplication.CallLog;
import io.shardkit.spring.aop.ScatterTestApplication.OrderReports;
import io.shardkit.spring.testing.TestShards;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The {@code partial} failure policy and the circuit breakers through the annotations: a method returning
 * {@code ScatterResult} gets the healthy shards' answer and the failed shard; a plain method fails after every
 * shard ran, naming the shard; a shard that keeps failing has its breaker opened (visible in the
 * {@code shardkit.scatter.breaker.state} gauge) and is no longer called.
 */
@SpringBootTest(classes = ScatterTestApplication.class, properties = {
        "shardkit.scatter-gather.failure-policy=partial",
        "shardkit.scatter-gather.circuit-breaker.enabled=true",
        "shardkit.scatter-gather.circuit-breaker.sliding-window-size=2",
        "shardkit.scatter-gather.circuit-breaker.minimum-number-of-calls=2",
        "shardkit.scatter-gather.circuit-breaker.wait-in-open-state=1h"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScatterGatherPartialIT {

    @DynamicPropertySource
    static void shards(DynamicPropertyRegistry registry) {
        TestShards.registerWithOrdersRule(registry, "scatter-partial-it");
    }

    @Autowired
    ShardRegistry registry;
    @Autowired
    ShardingRules rules;
    @Autowired
    OrderReports reports;
    @Autowired
    CallLog log;
    @Autowired
    MeterRegistry meters;

    @BeforeAll
    void seed() {
        ShardingRule orders = rules.rule("orders");
        TestShards.createOrdersTable(registry);
        for (long id = 1; id <= 80; id++) {
            long customer = id % 23;
            TestShards.direct(orders.shardOf(customer)).update(
                    "insert into orders (id, customer_id, amount) values (?, ?, ?)", id, customer, id * 10);
        }
    }

    @BeforeEach
    void reset() {
        log.failOn = null;
        log.calls.clear();
    }

    @Test
    void partialAnswersReachScatterResultMethodsOthersFailNamingTheShardAndTheBreakerOpens() {
        log.failOn = "shard-2";
        ScatterResult<List<Long>> result = reports.idsAsResult();
        assertThat(result.isComplete()).isFalse();
        assertThat(result.failures()).extracting(f -> f.shard().name()).containsExactly("shard-2");
        assertThat(result.failures().get(0).cause()).isInstanceOf(IllegalStateException.class);
        assertThat(result.value()).containsExactlyInAnyOrderElementsOf(idsExcept("shard-2"));
        assertThat(log.calls("idsAsResult")).hasSize(4);

        assertThatThrownBy(() -> reports.countAll())
                .isInstanceOf(IncompleteResultException.class)
                .hasMessageContaining("shard 'shard-2'").hasMessageContaining("1 of 4 shards failed [shard-2]")
                .hasMessageContaining("ScatterResult<T>")
                .satisfies(e -> assertThat(((IncompleteResultException) e).getPartialValue())
                        .isEqualTo((long) idsExcept("shard-2").size()));
        assertThat(log.calls("countAll")).as("every shard ran").hasSize(4);

        assertThat(breakerState("shard-2")).as("two failures in a window of two open the breaker").isEqualTo(1);
        log.calls.clear();
        ScatterResult<List<Long>> skipped = reports.idsAsResult();
        assertThat(skipped.failures()).extracting(ShardFailure::cause)
                .singleElement().isInstanceOf(ShardCircuitOpenException.class);
        assertThat(log.calls("idsAsResult")).extracting(Call::shard).doesNotContain("shard-2").hasSize(3);
    }

    @Test
    void everyRuleAndShardHasABreakerStateGauge() {
        for (Shard shard : registry.shards()) {
            assertThat(meters.find(MeterNames.BREAKER_STATE).tag(MeterNames.TAG_RULE, "orders")
                    .tag(MeterNames.TAG_SHARD, shard.name()).gauge()).as(shard.name()).isNotNull();
        }
        assertThat(breakerState("shard-0")).isZero();
    }

    private double breakerState(String shard) {
        return meters.get(MeterNames.BREAKER_STATE).tag(MeterNames.TAG_RULE, "orders")
                .tag(MeterNames.TAG_SHARD, shard).gauge().value();
    }

    private List<Long> idsExcept(String failed) {
        List<Long> ids = new ArrayList<>();
        for (Shard shard : registry.shards()) {
            if (!shard.name().equals(failed)) {
                ids.addAll(TestShards.orderIds(shard));
            }
        }
        return ids;
    }
}

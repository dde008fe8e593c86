package io.shardkit.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardkit.ShardingRule;
import io.shardkit.ShardingRules;
import io.shardkit.id.IdLayout;
import io.shardkit.id.ShardIdGenerator;
import io.shardkit.spring.testing.TestShards;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * {@code shardkit.ids.*}: the generator bean and the {@code id} rules share one layout (the persisted default
 * unless configured), a user's generator wins, and a layout without node bits is warned about once, only when ids
 * are in use. Bad values fail the start naming the property ({@link ShardkitPropertiesValidationTest}).
 */
@ExtendWith(OutputCaptureExtension.class)
class ShardkitIdsAutoConfigurationTest {

    private static final String WARNING = "has no node bits, so ids are unique only while ONE application node";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ShardkitAutoConfiguration.class))
            .withPropertyValues(TestShards.withOrdersRule("ids"));

    @Test
    void byDefaultTheGeneratorAndIdRulesUseThePersistedDefaultLayout(CapturedOutput output) {
        runner.withPropertyValues("shardkit.rules.order-ids.strategy=id").run(context -> {
            ShardIdGenerator ids = context.getBean(ShardIdGenerator.class);
            assertThat(ids.layout()).isEqualTo(IdLayout.DEFAULT);
            assertThat(ids.nodeId()).isZero();
            assertMintedIdsRouteWithTheirKeys(context.getBean(ShardingRules.class), ids);
        });
        assertThat(output.getOut().split(WARNING, -1)).as("the single-node warning, once").hasSize(2);
    }

    @Test
    void aConfiguredLayoutAndNodeIdReachTheGeneratorAndTheIdRules(CapturedOutput output) {
        runner.withPropertyValues("shardkit.rules.order-ids.strategy=id", "shardkit.ids.layout.shard-bits=8",
                "shardkit.ids.layout.node-bits=4", "shardkit.ids.layout.sequence-bits=10",
                "shardkit.ids.layout.epoch=2024-06-01T00:00:00Z", "shardkit.ids.node-id=5").run(context -> {
                    IdLayout expected = IdLayout.custom().shardBits(8).nodeBits(4).sequenceBits(10)
                            .epoch(Instant.parse("2024-06-01T00:00:00Z")).build();
                    ShardIdGenerator ids = context.getBean(ShardIdGenerator.class);
                    assertThat(ids.layout()).isEqualTo(expected);
                    assertThat(ids.nodeId()).isEqualTo(5);
                    long id = ids.nextId(3);
                    assertThat(expected.nodeOf(id)).isEqualTo(5);
                    ShardingRule orderIds = context.getBean(ShardingRules.class).rule("order-ids");
                    assertThat(orderIds.shardOf(id).index()).isEqualTo(3);
                    assertThat(IdLayout.DEFAULT.shardOf(id)).as("the default layout would decode another shard")
                            .isNotEqualTo(3);
                    assertMintedIdsRouteWithTheirKeys(context.getBean(ShardingRules.class), ids);
                });
        assertThat(output.getOut()).doesNotContain(WARNING);
    }

    @Test
    void anApplicationThatUsesNoIdsMakesNoGeneratorAndGetsNoWarning(CapturedOutput output) {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBeanFactory().containsSingleton("shardIdGenerator")).isFalse();
        });
        assertThat(output.getOut()).doesNotContain(WARNING);
    }

    @Test
    void anApplicationsOwnGeneratorWinsAndIdRulesDecodeWithItsLayout(CapturedOutput output) {
        IdLayout own = IdLayout.custom().shardBits(4).nodeBits(2).sequenceBits(12).build();
        runner.withPropertyValues("shardkit.rules.order-ids.strategy=id")
                .withBean(ShardIdGenerator.class, () -> ShardIdGenerator.custom().layout(own).nodeId(3).build())
                .run(context -> {
                    ShardIdGenerator ids = context.getBean(ShardIdGenerator.class);
                    assertThat(ids.layout()).isEqualTo(own);
                    long id = ids.nextId(2);
                    assertThat(context.getBean(ShardingRules.class).rule("order-ids").shardOf(id).index())
                            .isEqualTo(2);
                    assertMintedIdsRouteWithTheirKeys(context.getBean(ShardingRules.class), ids);
                });
        assertThat(output.getOut()).doesNotContain(WARNING);
    }

    /** An id minted for a customer on the orders rule routes, through the id rule, to the customer's shard. */
    private static void assertMintedIdsRouteWithTheirKeys(ShardingRules rules, ShardIdGenerator ids) {
        ShardingRule orders = rules.rule("orders");
        ShardingRule orderIds = rules.rule("order-ids");
        for (long customer = 0; customer < 200; customer++) {
            assertThat(orderIds.shardOf(ids.nextIdFor(orders, customer))).isEqualTo(orders.shardOf(customer));
        }
    }
}

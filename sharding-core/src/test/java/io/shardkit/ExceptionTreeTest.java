package io.shardkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.id.IdLayout;
import io.shardkit.id.InvalidIdException;
import io.shardkit.strategy.ShardingStrategies;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One tree a caller can catch, messages built by the exceptions themselves, and the source added per type. */
class ExceptionTreeTest {

    private static final String SOURCE = "OrderRepository.find(long) key [#p0]";

    @Test
    void anUnknownVariableOfAClassCompiledWithoutParameterNamesSaysHowToCompileIt() {
        assertThat(ShardKeyResolutionException.unknownVariable("orders", "#id", "Orders.amount(long)", "id",
                List.of("arg0")).getMessage())
                .endsWith("the parameters are [arg0] (also #p0 / #a0 by position); the class was compiled without"
                        + " parameter names: compile it with javac -parameters (Spring Boot's Maven and Gradle plugins"
                        + " do) to use #name");
        assertThat(ShardKeyResolutionException.unknownVariable("orders", "#ordr", "Orders.save(Order)", "ordr",
                List.of("order")).getMessage()).endsWith("the parameters are [order] (also #p0 / #a0 by position)");
    }

    @Test
    void aKeyOutOfRangeIsAnInvalidShardKeyAndKeepsItsTypeWhenTheSourceIsAdded() {
        NamedShardingStrategy prices = ShardingStrategies.range(Long.class)
                .range(KeyRange.closedOpen(0L, 9000L), "shard-0").build();
        assertThatThrownBy(() -> prices.shardOf("by-price", 42_000L)).isInstanceOf(InvalidShardKeyException.class)
                .isInstanceOfSatisfying(KeyOutOfRangeException.class, ex -> {
                    assertThat(ex.getRanges()).isEqualTo("[0..9000)");
                    KeyOutOfRangeException sourced = ex.from(SOURCE);
                    assertThat(sourced).hasMessage("Rule 'by-price': key [java.lang.Long 42000] (from " + SOURCE
                            + ") falls in no range; ranges are [0..9000)").hasCause(ex);
                    assertThat(sourced.getSource()).isEqualTo(SOURCE);
                    assertThat(sourced.getKey()).isEqualTo(42_000L);
                });
    }

    @Test
    void aMalformedIdKeepsItsTypeWhenTheSourceIsAdded() {
        assertThatThrownBy(() -> IdLayout.DEFAULT.shardOf("order-ids", -5L, 4))
                .isInstanceOfSatisfying(InvalidIdException.class, ex -> assertThat(ex.from(SOURCE))
                        .isInstanceOf(InvalidIdException.class)
                        .hasMessageStartingWith("Rule 'order-ids': id [-5] (from " + SOURCE + ") is negative"));
    }

    @Test
    void anUnsupportedKeyNamesRuleKeyAndWhatTheRuleTakes() {
        InvalidShardKeyException ex = InvalidShardKeyException.unsupported("orders", 4.2d, "a non-null Long");
        assertThat(ex).hasMessage("Rule 'orders': key [java.lang.Double 4.2] is not a valid shard key; "
                + "expected a non-null Long");
        assertThat(ex.from(SOURCE)).hasMessage("Rule 'orders': key [java.lang.Double 4.2] (from " + SOURCE
                + ") is not a valid shard key; expected a non-null Long").isExactlyInstanceOf(
                InvalidShardKeyException.class);
    }

    @Test
    void noRuleNamedWithoutADefaultRuleReadsAsOneSentence() {
        // Before: "Unknown sharding rule '<default>' (named by X, which names no rule while ... is not set,); ..."
        assertThat(UnknownRuleException.noDefault(List.of("orders"), "OrderRepository.find(long)")).hasMessage(
                "OrderRepository.find(long) names no rule and shardkit.default-rule is not set; name one of "
                        + "[orders] or set a default rule");
        assertThat(UnknownRuleException.namedBy("order", List.of("orders"), "Repo.m()"))
                .hasMessage("Unknown sharding rule 'order' (named by Repo.m()); known rules are [orders]");
        assertThatThrownBy(() -> ShardingRules.of(List.of(), null).ruleOrDefault(""))
                .isInstanceOf(UnknownRuleException.class)
                .hasMessage("No rule named and shardkit.default-rule is not set; name one of [] or set a default rule");
    }

    @Test
    void aSecondShardAndAFanOutInsideAUnitOfWorkAreOneType() {
        CrossShardTransactionException second = CrossShardTransactionException.secondShard("orders", 7L,
                "OrderRepository.insert(Order)", "shard-2", "shard-1", "OrderService.placeBoth", true);
        assertThat(second).hasMessage("Rule 'orders': OrderRepository.insert(Order) routes key [java.lang.Long 7] "
                + "to shard 'shard-2' but the open transaction (opened by OrderService.placeBoth) is bound to shard "
                + "'shard-1'; one unit of work may use one shard only");
        assertThat(second.getShard()).isEqualTo("shard-2");
        assertThat(second.getBoundShard()).isEqualTo("shard-1");
        assertThat(second.getOpenedBy()).isEqualTo("OrderService.placeBoth");
        CrossShardTransactionException fanOut = CrossShardTransactionException.fanOut("orders",
                "OrderReports.countAll()", "shard-0", null, false);
        assertThat(fanOut).hasMessageStartingWith("Rule 'orders': OrderReports.countAll() fans out over several "
                + "shards but was called inside a routed call bound to shard 'shard-0'; ");
        assertThat(fanOut.getBoundShard()).isEqualTo("shard-0");
        assertThat(fanOut.getShard()).isNull();
    }
}

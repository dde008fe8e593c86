package io.shardkit.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.InvalidShardKeyException;
import io.shardkit.NoShardBoundException;
import io.shardkit.ShardContext;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardScope;
import io.shardkit.ShardingConfigurationException;
import io.shardkit.ShardingRule;
import io.shardkit.ShardingRules;
import io.shardkit.annotation.ShardKey;
import io.shardkit.strategy.ShardingStrategies;
import io.shardkit.testing.DataSourceStub;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rows that carry their key are refused on a shard their key does not route to. */
class ShardGuardTest {

    record Order(long id, @ShardKey(rule = "orders") long customerId) {
    }

    static class Invoice {
        @ShardKey
        Long customerId;

        Invoice(Long customerId) {
            this.customerId = customerId;
        }
    }

    static class CreditNote extends Invoice {
        CreditNote(Long customerId) {
            super(customerId);
        }
    }

    static class Legacy {
        private final long custNo;

        Legacy(long custNo) {
            this.custNo = custNo;
        }
    }

    static class TwoKeys {
        @ShardKey
        long a;
        @ShardKey
        long b;
    }

    record Merchant(long id, String name) {
    }

    private final ShardRegistry registry = ShardRegistry.builder()
            .shard("shard-0", stub()).shard("shard-1", stub()).shard("shard-2", stub()).build();
    private final ShardingRule orders = ShardingRule.over("orders", registry, ShardingStrategies.hash(3));
    private final ShardingRules rules = ShardingRules.of(List.of(orders), "orders");
    private final ShardGuard guard = ShardGuard.of(rules);

    @Test
    void anEntityOnItsOwnShardPassesAndOneOfAnotherShardIsRefusedNamingBoth() {
        long a = customerOn(0);
        long b = customerOn(1);
        try (ShardScope scope = ShardContext.bind(registry.shard(0))) {
            assertThatCode(() -> guard.checkEntity(new Order(1, a))).doesNotThrowAnyException();
            assertThatThrownBy(() -> guard.checkEntity(new Order(2, b)))
                    .isInstanceOfSatisfying(WrongShardWriteException.class, ex -> {
                        assertThat(ex.getRule()).isEqualTo("orders");
                        assertThat(ex.getKey()).isEqualTo(b);
                        assertThat(ex.getShard()).isEqualTo("shard-1");
                        assertThat(ex.getTargetShard()).isEqualTo("shard-0");
                        assertThat(ex.getEntityType()).isEqualTo(Order.class.getName());
                    })
                    .hasMessage("Rule 'orders': entity [" + Order.class.getName() + "] has key [java.lang.Long " + b
                            + "] (customerId) routing to shard 'shard-1' but is written on shard 'shard-0'; save it "
                            + "in a call routed by its own key");
        }
    }

    @Test
    void fieldsSuperclassesAndTheDefaultRuleAreRead() {
        long b = customerOn(1);
        assertThatCode(() -> guard.checkEntity(new Invoice(b), "shard-1")).doesNotThrowAnyException();
        assertThatThrownBy(() -> guard.checkEntity(new CreditNote(b), "shard-2"))
                .isInstanceOf(WrongShardWriteException.class).hasMessageContaining("(customerId)");
        assertThat(guard.keyOf(CreditNote.class)).get().extracting(EntityShardKey::property).isEqualTo("customerId");
    }

    @Test
    void aTypeWithoutAKeyIsNotCheckedAndANullKeyIsTheRulesOwnError() {
        assertThatCode(() -> guard.checkEntity(new Merchant(1, "m"), "shard-2")).doesNotThrowAnyException();
        assertThat(guard.keyOf(Merchant.class)).isEmpty();
        assertThatThrownBy(() -> guard.checkEntity(new Invoice(null), "shard-0"))
                .isInstanceOf(InvalidShardKeyException.class).hasMessageContaining("[null]");
    }

    @Test
    void configurationDeclaresKeysOfClassesThatCannotBeAnnotated() {
        ShardGuard configured = ShardGuard.of(rules, EntityShardKeys.builder()
                .entity(Legacy.class, "orders", "custNo").build());
        long b = customerOn(1);
        assertThatThrownBy(() -> configured.checkEntity(new Legacy(b), "shard-0"))
                .isInstanceOf(WrongShardWriteException.class).hasMessageContaining("(custNo)");
        assertThatThrownBy(() -> EntityShardKeys.builder().entity(Legacy.class, "orders", "customer"))
                .isInstanceOf(ShardingConfigurationException.class)
                .hasMessageContaining("[" + Legacy.class.getName() + "] has no field or record component 'customer'");
        assertThatThrownBy(() -> EntityShardKeys.builder().entity(Legacy.class, "", "custNo")
                .entity(Legacy.class, "", "custNo")).hasMessageContaining("declared twice");
    }

    @Test
    void twoKeysInOneTypeAreRefused() {
        assertThatThrownBy(() -> guard.keyOf(TwoKeys.class)).isInstanceOf(ShardingConfigurationException.class)
                .hasMessageContaining("two @ShardKey fields, 'a' and 'b'");
    }

    @Test
    void keysAreCheckedAgainstTheBoundShardAndNothingBoundIsRefused() {
        long a = customerOn(2);
        try (ShardScope scope = ShardContext.bind(registry.shard(2))) {
            assertThatCode(() -> guard.checkKey("orders", a)).doesNotThrowAnyException();
            assertThatThrownBy(() -> guard.checkKey("", customerOn(0)))
                    .isInstanceOf(WrongShardWriteException.class)
                    .hasMessageContaining("routes to shard 'shard-0' but the write runs on shard 'shard-2'");
        }
        assertThatThrownBy(() -> guard.checkKey("orders", a)).isInstanceOf(NoShardBoundException.class);
        assertThatThrownBy(() -> guard.checkEntity(new Order(1, a))).isInstanceOf(NoShardBoundException.class);
    }

    private long customerOn(int shard) {
        for (long customer = 1; ; customer++) {
            if (orders.shardOf(customer).index() == shard) {
                return customer;
            }
        }
    }

    private static DataSourceStub stub() {
        return new DataSourceStub() {
            @Override
            public Connection getConnection() {
                throw new UnsupportedOperationException("no database in this test");
            }
        };
    }
}

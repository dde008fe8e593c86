package io.shardkit.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardkit.ShardingConfigurationException;
import io.shardkit.entity.EntityShardKey;
import io.shardkit.entity.ShardGuard;
import io.shardkit.spring.testing.TestShards;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The {@link ShardGuard} bean reads entity keys from {@code @ShardKey} and from {@code shardkit.entities[...]},
 * and a configured entity that cannot be checked fails the start naming its property.
 */
class ShardkitEntityGuardAutoConfigurationTest {

    /** A class an application cannot annotate (generated, or from a library). */
    public static final class LegacyOrder {
        long custNo;
    }

    private static final String ENTITY = "shardkit.entities[" + LegacyOrder.class.getName() + "]";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ShardkitAutoConfiguration.class,
                    ShardkitEntityGuardAutoConfiguration.class))
            .withPropertyValues(TestShards.withOrdersRule("guard"));

    @Test
    void aConfiguredEntityIsChecked() {
        runner.withPropertyValues(ENTITY + ".key=custNo", ENTITY + ".rule=orders").run(context -> {
            EntityShardKey key = context.getBean(ShardGuard.class).keyOf(LegacyOrder.class).orElseThrow();
            assertThat(key.property()).isEqualTo("custNo");
            assertThat(key.rule()).isEqualTo("orders");
        });
    }

    @Test
    void anUnknownFieldClassOrRuleFailsTheStartNamingTheProperty() {
        assertFailsAt(ENTITY + ".key", "no field or record component 'customer'", ENTITY + ".key=customer");
        assertFailsAt(ENTITY + ".rule", "'nope'", ENTITY + ".key=custNo", ENTITY + ".rule=nope");
        assertFailsAt(ENTITY + ".key", "is required", ENTITY + ".rule=orders");
        String missing = "shardkit.entities[com.acme.Missing]";
        assertFailsAt(missing, "no entity class [com.acme.Missing]", missing + ".key=id");
    }

    private void assertFailsAt(String property, String message, String... properties) {
        runner.withPropertyValues(properties).run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            while (failure != null && !(failure instanceof ShardingConfigurationException)) {
                failure = failure.getCause();
            }
            assertThat(failure).isInstanceOfSatisfying(ShardingConfigurationException.class, ex -> {
                assertThat(ex.getProperty()).isEqualTo(property);
                assertThat(ex).hasMessageContaining(message);
            });
        });
    }
}

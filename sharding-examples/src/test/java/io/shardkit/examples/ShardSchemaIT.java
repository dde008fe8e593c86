package io.shardkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.Shard;
import io.shardkit.ShardRegistry;
import io.shardkit.entity.WrongShardWriteException;
import io.shardkit.examples.order.NewOrder;
import io.shardkit.examples.order.OrderLine;
import io.shardkit.examples.order.OrderRepository;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The service's order tables come from its Flyway migration, run by shardkit on every shard with each shard's own
 * history, and its Spring Data JDBC orders are refused on a shard their customer does not route to.
 */
class ShardSchemaIT {

    @Test
    void everyShardHasTheOrderTablesFromItsOwnFlywayHistory() {
        try (ConfigurableApplicationContext service = RunningService.start(3, 1, false)) {
            for (Shard shard : service.getBean(ShardRegistry.class).shards()) {
                JdbcTemplate direct = new JdbcTemplate(shard.dataSource());
                assertThat(direct.queryForList("SELECT \"script\" FROM \"flyway_schema_history\" "
                        + "WHERE \"success\" = TRUE AND \"type\" = 'SQL'", String.class)).as(shard.name())
                        .containsExactly("V1__order_tables.sql");
                assertThat(direct.queryForObject("SELECT COUNT(*) FROM order_items", Integer.class)).isZero();
            }
        }
    }

    @Test
    void anOrderWrittenOnAnotherCustomersShardIsRefused() {
        try (ConfigurableApplicationContext service = RunningService.start(2, 1, false)) {
            ShardRegistry registry = service.getBean(ShardRegistry.class);
            OrderRepository repository = service.getBean(OrderRepository.class);
            NewOrder order = new NewOrder(customerNotOn(service, registry.shard(0)), 1,
                    List.of(new OrderLine("tea", 1, 100)));
            try (var scope = registry.bind(registry.shard(0).name())) {
                assertThatThrownBy(() -> repository.insert(1, order, Instant.now()))
                        .isInstanceOf(WrongShardWriteException.class);
            }
        }
    }

    private static long customerNotOn(ConfigurableApplicationContext service, Shard shard) {
        var orders = service.getBean(io.shardkit.ShardingRules.class).rule("orders");
        for (long customer = 1; ; customer++) {
            if (!orders.shardOf(customer).equals(shard)) {
                return customer;
            }
        }
    }
}

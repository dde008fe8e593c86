package io.shardkit.examples;

import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.ShardPoolConfig;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardScope;
import io.shardkit.ShardingRule;
import io.shardkit.routing.ShardRoutingDataSource;
import io.shardkit.strategy.ShardingStrategies;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Places orders on 4 embedded H2 shards through the core API alone (no Spring) and prints where they landed.
 */
public final class RoutingDemo {

    private RoutingDemo() {
    }

    public static void main(String[] args) throws SQLException {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        var builder = ShardRegistry.builder();
        for (int i = 0; i < 4; i++) {
            builder.shard("shard-" + i, ShardPoolConfig.custom().url("jdbc:h2:mem:demo" + i + ";DB_CLOSE_DELAY=-1")
                    .username("sa").maximumPoolSize(2).build());
        }
        try (ShardRegistry registry = builder.build()) {
            ShardingRule rule = ShardingRule.over("orders", registry, ShardingStrategies.hash(registry.size()));
            ShardRoutingDataSource routing = ShardRoutingDataSource.create();
            for (Shard shard : registry.shards()) {
                try (ShardScope ignored = ShardContext.bind(shard);
                     Connection c = routing.getConnection(); Statement s = c.createStatement()) {
                    s.execute("create table orders (customer_id bigint, amount bigint)");
                }
            }
            long start = System.nanoTime();
            for (long customer = 1; customer <= orders; customer++) {
                try (ShardScope ignored = ShardContext.bind(rule.shardOf(customer));
                     Connection c = routing.getConnection();
                     PreparedStatement ps = c.prepareStatement("insert into orders values (?, ?)")) {
                    ps.setLong(1, customer);
                    ps.setLong(2, customer * 100);
                    ps.executeUpdate();
                }
            }
            long micros = (System.nanoTime() - start) / 1_000;
            System.out.printf("placed %d orders in %d ms%n", orders, micros / 1_000);
            for (Shard shard : registry.shards()) {
                try (ShardScope ignored = ShardContext.bind(shard); Connection c = routing.getConnection();
                     ResultSet rs = c.createStatement().executeQuery("select count(*) from orders")) {
                    rs.next();
                    System.out.printf("  %-8s %6d rows%n", shard.name(), rs.getLong(1));
                }
            }
        }
    }
}

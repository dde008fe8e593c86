package io.shardkit.layout;

import io.shardkit.ShardRegistry;
import io.shardkit.ShardRegistryBuilder;
import io.shardkit.ShardingRule;
import io.shardkit.strategy.ShardingStrategies;
import io.shardkit.testing.DataSourceStub;
import io.shardkit.testing.H2ShardFixtures;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** Test fixture: H2 databases, fenced registries over them in any order, and a DataSource that can be "down". */
final class FencedShards {

    private FencedShards() {
    }

    /** {@code n} fresh H2 databases. */
    static List<DataSource> databases(String label, int n) {
        List<DataSource> databases = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL(H2ShardFixtures.uniqueUrl(label + i));
            databases.add(ds);
        }
        return databases;
    }

    /** A registry of shards {@code shard-0..} on {@code databases} (shard i on databases.get(i)), gated by fence. */
    static ShardRegistry registry(LayoutFence fence, List<? extends DataSource> databases) {
        ShardRegistryBuilder builder = ShardRegistry.builder().gates(fence);
        for (int i = 0; i < databases.size(); i++) {
            builder.shard("shard-" + i, i, databases.get(i));
        }
        return builder.build();
    }

    /** A hash rule "orders" over every shard. */
    static List<ShardingRule> orders(ShardRegistry registry) {
        return List.of(ShardingRule.over("orders", registry, ShardingStrategies.hash(registry.size())));
    }

    /** A DataSource that refuses connections while down, like a database whose server is stopped. */
    static final class Switchable extends DataSourceStub {
        private final DataSource target;
        private volatile boolean up;

        Switchable(DataSource target, boolean up) {
            this.target = target;
            this.up = up;
        }

        void up() {
            up = true;
        }

        void down() {
            up = false;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (!up) {
                throw new SQLTransientConnectionException("Connection refused (test: server down)", "08001");
            }
            return target.getConnection();
        }
    }
}

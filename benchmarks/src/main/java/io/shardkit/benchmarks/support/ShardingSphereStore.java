package io.shardkit.benchmarks.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.apache.shardingsphere.driver.api.yaml.YamlShardingSphereDataSourceFactory;
import org.jspecify.annotations.Nullable;

/**
 * Peer (d), Apache ShardingSphere-JDBC 5.5.2 in standalone mode, built from YAML bytes: the same shards, the
 * same HikariCP pool sizes, {@code t_order} declared over {@code ds_0..ds_(n-1)} with a {@code CLASS_BASED}
 * standard algorithm that calls shardkit's hash strategy ({@link ShardkitHashShardingAlgorithm}), SQL logging
 * off. Statements are the same {@link java.sql.PreparedStatement}s as every other peer's.
 *
 * <p>Thread-safe.
 */
public final class ShardingSphereStore implements OrderStore {

    private final DataSource dataSource;
    private final OrderStore statements;

    /** Starts ShardingSphere-JDBC on {@code shards} with pools of {@code poolSize} connections per shard. */
    public ShardingSphereStore(H2Shards shards, int poolSize) {
        byte[] yaml = yaml(shards, poolSize).getBytes(StandardCharsets.UTF_8);
        try {
            this.dataSource = YamlShardingSphereDataSourceFactory.createDataSource(yaml);
        } catch (SQLException | IOException ex) {
            throw new IllegalStateException("ShardingSphere-JDBC did not start: " + ex.getMessage(), ex);
        }
        this.statements = new DataSourceStore(dataSource);
    }

    /** The ShardingSphere DataSource, for queries beyond the point select (e.g. ORDER BY ... LIMIT). */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The YAML configuration: one data source per shard and the sharded {@code t_order}. */
    static String yaml(H2Shards shards, int poolSize) {
        StringBuilder y = new StringBuilder(1024);
        y.append("databaseName: shardkit_bench\n")
                .append("mode:\n  type: Standalone\n  repository:\n    type: JDBC\n    props:\n")
                .append("      provider: H2\n")
                .append("      jdbc_url: jdbc:h2:mem:").append(configDatabase(shards)).append(";DB_CLOSE_DELAY=-1\n")
                .append("dataSources:\n");
        StringBuilder nodes = new StringBuilder();
        for (int i = 0; i < shards.count(); i++) {
            String name = H2Shards.shardName(i);
            y.append("  ").append(name).append(":\n")
                    .append("    dataSourceClassName: com.zaxxer.hikari.HikariDataSource\n")
                    .append("    driverClassName: org.h2.Driver\n")
                    .append("    jdbcUrl: ").append(shards.url(i)).append('\n')
                    .append("    username: sa\n    password: ''\n")
                    .append("    maximumPoolSize: ").append(poolSize).append('\n')
                    .append("    minimumIdle: ").append(poolSize).append('\n');
            nodes.append(i == 0 ? "" : ",").append(name).append(".t_order");
        }
        y.append("rules:\n- !SHARDING\n  tables:\n    t_order:\n")
                .append("      actualDataNodes: ").append(nodes).append('\n')
                .append("      databaseStrategy:\n        standard:\n          shardingColumn: order_id\n")
                .append("          shardingAlgorithmName: shardkit_hash\n")
                .append("  shardingAlgorithms:\n    shardkit_hash:\n      type: CLASS_BASED\n      props:\n")
                .append("        strategy: STANDARD\n")
                .append("        algorithmClassName: ").append(ShardkitHashShardingAlgorithm.class.getName())
                .append('\n')
                .append("        ").append(ShardkitHashShardingAlgorithm.SHARD_COUNT).append(": ")
                .append(shards.count()).append('\n')
                .append("props:\n  sql-show: false\n");
        return y.toString();
    }

    private static String configDatabase(H2Shards shards) {
        // Its metadata repository gets a database of its own per instance, named after the first shard's.
        String url = shards.url(0);
        return url.substring("jdbc:h2:mem:".length(), url.indexOf(';')) + "_ss_config";
    }

    @Override
    public @Nullable Order find(long orderId) throws SQLException {
        return statements.find(orderId);
    }

    @Override
    public void insert(Order order) throws SQLException {
        statements.insert(order);
    }

    @Override
    public void close() {
        try {
            ((AutoCloseable) dataSource).close();
        } catch (Exception ex) {
            throw new IllegalStateException("ShardingSphere-JDBC did not close: " + ex.getMessage(), ex);
        }
    }
}

package io.shardkit.layout;

import static io.shardkit.layout.FencedShards.databases;
import static io.shardkit.layout.FencedShards.orders;
import static io.shardkit.layout.FencedShards.registry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.ShardContext;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardScope;
import io.shardkit.ShardingRule;
import io.shardkit.audit.ShardAudit;
import io.shardkit.directory.DirectoryConfig;
import io.shardkit.directory.DirectoryStrategy;
import io.shardkit.outbox.InMemoryOutboxPublisher;
import io.shardkit.outbox.OutboxPollResult;
import io.shardkit.outbox.OutboxRelay;
import io.shardkit.outbox.OutboxSchema;
import io.shardkit.routing.ShardRoutingDataSource;
import io.shardkit.scatter.FailurePolicy;
import io.shardkit.scatter.Merges;
import io.shardkit.scatter.ScatterGatherExecutor;
import io.shardkit.scatter.ScatterResult;
import io.shardkit.scatter.ShardFailure;
import java.sql.Connection;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A fenced shard serves no path that takes a connection from it: the routing DataSource, scatter-gather, the
 * directory, the audit and the outbox relay all meet the gate (here shard-1's url reaches shard-0's database, which
 * is up).
 */
class FencedPathsTest {

    private ShardRegistry registry;
    private ShardingRule rule;

    @BeforeEach
    void fenceShardOne() {
        List<DataSource> dbs = databases("paths", 2);
        LayoutFenceTest.verify(LayoutFence.ofDefaults(), dbs);
        LayoutFence fence = LayoutFence.ofDefaults();
        registry = registry(fence, List.of(dbs.get(0), dbs.get(0)));
        rule = orders(registry).get(0);
        assertThatThrownBy(() -> fence.verify(registry, List.of(rule))).isInstanceOf(LayoutMismatchException.class);
    }

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void theRoutingDataSource() throws Exception {
        try (ShardScope scope = ShardContext.bind(registry.shard("shard-1"))) {
            assertThatThrownBy(() -> ShardRoutingDataSource.create().getConnection())
                    .isInstanceOf(ShardNotVerifiedException.class).hasMessageContaining("is fenced");
        }
        try (ShardScope scope = ShardContext.bind(registry.shard("shard-0"));
             Connection c = ShardRoutingDataSource.create().getConnection()) {
            assertThat(c).isNotNull();
        }
    }

    @Test
    void scatterGather() {
        try (ScatterGatherExecutor executor = ScatterGatherExecutor.builder().failurePolicy(FailurePolicy.PARTIAL)
                .build()) {
            DataSource routing = ShardRoutingDataSource.create();
            ScatterResult<List<String>> result = executor.onEveryShard(rule, request -> {
                try (Connection c = routing.getConnection()) {
                    return List.of(request.shard().name());
                }
            }, Merges.concat());
            assertThat(result.value()).containsExactly("shard-0");
            assertThat(result.failures()).extracting(f -> f.shard().name()).containsExactly("shard-1");
            assertThat(result.failures()).extracting(ShardFailure::cause)
                    .allSatisfy(cause -> assertThat(cause).isInstanceOf(ShardNotVerifiedException.class));
        }
    }

    @Test
    void theDirectoryOnAFencedHome() {
        DirectoryStrategy directory = DirectoryStrategy.create(registry.shard("shard-1"),
                List.of("shard-0", "shard-1"), DirectoryConfig.ofDefaults());
        assertThatThrownBy(() -> directory.shardOf("merchants", 42L)).isInstanceOf(ShardNotVerifiedException.class);
    }

    @Test
    void theOutboxRelay() {
        OutboxSchema.create(registry.shard("shard-0").rawDataSource());
        try (OutboxRelay relay = OutboxRelay
                .builder(new InMemoryOutboxPublisher()).shards(registry).build()) {
            OutboxPollResult fenced = relay.pollShard("shard-1");
            assertThat(fenced.status()).isEqualTo(OutboxPollResult.Status.FAILED);
            assertThat(fenced.failure()).contains("is fenced");
            assertThat(relay.pollShard("shard-0").status()).isNotEqualTo(OutboxPollResult
                    .Status.FAILED);
        }
    }

    @Test
    void theAudit() throws Exception {
        try (Connection c = registry.shard("shard-0").rawDataSource().getConnection()) {
            c.createStatement().execute("create table orders (customer_id bigint)");
        }
        assertThatThrownBy(() -> ShardAudit.of(rule).table("orders").keyColumn("customer_id").build().run())
                .isInstanceOf(ShardNotVerifiedException.class).hasMessageContaining("Shard 'shard-1'");
    }
}

package io.shardkit.spring.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.ShardRegistry;
import io.shardkit.ShardingRules;
import io.shardkit.spring.boot.autoconfigure.ShardDataSources;
import io.shardkit.spring.boot.autoconfigure.ShardkitActuatorAutoConfiguration;
import io.shardkit.spring.boot.autoconfigure.ShardkitAutoConfiguration;
import io.shardkit.spring.testing.TestShards;
import io.shardkit.testing.DataSourceStub;
import io.shardkit.testing.H2ShardFixtures;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Shard health (UP, DOWN with the reason, DOWN on time when a shard hangs) and the {@code shardkit} endpoint. */
class ShardkitActuatorTest {

    private final CountDownLatch release = new CountDownLatch(1);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ShardkitAutoConfiguration.class,
                    ShardkitActuatorAutoConfiguration.class))
            .withPropertyValues(TestShards.withOrdersRule("actuator"))
            // Generous for healthy shards: a probe's first connection on a loaded machine can take a while.
            .withPropertyValues("shardkit.health.timeout=10s", "management.endpoints.web.exposure.include=*");

    @AfterEach
    void releaseHangingShard() {
        release.countDown();
    }

    @Test
    void everyHealthyShardIsUpWithItsPoolState() {
        runner.run(context -> {
            CompositeHealthContributor shardkit = context.getBean("shardkitHealthContributor",
                    CompositeHealthContributor.class);
            assertThat(shardkit.stream().map(HealthContributors.Entry::name))
                    .containsExactly("shard-0", "shard-1", "shard-2", "shard-3");
            Health health = health(shardkit, "shard-2");
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("shard", "shard-2").containsEntry("index", 2)
                    .containsEntry("database", "H2").containsKeys("active", "idle", "total", "waiting");
        });
    }

    @Test
    void aFailingShardIsDownWithTheReasonAndTheOthersStayUp() {
        runner.withBean(ShardDataSources.class, () -> ShardDataSources.builder()
                .shard("broken", 4, new StubDataSource(() -> {
                    throw new SQLException("Connection refused: db9:5432");
                })).build()).run(context -> {
                    CompositeHealthContributor shardkit = context.getBean("shardkitHealthContributor",
                            CompositeHealthContributor.class);
                    Health broken = health(shardkit, "broken");
                    assertThat(broken.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(broken.getDetails()).containsEntry("shard", "broken")
                            .containsEntry("error", "java.sql.SQLException: Connection refused: db9:5432");
                    assertThat(health(shardkit, "shard-0").getStatus()).isEqualTo(Status.UP);
                });
    }

    @Test
    void aHangingShardIsDownWithinTheTimeout() {
        // Without the layout check, which would wait on the hanging DataSource at start-up (it has no timeout).
        runner.withPropertyValues("shardkit.health.timeout=300ms", "shardkit.layout.enabled=false")
                .withBean(ShardDataSources.class, () -> ShardDataSources.builder()
                .shard("hanging", 4, new StubDataSource(() -> {
                    release.await(30, TimeUnit.SECONDS);
                    throw new SQLException("released");
                })).build()).run(context -> {
                    CompositeHealthContributor shardkit = context.getBean("shardkitHealthContributor",
                            CompositeHealthContributor.class);
                    long start = System.nanoTime();
                    Health hanging = health(shardkit, "hanging");
                    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    assertThat(hanging.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(hanging.getDetails()).containsEntry("error", "no valid connection within 300ms");
                    // At least the timeout; at most a bound far below the 30 s the shard hangs for.
                    assertThat(millis).isBetween(250L, 5_000L);
                    assertThat(health(shardkit, "hanging").getStatus()).as("a second check reuses the probe")
                            .isEqualTo(Status.DOWN);
                });
    }

    @Test
    void bootsDbHealthLeavesTheRoutingDataSourceOut() {
        runner.run(context -> assertThat(context.getBean("dbHealthContributor", CompositeHealthContributor.class)
                .stream()).isEmpty());
        runner.withBean("reportingDataSource", DataSource.class,
                () -> H2ShardFixtures.dataSource("reporting"))
                .run(context -> {
                    CompositeHealthContributor db = context.getBean("dbHealthContributor",
                            CompositeHealthContributor.class);
                    assertThat(db.stream().map(HealthContributors.Entry::name)).containsExactly("reportingDataSource");
                    assertThat(health(db, "reportingDataSource").getStatus()).isEqualTo(Status.UP);
                });
    }

    @Test
    void theEndpointDescribesShardsAndRules() {
        runner.withPropertyValues("shardkit.rules.names.strategy=hash").run(context -> {
            ShardkitEndpoint.Description description = (ShardkitEndpoint.Description) context
                    .getBean(ShardkitEndpoint.class).shardkit(null, null, null);
            assertThat(description.defaultRule()).isEqualTo("orders");
            assertThat(description.shards()).extracting(ShardkitEndpoint.ShardDescription::name)
                    .containsExactly("shard-0", "shard-1", "shard-2", "shard-3");
            assertThat(description.shards().get(1).location()).startsWith("jdbc:h2:mem:actuator-")
                    .endsWith("-1;DB_CLOSE_DELAY=-1");
            assertThat(description.rules()).containsExactly(
                    new ShardkitEndpoint.RuleDescription("orders", "hash(jump, 4 shards)",
                            java.util.List.of("shard-0", "shard-1", "shard-2", "shard-3"), "long"),
                    new ShardkitEndpoint.RuleDescription("names", "hash(jump, 4 shards)",
                            java.util.List.of("shard-0", "shard-1", "shard-2", "shard-3"), null));
        });
    }

    @Test
    void theEndpointAnswersWhereAKeyLivesInTheRulesKeyType() {
        runner.withPropertyValues("shardkit.rules.names.strategy=hash").run(context -> {
            ShardkitEndpoint endpoint = context.getBean(ShardkitEndpoint.class);
            ShardingRules rules = context.getBean(ShardingRules.class);
            for (long key = 0; key < 50; key++) {
                ShardkitEndpoint.Routing routing = (ShardkitEndpoint.Routing) endpoint.shardkit("orders",
                        Long.toString(key), null);
                assertThat(routing.shard()).isEqualTo(rules.rule("orders").shardOf(key).name());
                assertThat(routing.keyType()).isEqualTo("long");
                ShardkitEndpoint.Routing text = (ShardkitEndpoint.Routing) endpoint.shardkit("names",
                        Long.toString(key), "string");
                assertThat(text.shard()).isEqualTo(rules.rule("names").shardOf(Long.toString(key)).name());
            }
            ShardkitEndpoint.Routing byDefault = (ShardkitEndpoint.Routing) endpoint.shardkit(null, "42", null);
            assertThat(byDefault.rule()).isEqualTo("orders");
            assertThat(byDefault.shard()).isEqualTo(context.getBean(ShardRegistry.class)
                    .shard(byDefault.shardIndex()).name());
        });
    }

    @Test
    void theEndpointRefusesBadQueriesWithTheReason() {
        runner.withPropertyValues("shardkit.rules.names.strategy=hash").run(context -> {
            ShardkitEndpoint endpoint = context.getBean(ShardkitEndpoint.class);
            assertThatThrownBy(() -> endpoint.shardkit("names", "42", null))
                    .isInstanceOf(InvalidEndpointRequestException.class).hasMessageContaining("declares no key-type");
            assertThatThrownBy(() -> endpoint.shardkit("orders", "forty-two", null))
                    .isInstanceOf(InvalidEndpointRequestException.class)
                    .hasMessageContaining("[forty-two] is not a Long");
            assertThatThrownBy(() -> endpoint.shardkit("nope", "42", null))
                    .isInstanceOf(InvalidEndpointRequestException.class)
                    .hasMessageContaining("Unknown sharding rule 'nope'");
            assertThatThrownBy(() -> endpoint.shardkit("orders", "42", "float"))
                    .isInstanceOf(InvalidEndpointRequestException.class)
                    .hasMessageContaining("unknown key type [float]");
        });
    }

    @Test
    void healthCanBeSwitchedOff() {
        runner.withPropertyValues("management.health.shardkit.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("shardkitHealthContributor"));
    }

    private static Health health(CompositeHealthContributor composite, String name) {
        Health health = ((HealthIndicator) composite.getContributor(name)).health(true);
        assertThat(health).isNotNull();
        return health;
    }

    /** A DataSource whose getConnection runs a given action (fail, or hang until released). */
    private static final class StubDataSource extends DataSourceStub {
        private final ConnectionAction action;

        StubDataSource(ConnectionAction action) {
            this.action = action;
        }

        @Override
        public Connection getConnection() throws SQLException {
            try {
                return action.get();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted", ex);
            }
        }
    }

    @FunctionalInterface
    private interface ConnectionAction {
        Connection get() throws SQLException, InterruptedException;
    }
}
